namespace SessionMcp.Core.Browser;

/// <summary>The options a browser context is created with; contexts with the default spec can be made ahead of time.</summary>
public sealed record ContextSpec(
    int ViewportWidth,
    int ViewportHeight,
    string? UserAgent,
    string? StorageState = null,
    ProxySettings? Proxy = null,
    bool Stealth = false,
    bool BlockAds = false)
{
    public const int DefaultViewportWidth = 1280;
    public const int DefaultViewportHeight = 720;

    public static ContextSpec Default { get; } = new(DefaultViewportWidth, DefaultViewportHeight, null);
}
