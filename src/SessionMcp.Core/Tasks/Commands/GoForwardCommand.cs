using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>go_forward</c>: the next page of the tab's history; <c>navigated: false</c> when there is none.</summary>
internal sealed class GoForwardCommand : IBrowserCommand
{
    public string Name => "go_forward";

    public PreparedStep Prepare(CommandData data) =>
        new(Name, context => HistoryStep.RunAsync(context, page => page.GoForwardAsync(new PageGoForwardOptions { Timeout = context.TimeoutMs })));
}
