namespace SessionMcp.Core.Errors;

/// <summary>No browser of the requested type could be found or started.</summary>
public sealed class BrowserUnavailableException(string argument, string message, Exception? innerException = null)
    : SessionMcpException(argument, message, innerException);
