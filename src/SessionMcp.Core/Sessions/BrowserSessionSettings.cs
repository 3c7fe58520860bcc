using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Sessions;

/// <summary>What a client asked for in <c>create_browser_session</c>, before validation.</summary>
public sealed record BrowserSessionSettings
{
    public const int DefaultTimeoutMinutes = 60;
    public const int MinTimeoutMinutes = 5;
    public const int MaxTimeoutMinutes = 1440;

    public int TimeoutMinutes { get; init; } = DefaultTimeoutMinutes;

    public BrowserKind BrowserType { get; init; } = BrowserKind.Chromium;

    public bool Headless { get; init; } = true;

    public string? StartUrl { get; init; }

    public int ViewportWidth { get; init; } = ContextSpec.DefaultViewportWidth;

    public int ViewportHeight { get; init; } = ContextSpec.DefaultViewportHeight;

    public string? UserAgent { get; init; }

    public string? Name { get; init; }

    /// <summary>Route the session's traffic through this proxy.</summary>
    public ProxySettings? Proxy { get; init; }

    /// <summary>Use a realistic desktop Chrome user agent picked at random.</summary>
    public bool UseRandomUserAgent { get; init; }

    /// <summary>Hide the usual signs of automation (navigator.webdriver, headless user agent, languages).</summary>
    public bool DisableAutomationDetection { get; init; }

    /// <summary>Extensions: <c>ad-blocker</c>; <c>captcha-solver</c> is refused (not available locally).</summary>
    public IReadOnlyList<string> Extensions { get; init; } = [];

    /// <summary>A context in the shared browser (default), or a Chromium process of the session's own.</summary>
    public IsolationMode Isolation { get; init; } = IsolationMode.Context;

    /// <summary>Attach to an already running Chromium through its DevTools endpoint instead of launching one.</summary>
    public string? CdpUrl { get; init; }

    /// <summary>A saved profile (cookies, localStorage) to start from.</summary>
    public string? BrowserProfileId { get; init; }

    /// <summary>Save the session's state as a new profile when it ends (close, timeout or shutdown).</summary>
    public bool GenerateBrowserProfile { get; init; }

    /// <summary>Keep a Playwright trace of the session, written when it closes.</summary>
    public bool Record { get; init; }
}
