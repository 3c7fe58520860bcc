namespace SessionMcp.Core.Sessions;

/// <summary>
/// Sessions as the database keeps them: written when one starts and when it ends, so a session is still described
/// after a restart, or from another host. Failures surface as <see cref="Errors.StoreUnavailableException"/>.
/// </summary>
public interface ISessionHistory
{
    /// <summary>
    /// Closes, once, the sessions this host's earlier life left open (reason <c>shutdown</c>); returns how many. Every
    /// other call waits for it, so nothing reads them as open; a failed attempt (the database unreachable) is made
    /// again by the next call.
    /// </summary>
    Task<int> RecoverAsync();

    Task SaveAsync(SessionRecord record, CancellationToken cancellationToken);

    Task<SessionRecord?> GetAsync(string browserSessionId, string owner, CancellationToken cancellationToken);

    /// <summary>The owner's closed sessions, newest first.</summary>
    Task<IReadOnlyList<SessionRecord>> ListClosedAsync(string owner, int limit, CancellationToken cancellationToken);

    /// <summary>The owner's sessions still open on any host of a shared store, oldest first (empty for one host's own store).</summary>
    Task<IReadOnlyList<SessionRecord>> ListOpenAsync(string owner, CancellationToken cancellationToken);

    /// <summary>The host that holds a session still open, whoever owns it; null when it is closed or unknown, or the store is one host's own.</summary>
    Task<string?> OpenOnHostAsync(string browserSessionId, CancellationToken cancellationToken);

    /// <summary>How many sessions of <paramref name="owner"/> each server instance holds open now (empty for one host's own store).</summary>
    Task<IReadOnlyDictionary<string, int>> CountOpenByInstanceAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Closes, as <paramref name="reason"/>, every session still open in the server <paramref name="instance"/> (one found dead); returns how many.</summary>
    Task<int> CloseOpenOfInstanceAsync(string instance, CloseReason reason, DateTimeOffset at, CancellationToken cancellationToken);
}
