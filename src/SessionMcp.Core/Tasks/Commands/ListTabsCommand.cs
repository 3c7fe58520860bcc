using System.Text.Json.Nodes;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>list_tabs</c>: the session's tabs with index, url, title and which is active.</summary>
internal sealed class ListTabsCommand : IBrowserCommand
{
    public string Name => "list_tabs";

    public PreparedStep Prepare(CommandData data) => new(Name, context => DescribeAsync(context.Session), ProducesOutput: true, LeavesPageAsIs: true);

    internal static async Task<JsonNode?> DescribeAsync(BrowserSession session)
    {
        var active = session.ActiveTab;
        var tabs = new JsonArray();
        var index = 0;
        foreach (var tab in session.Tabs)
        {
            tabs.Add(new JsonObject
            {
                ["index"] = index++,
                ["url"] = tab.Page.Url,
                ["title"] = tab.Page.IsClosed ? "" : await tab.Page.TitleAsync(),
                ["active"] = tab == active,
            });
        }

        return tabs;
    }
}
