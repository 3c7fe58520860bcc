using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionMcp.Core.Sessions;

/// <summary>Closes sessions whose timeout has passed, checking on a timer of the injected <see cref="TimeProvider"/>.</summary>
public sealed partial class SessionExpiryService(
    BrowserSessionPool pool,
    SessionMcpOptions options,
    TimeProvider time,
    ILogger<SessionExpiryService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.ExpiryCheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await pool.CloseExpiredAsync();
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogSweepFailed(logger, ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Host shutdown.
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing expired browser sessions failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
