namespace SessionMcp.Core.Sessions;

/// <summary>What one session may pile up, from <see cref="SessionMcpOptions"/>.</summary>
public sealed record SessionLimits(int MaxEventsPerStep, int MaxTabsPerSession, int MaxDownloadsPerSession, long MaxDownloadBytesPerSession)
{
    public static SessionLimits From(SessionMcpOptions options) => new(options.MaxEventsPerStep, options.MaxTabsPerSession, options.MaxDownloadsPerSession, options.MaxDownloadBytesPerSession);
}
