using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>switch_tab {index}</c>: makes a tab the active one (list_tabs numbers them from 0).</summary>
internal sealed class SwitchTabCommand : IBrowserCommand
{
    public string Name => "switch_tab";

    public PreparedStep Prepare(CommandData data)
    {
        var index = data.GetInt("index", 0, 1000, "tabs") ?? throw new InvalidArgumentException(data.Field("index"), "is required: the tab's number from list_tabs, from 0.");
        return new PreparedStep(Name, async context =>
        {
            var tab = context.Session.SwitchTo(index);
            await tab.Page.BringToFrontAsync();
            return await PageState.DescribeAsync(tab.Page);
        });
    }
}
