using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>navigate {url, wait_until?}</c>: opens a URL in the active tab.</summary>
internal sealed class NavigateCommand(NavigationPolicy policy) : IBrowserCommand
{
    public string Name => "navigate";

    public PreparedStep Prepare(CommandData data)
    {
        var url = policy.Validate(data.RequireString("url", "\"https://example.com/\""), data.Field("url"));
        var waitUntil = ParseWaitUntil(data.GetChoice("wait_until", "load", "domcontentloaded", "networkidle", "commit"));
        return new PreparedStep(Name, context => GoAsync(context, url.AbsoluteUri, waitUntil));
    }

    internal static WaitUntilState ParseWaitUntil(string? value) => value switch
    {
        "domcontentloaded" => WaitUntilState.DOMContentLoaded,
        "networkidle" => WaitUntilState.NetworkIdle,
        "commit" => WaitUntilState.Commit,
        _ => WaitUntilState.Load,
    };

    private static async Task<string> StopLoadingAsync(StepContext context)
    {
        var page = context.Page;
        try
        {
            // Through DevTools: the page's own window.stop() cannot run while its frame waits for the new document.
            var devTools = await context.Tab.GetDevToolsAsync(context.Session.Context).WaitAsync(TimeSpan.FromSeconds(2));
            await devTools.SendAsync("Page.stopLoading").WaitAsync(TimeSpan.FromSeconds(2));
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            // The page is busy or gone; the runner's stuck-page cut-off still bounds the next step.
        }

        return page.Url;
    }

    internal static async Task<JsonNode?> GoAsync(StepContext context, string url, WaitUntilState waitUntil)
    {
        IResponse? response;
        try
        {
            response = await context.Page.GotoAsync(url, new PageGotoOptions { Timeout = context.TimeoutMs, WaitUntil = waitUntil });
        }
        catch (TimeoutException)
        {
            // Left pending, the load would hold every later step until it too timed out: stop it, and stay put.
            var now = await StopLoadingAsync(context);
            throw new CommandFailedException($"{url} did not finish loading within {context.TimeoutMs:0} ms, and its load was stopped (the tab shows {now}); try wait_until 'domcontentloaded', or a longer timeout_seconds.");
        }
        catch (PlaywrightException ex) when (!context.Page.IsClosed)
        {
            throw new CommandFailedException($"{url} could not be opened: {ErrorText.FirstLine(ex.Message)}.");
        }

        return await PageState.DescribeAsync(context.Page, response?.Status);
    }
}
