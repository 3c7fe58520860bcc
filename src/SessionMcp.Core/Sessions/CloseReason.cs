namespace SessionMcp.Core.Sessions;

/// <summary>
/// Why a session closed: asked to, its timeout expired, its browser died, the server stopped, or (in a cluster) the
/// host that held it was lost.
/// </summary>
public enum CloseReason
{
    Closed,
    Timeout,
    Crashed,
    Shutdown,
    HostLost,
}
