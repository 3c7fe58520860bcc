using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SessionMcp.Core.Sessions;

/// <summary>At start, closes (reason <c>shutdown</c>) the sessions a previous run of the server left open in the database.</summary>
internal sealed partial class SessionHistoryRecovery(SessionHistory history, ILogger<SessionHistoryRecovery> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var closed = await history.RecoverAsync().WaitAsync(cancellationToken);
        if (closed > 0)
        {
            LogRecovered(logger, closed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} browser session(s) left open by the previous run of the server are now closed (shutdown)")]
    private static partial void LogRecovered(ILogger logger, int count);
}
