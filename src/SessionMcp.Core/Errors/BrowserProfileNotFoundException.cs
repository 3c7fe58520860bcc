namespace SessionMcp.Core.Errors;

public sealed class BrowserProfileNotFoundException(string browserProfileId)
    : SessionMcpException(
        "browser_profile_id",
        $"browser_profile_id '{browserProfileId}' was not found; get_browser_profiles lists yours, and create_browser_profile saves one from a session.");
