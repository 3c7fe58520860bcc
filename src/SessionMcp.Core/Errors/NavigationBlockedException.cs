namespace SessionMcp.Core.Errors;

public sealed class NavigationBlockedException(string argument, string url, string why)
    : SessionMcpException(argument, $"{argument} '{url}' is not allowed: {why}");
