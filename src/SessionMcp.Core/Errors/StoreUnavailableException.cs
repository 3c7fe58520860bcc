namespace SessionMcp.Core.Errors;

/// <summary>
/// The server's database could not be used (locked, full, unreachable, damaged): nothing was saved. The message
/// says which database and what to do; the provider's own exception stays inside, for the log.
/// </summary>
public sealed class StoreUnavailableException(string message, Exception innerException)
    : SessionMcpException(null, message, innerException);
