namespace SessionMcp.Core.Sessions;

/// <summary>Why a session closed: asked to, its timeout expired, its browser died, or the server stopped.</summary>
public enum CloseReason
{
    Closed,
    Timeout,
    Crashed,
    Shutdown,
}
