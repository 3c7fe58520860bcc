namespace SessionMcp.Core.Errors;

public sealed class NavigationBlockedException(string argument, string url, string why)
    : SessionMcpException(argument, $"{argument} '{ErrorText.Quote(url)}' is not allowed: {why}");
