using Microsoft.Extensions.Logging;
using SessionMcp.Cluster.Grains;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;

namespace SessionMcp.Cluster;

/// <summary>The per-identity cap across the cluster, through each identity's quota grain; reservations are this server instance's.</summary>
internal sealed partial class GrainIdentityQuota(IGrainFactory grains, ServerInstance instance, ILogger<GrainIdentityQuota> logger) : IIdentityQuota
{
    public async Task<bool> TryReserveAsync(string owner, int limit, CancellationToken cancellationToken)
    {
        try
        {
            return await grains.GetGrain<IIdentityQuotaGrain>(owner).TryReserveAsync(instance.Id, limit).WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (HostUnreachable.Is(ex) || ex is StoreUnavailableException)
        {
            throw new ClusterUnavailableException("the cluster could not count your open sessions just now (a host is joining or leaving); try again in a few seconds.", ex);
        }
    }

    public void Release(string owner) => _ = ReleaseAsync(owner);

    private async Task ReleaseAsync(string owner)
    {
        try
        {
            await grains.GetGrain<IIdentityQuotaGrain>(owner).ReleaseAsync(instance.Id);
        }
        catch (Exception ex)
        {
            // The count is rebuilt from the shared history when the grain activates again.
            LogReleaseFailed(logger, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A session's place in its identity's cluster-wide count could not be given back: {Reason}")]
    private static partial void LogReleaseFailed(ILogger logger, string reason);
}
