namespace SessionMcp.Core.Browser;

/// <summary>What Playwright is asked to launch: an executable, a channel, or (both null) its own managed Chromium.</summary>
internal sealed record BrowserLaunchTarget(string? ExecutablePath, string? Channel, string Description);
