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
    private PeriodicTimer? _timer;

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Started here rather than in ExecuteAsync, which runs later on the thread pool: the schedule counts from
        // host start, and a clock advanced right after start (in tests, a fake one) cannot slip past it.
        _timer = new PeriodicTimer(options.ExpiryCheckInterval, time);
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var timer = _timer ?? throw new InvalidOperationException("StartAsync was not called.");
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

    public override void Dispose()
    {
        _timer?.Dispose();
        base.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Closing expired browser sessions failed")]
    private static partial void LogSweepFailed(ILogger logger, Exception exception);
}
