using System.Globalization;

namespace SessionMcp.Core.Errors;

public sealed class BrowserSessionClosedException(string browserSessionId, string reason, DateTimeOffset closedAt)
    : SessionMcpException(
        "browser_session_id",
        string.Create(
            CultureInfo.InvariantCulture,
            $"browser_session_id '{browserSessionId}' closed ({reason}) at {closedAt:yyyy-MM-dd HH:mm:ss}Z; create a new one with create_browser_session."));
