namespace SessionMcp.Core.Sessions;

/// <summary>
/// The per-identity session cap across the hosts of a cluster (<c>MaxSessionsPerIdentity</c> counts an identity's
/// sessions on every host). Not registered on a single host, where the pool counts alone.
/// </summary>
public interface IIdentityQuota
{
    /// <summary>Reserves one more open session for <paramref name="owner"/>; false when the owner has <paramref name="limit"/> open across the cluster.</summary>
    Task<bool> TryReserveAsync(string owner, int limit, CancellationToken cancellationToken);

    /// <summary>Gives a reservation back (the session closed, or was never made). Never throws.</summary>
    void Release(string owner);
}
