namespace SessionMcp.Core.Errors;

public sealed class SessionLimitException(int limit)
    : SessionMcpException(
        null,
        $"the server already has its maximum of {limit} open browser sessions; close one with close_browser_session (get_browser_sessions lists them) or raise SessionMcp:MaxSessions.");
