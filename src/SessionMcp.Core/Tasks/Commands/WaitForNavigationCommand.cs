using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>wait_for_navigation {url?, timeout_ms?}</c>: waits until the page has navigated (since the previous step
/// began, so the navigation a click started counts even if it already happened) and loaded; with <c>url</c>,
/// until the page's URL matches that glob or URL.
/// </summary>
internal sealed class WaitForNavigationCommand : IBrowserCommand
{
    public string Name => "wait_for_navigation";

    public PreparedStep Prepare(CommandData data)
    {
        var url = data.GetString("url");
        var timeoutMs = data.GetInt("timeout_ms", 0, 600_000, "ms");
        return new PreparedStep(Name, async context =>
        {
            var wait = context.Bounded(timeoutMs);
            try
            {
                if (!string.IsNullOrWhiteSpace(url))
                {
                    await WaitForUrlAsync(context, url, wait);
                }
                else
                {
                    using var limit = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
                    limit.CancelAfter(TimeSpan.FromMilliseconds(wait));
                    await context.Tab.WaitForNavigationAfterAsync(context.NavigationsBeforePreviousStep, limit.Token);
                    await context.Page.WaitForLoadStateAsync(LoadState.Load, new PageWaitForLoadStateOptions { Timeout = wait });
                }
            }
            catch (Exception ex) when (ex is TimeoutException || (ex is OperationCanceledException && !context.CancellationToken.IsCancellationRequested))
            {
                var expected = string.IsNullOrWhiteSpace(url) ? "navigate" : $"reach '{url}'";
                throw new CommandFailedException($"the page did not {expected} within {wait:0} ms; it is still at {context.Page.Url}.");
            }

            return await PageState.DescribeAsync(context.Page);
        });
    }

    /// <summary>
    /// Playwright .NET's WaitForURL reads the page's URL, then listens for navigations: a navigation handled on
    /// another thread between the two is missed, and the wait runs out on a page already at the URL (seen in CI
    /// after a click whose redirect landed at once). Any navigation of the tab meanwhile starts a fresh wait, whose
    /// first look at the URL sees it.
    /// </summary>
    private static async Task WaitForUrlAsync(StepContext context, string url, float waitMs)
    {
        // Playwright's own timeouts run on the real clock; so does this one.
        var elapsed = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            context.CancellationToken.ThrowIfCancellationRequested();
            var seen = context.Tab.Navigations;
            var remaining = Math.Max(1, waitMs - elapsed.ElapsedMilliseconds);
            var reached = context.Page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = remaining });
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken);
            var navigated = context.Tab.WaitForNavigationAfterAsync(seen, stop.Token);
            if (await Task.WhenAny(reached, navigated) == reached || elapsed.ElapsedMilliseconds >= waitMs)
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
