using System.Diagnostics;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>wait_for_navigation {url?, timeout_ms?}</c>: waits until the page has navigated (since the previous step
/// began, so the navigation a click started counts even if it already happened) and loaded; with <c>url</c>,
/// until the page's URL matches that glob or URL and the page has loaded.
/// </summary>
/// <remarks>
/// Playwright .NET's own waits (WaitForURL, WaitForLoadState) read the client's copy of the page's state, then listen
/// for its change: an event handled on another thread between the two is missed, and the wait runs out on a page
/// already there and loaded (seen in CI after a form post whose redirect landed at once). So the URL is waited for
/// only to its commit, restarted on any navigation of the tab, and "loaded" is asked of the page itself.
/// </remarks>
internal sealed class WaitForNavigationCommand : IBrowserCommand
{
    private const string Loaded = "() => document.readyState === 'complete'";

    public string Name => "wait_for_navigation";

    public PreparedStep Prepare(CommandData data)
    {
        var url = data.GetString("url");
        var timeoutMs = data.GetInt("timeout_ms", 0, 600_000, "ms");
        return new PreparedStep(Name, async context =>
        {
            var wait = context.Bounded(timeoutMs);

            // Playwright's own timeouts run on the real clock; so does this one.
            var elapsed = Stopwatch.StartNew();
            float Remaining() => Math.Max(1, wait - elapsed.ElapsedMilliseconds);
            try
            {
                if (string.IsNullOrWhiteSpace(url))
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
                    limit.CancelAfter(TimeSpan.FromMilliseconds(wait));
                    await context.Tab.WaitForNavigationAfterAsync(context.NavigationsBeforePreviousStep, limit.Token);
                }

                while (true)
                {
                    if (!string.IsNullOrWhiteSpace(url))
                    {
                        await WaitForUrlAsync(context, url, Remaining);
                    }

                    try
                    {
                        await context.Page.WaitForFunctionAsync(Loaded, null, new PageWaitForFunctionOptions { Timeout = Remaining(), PollingInterval = 50 });
                        break;
                    }
                    catch (PlaywrightException) when (elapsed.ElapsedMilliseconds < wait)
                    {
                        // The page navigated while it was asked (its context went): look again at where it is now.
                    }
                }
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !context.CancellationToken.IsCancellationRequested))
            {
                var expected = string.IsNullOrWhiteSpace(url) ? "navigate" : $"reach '{url}'";
                throw new CommandFailedException($"the page did not {expected} within {wait:0} ms; it is still at {context.Page.Url}{await LoadingStateAsync(context.Page)}.");
            }

            return await PageState.DescribeAsync(context.Page);
        });
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

    /// <summary>Until the page's URL matches <paramref name="url"/> (committed, not yet loaded); any navigation of the tab meanwhile starts a fresh look.</summary>
    private static async Task WaitForUrlAsync(StepContext context, string url, Func<float> remaining)
    {
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var seen = context.Tab.Navigations;
            var reached = context.Page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = remaining(), WaitUntil = WaitUntilState.Commit });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            var navigated = context.Tab.WaitForNavigationAfterAsync(seen, stop.Token);
            if (await Task.WhenAny(reached, navigated) == reached || remaining() <= 1)
            {
                await stop.CancelAsync();
                await reached;
                return;
            }

            // Observed, so an abandoned wait that later runs out raises nothing unobserved.
            _ = reached.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            await stop.CancelAsync();
        }
    }
}
