using SessionMcp.Core.Profiles;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Sessions held by the other hosts of a cluster. Not registered on a single host. A session lives on the host whose
/// browser holds its context; calls for it from any other host go there.
/// </summary>
public interface IRemoteSessions
{
    /// <summary>Makes this host the one calls for <paramref name="browserSessionId"/> go to; called when it is created here.</summary>
    Task ClaimAsync(string browserSessionId);

    /// <summary>The session, when another live host holds it; null when it is here, closed, or unknown (then the shared history answers).</summary>
    Task<IRemoteSession?> FindAsync(string browserSessionId, CancellationToken cancellationToken);
}

/// <summary>A session on another host: each call runs there, for <c>owner</c>, exactly as it would here.</summary>
public interface IRemoteSession
{
    /// <summary>The host that holds it.</summary>
    string Host { get; }

    Task<RemoteSessionState> DescribeAsync(string owner, CancellationToken cancellationToken);

    Task<RemoteSessionState> CloseAsync(string owner, CancellationToken cancellationToken);

    Task<RunResult> RunAsync(RunRequest request, string owner, CancellationToken cancellationToken);

    Task<BrowserProfile> SaveProfileAsync(string owner, string? name, CancellationToken cancellationToken);
}

/// <summary>A session as its host describes it, with the token its live view and frames are guarded by.</summary>
public sealed record RemoteSessionState(SessionRecord Record, string FrameToken);
