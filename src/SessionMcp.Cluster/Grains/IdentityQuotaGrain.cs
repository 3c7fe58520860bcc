using SessionMcp.Core.Sessions;

namespace SessionMcp.Cluster.Grains;

/// <summary>
/// Counts an identity's open sessions per server instance. Activated anew (after its host was lost, or after a quiet
/// spell) it counts again from the shared history; a dead host's count is dropped as soon as the cluster says so.
/// </summary>
internal sealed class IdentityQuotaGrain(ISessionHistory history, IClusterMembershipService membership) : Grain, IIdentityQuotaGrain
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var (instance, count) in await history.CountOpenByInstanceAsync(this.GetPrimaryKeyString(), cancellationToken))
        {
            _open[instance] = count;
        }
    }

    public Task<bool> TryReserveAsync(string instance, int limit)
    {
        foreach (var dead in membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead))
        {
            _open.Remove(dead.Name);
        }

        if (_open.Values.Sum() >= limit)
        {
            return Task.FromResult(false);
        }

        _open[instance] = _open.GetValueOrDefault(instance) + 1;
        return Task.FromResult(true);
    }

    public Task ReleaseAsync(string instance)
    {
        if (_open.TryGetValue(instance, out var count))
        {
            if (count <= 1)
            {
                _open.Remove(instance);
            }
            else
            {
                _open[instance] = count - 1;
            }
        }

        return Task.CompletedTask;
    }
}
