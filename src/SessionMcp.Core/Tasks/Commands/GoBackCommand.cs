using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>go_back</c>: the previous page of the tab's history; <c>navigated: false</c> when there is none.</summary>
internal sealed class GoBackCommand : IBrowserCommand
{
    public string Name => "go_back";

    public PreparedStep Prepare(CommandData data) =>
        new(Name, context => HistoryStep.RunAsync(context, page => page.GoBackAsync(new PageGoBackOptions { Timeout = context.TimeoutMs })));
}
