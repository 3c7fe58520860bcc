using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Soon after start, closes (reason <c>shutdown</c>) the sessions a previous run of the server left open in the
/// database. In the background, so the server answers at once; the history itself waits for this before any read
/// or write, so nothing sees the old sessions open.
/// </summary>
internal sealed partial class SessionHistoryRecovery(ISessionHistory history, ILogger<SessionHistoryRecovery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        try
        {
            var closed = await history.RecoverAsync().WaitAsync(stoppingToken);
            if (closed > 0)
            {
                LogRecovered(logger, closed);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped first; the history still recovers before its first use.
        }
        catch (Errors.StoreUnavailableException ex)
        {
            LogRecoveryFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} browser session(s) left open by the previous run of the server are now closed (shutdown)")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "The session history could not be read at start: {Reason}")]
    private static partial void LogRecoveryFailed(ILogger logger, string reason);
}
