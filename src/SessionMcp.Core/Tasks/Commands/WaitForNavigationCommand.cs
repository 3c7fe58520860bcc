using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>wait_for_navigation {url?, timeout_ms?}</c>: waits until the page has navigated (since the previous step
/// began, so the navigation a click started counts even if it already happened) and loaded; with <c>url</c>,
/// until the page's URL matches that glob or URL and the page has loaded.
/// </summary>
/// <remarks>
/// Playwright .NET's own waits (WaitForURL and the load-state wait behind it) read the client's copy of the page's
/// state, then listen for its change: an event handled on another thread between the two is missed, and the wait
/// ran out on a page already there and loaded (seen in CI, "still at …/dashboard (loaded)"). So this looks at where
/// the page is and whether its document has loaded (the tab, listening since it opened, saw that document's load
/// event; or else the page is asked), again each time the page navigates or loads (counted before it looks, so none
/// is missed) and at least every 50 ms.
/// </remarks>
internal sealed class WaitForNavigationCommand : IBrowserCommand
{
    private static readonly TimeSpan LookEvery = TimeSpan.FromMilliseconds(50);

    public string Name => "wait_for_navigation";

    public PreparedStep Prepare(CommandData data)
    {
        var url = data.GetString("url");
        var timeoutMs = data.GetInt("timeout_ms", 0, 600_000, "ms");
        return new PreparedStep(Name, async context =>
        {
            var wait = context.Bounded(timeoutMs);

            // Playwright's own timeouts run on the real clock; so does this one.
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            limit.CancelAfter(TimeSpan.FromMilliseconds(wait));
            try
            {
                if (string.IsNullOrWhiteSpace(url))
                {
                    await context.Tab.WaitForNavigationAfterAsync(context.NavigationsBeforePreviousStep, limit.Token);
                }

                // The tab's events answer first; the page is asked only after a quiet moment (a same-document
                // navigation has no load event), as asking a page while it loads slows its load.
                var askPage = false;
                while (true)
                {
                    var changes = context.Tab.Changes;
                    if (await ArrivedAsync(context.Tab, url, askPage, limit.Token))
                    {
                        break;
                    }

                    askPage = !await context.Tab.WaitForChangeAsync(changes, LookEvery, limit.Token);
                }
            }
            catch (OperationCanceledException) when (!context.CancellationToken.IsCancellationRequested)
            {
                var expected = string.IsNullOrWhiteSpace(url) ? "navigate" : $"reach '{url}'";
                throw new CommandFailedException($"the page did not {expected} within {wait:0} ms; it is still at {context.Page.Url}{await LoadingStateAsync(context.Page)}.");
            }

            return await PageState.DescribeAsync(context.Page);
        });
    }

    /// <summary>
    /// Whether the page is at <paramref name="url"/> (any address when none is given) and has loaded: known without
    /// a round trip when the tab saw the document's load event, else asked of the page when <paramref name="askPage"/>.
    /// </summary>
    private static async Task<bool> ArrivedAsync(Sessions.SessionTab tab, string? url, bool askPage, CancellationToken cancellationToken)
    {
        var page = tab.Page;
        if (!string.IsNullOrWhiteSpace(url) && !UrlGlob.Matches(page.Url, url))
        {
            return false;
        }

        if (tab.SawLoadOfCurrentDocument)
        {
            return true;
        }

        if (!askPage)
        {
            return false;
        }

        try
        {
            return await page.EvaluateAsync<bool>("() => document.readyState === 'complete'").WaitAsync(cancellationToken);
        }
        catch (PlaywrightException)
        {
            // Navigating on: its document went while it was asked.
            return false;
        }
    }

    /// <summary>", still loading" and the like, when the page can say within a moment; nothing otherwise.</summary>
    private static async Task<string> LoadingStateAsync(IPage page)
    {
        try
        {
            var state = await page.EvaluateAsync<string>("() => document.readyState").WaitAsync(TimeSpan.FromSeconds(1));
            return state == "complete" ? " (loaded)" : $" (document {state})";
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return " (the page does not answer)";
        }
    }
}
