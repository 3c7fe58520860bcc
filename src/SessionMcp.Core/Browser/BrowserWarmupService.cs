using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Browser;

/// <summary>Launches the default browser in the background at start, so the server answers at once and the first session is quick.</summary>
internal sealed partial class BrowserWarmupService(BrowserProvider provider, ILogger<BrowserWarmupService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Let the host finish starting (and the MCP transport answer) before the launch takes the CPU.
        await Task.Yield();
        try
        {
            await provider.WarmUpAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped before the browser was up.
        }
        catch (Exception ex) when (ex is SessionMcpException or ObjectDisposedException)
        {
            // Not fatal: the server still answers, and create_browser_session reports the same problem to the client.
            LogWarmupFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The browser could not be started ahead of time: {Reason}")]
    private static partial void LogWarmupFailed(ILogger logger, string reason);
}
