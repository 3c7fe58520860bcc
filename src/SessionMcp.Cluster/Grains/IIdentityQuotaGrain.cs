namespace SessionMcp.Cluster.Grains;

/// <summary>One identity's open sessions across the cluster, by server instance: one activation, so reservations are counted one at a time.</summary>
[Alias("SessionMcp.IIdentityQuotaGrain")]
public interface IIdentityQuotaGrain : IGrainWithStringKey
{
    [Alias("TryReserve")]
    Task<bool> TryReserveAsync(string instance, int limit);

    [Alias("Release")]
    Task ReleaseAsync(string instance);
}
