namespace SessionMcp.Core.Errors;

/// <summary>An argument that is missing, out of range or of the wrong shape.</summary>
public sealed class InvalidArgumentException(string argument, string problem)
    : SessionMcpException(argument, $"{argument} {problem}");
