using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>reload</c>: loads the current page again.</summary>
internal sealed class ReloadCommand : IBrowserCommand
{
    public string Name => "reload";

    public PreparedStep Prepare(CommandData data) =>
        new(Name, context => HistoryStep.RunAsync(context, page => page.ReloadAsync(new PageReloadOptions { Timeout = context.TimeoutMs })));
}
