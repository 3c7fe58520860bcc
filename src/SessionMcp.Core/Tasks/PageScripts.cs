using Microsoft.Playwright;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Tasks;

/// <summary>
/// Recovers a session whose page stopped answering (a script in an endless loop): the stuck tab is closed without
/// asking the page, and its URL is opened again in a fresh tab, so cookies, storage and the other tabs carry on.
/// </summary>
internal static class PageScripts
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static async Task<string> RecoverAsync(BrowserSession session, SessionTab stuck)
    {
        var url = stuck.Page.Url;
        try
        {
            await stuck.Page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false }).WaitAsync(Limit);
            var fresh = await session.Context.NewPageAsync().WaitAsync(Limit);
            if (url.StartsWith("http", StringComparison.Ordinal))
            {
                await fresh.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.DOMContentLoaded, Timeout = (float)Limit.TotalMilliseconds });
            }

            return $"the tab was closed and {url} opened again in a new one";
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return "the tab was closed";
        }
    }
}
