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

    /// <summary>
    /// The owner's running sessions that other hosts hold, oldest first, each as its host describes it now (or, when
    /// that host does not answer, as the shared history last saw it, without a frame token).
    /// </summary>
    Task<IReadOnlyList<RemoteSessionState>> ListElsewhereAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Makes this host the one <c>get_run</c> for <paramref name="runId"/> goes to while the run goes on here.</summary>
    Task ClaimRunAsync(string runId);

    /// <summary>A run still going on another host, as that host reports it; null when no live host has it.</summary>
    Task<RunResult?> GetRunAsync(string runId, string owner, CancellationToken cancellationToken);

    /// <summary>The session, when another live host holds it; null when it is here, closed, or unknown (then the shared history answers).</summary>
    Task<IRemoteSession?> FindAsync(string browserSessionId, CancellationToken cancellationToken);
}

public static class RemoteSessionsExtensions
{
    /// <summary>The session when another host of the cluster holds it; null on a single host (no cluster), or when it is here.</summary>
    public static Task<IRemoteSession?> ElsewhereAsync(this IRemoteSessions? cluster, string browserSessionId, CancellationToken cancellationToken) =>
        cluster is null ? Task.FromResult<IRemoteSession?>(null) : cluster.FindAsync(browserSessionId, cancellationToken);
}

/// <summary>A session on another host: each call runs there, for <c>owner</c>, exactly as it would here.</summary>
public interface IRemoteSession
{
    /// <summary>The host that holds it.</summary>
    string Host { get; }

    Task<RemoteSessionState> DescribeAsync(string owner, CancellationToken cancellationToken);

    Task<RemoteSessionState> CloseAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Runs there; each step's end is reported to <paramref name="progress"/> here, and cancelling here cancels it there.</summary>
    Task<RunResult> RunAsync(RunRequest request, string owner, IProgress<RunProgress>? progress, CancellationToken cancellationToken);

    Task<BrowserProfile> SaveProfileAsync(string owner, string? name, CancellationToken cancellationToken);

    Task<Frames.Frame> FrameAsync(string owner, Frames.FrameRequest request, CancellationToken cancellationToken);

    /// <summary>Where the holding host serves HTTP, for its live view and frame stream to be passed through.</summary>
    Task<string> HttpAddressAsync(CancellationToken cancellationToken);
}

/// <summary>Where this host serves HTTP, as the other hosts of its cluster reach it (registered by the HTTP host).</summary>
public interface IThisHostAddress
{
    string HttpBaseUrl { get; }
}

/// <summary>A session as its host describes it, with the token its live view and frames are guarded by.</summary>
public sealed record RemoteSessionState(SessionRecord Record, string? FrameToken);
