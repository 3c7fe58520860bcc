using SessionMcp.Core.Errors;

namespace SessionMcp.Cluster;

/// <summary>An error the session's host gave, passed on as it was.</summary>
internal sealed class RemoteSessionException(string? argument, string message) : SessionMcpException(argument, message);
