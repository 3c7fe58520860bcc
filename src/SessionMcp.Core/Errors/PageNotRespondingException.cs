namespace SessionMcp.Core.Errors;

/// <summary>A tool could not finish because the session's page stopped answering (a script that never ends); the page was recovered.</summary>
public sealed class PageNotRespondingException(string argument, string message)
    : SessionMcpException(argument, message);
