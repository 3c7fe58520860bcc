namespace SessionMcp.Core.Errors;

/// <summary>The cluster could not answer what this host asked of it (counting an identity's sessions, say).</summary>
public sealed class ClusterUnavailableException(string message, Exception innerException) : SessionMcpException(null, message, innerException);
