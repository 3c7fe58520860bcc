namespace SessionMcp.Core.Errors;

public sealed class BrowserSessionNotFoundException(string browserSessionId)
    : SessionMcpException(
        "browser_session_id",
        $"browser_session_id '{browserSessionId}' was not found; list yours with get_browser_sessions or create one with create_browser_session.");
