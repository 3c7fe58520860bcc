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
                    await context.Page.WaitForURLAsync(url, new PageWaitForURLOptions { Timeout = wait });
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
}
