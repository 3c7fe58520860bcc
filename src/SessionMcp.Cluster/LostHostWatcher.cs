using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Cluster;

/// <summary>
/// Closes, as <c>host_lost</c>, the sessions of a host the cluster declares dead (each silo is named by its server
/// instance), so every other host reports them closed. Every live host does it; each session closes once.
/// </summary>
internal sealed partial class LostHostWatcher(IClusterMembershipService membership, ISessionHistory history, TimeProvider time, ILogger<LostHostWatcher> logger) : BackgroundService
{
    private readonly HashSet<SiloAddress> _handled = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(stoppingToken))
            {
                foreach (var member in snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead && _handled.Add(m.SiloAddress)))
                {
                    await CloseSessionsOfAsync(member.Name, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task CloseSessionsOfAsync(string instance, CancellationToken cancellationToken)
    {
        try
        {
            var closed = await history.CloseOpenOfInstanceAsync(instance, CloseReason.HostLost, time.GetUtcNow(), cancellationToken);
            if (closed > 0)
            {
                LogClosed(logger, closed, instance);
            }
        }
        catch (StoreUnavailableException ex)
        {
            LogFailed(logger, instance, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} session(s) of lost host instance {Instance} are now closed (host_lost)")]
    private static partial void LogClosed(ILogger logger, int count, string instance);

    [LoggerMessage(Level = LogLevel.Error, Message = "The sessions of lost host instance {Instance} could not be closed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string instance, string reason);
}
