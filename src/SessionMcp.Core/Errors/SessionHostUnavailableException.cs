namespace SessionMcp.Core.Errors;

/// <summary>In a cluster, the host that holds a session does not answer, or no longer holds it.</summary>
public sealed class SessionHostUnavailableException(string message, Exception? innerException = null)
    : SessionMcpException("browser_session_id", message, innerException);
