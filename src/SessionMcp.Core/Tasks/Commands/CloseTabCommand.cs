using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>close_tab {index?}</c>: closes a tab (the active one by default); the session stays open, and returns the tabs left.</summary>
internal sealed class CloseTabCommand : IBrowserCommand
{
    public string Name => "close_tab";

    public PreparedStep Prepare(CommandData data)
    {
        var index = data.GetInt("index", 0, 1000, "tabs");
        return new PreparedStep(Name, async context =>
        {
            var previous = context.Session.ActiveTab;
            var tab = index is { } i ? context.Session.SwitchTo(i) : context.Tab;
            await tab.Page.CloseAsync();
            if (previous is not null && previous != tab && context.Session.IndexOf(previous) is var kept and >= 0)
            {
                context.Session.SwitchTo(kept);
            }

            return await ListTabsCommand.DescribeAsync(context.Session) ?? new JsonArray();
        });
    }
}
