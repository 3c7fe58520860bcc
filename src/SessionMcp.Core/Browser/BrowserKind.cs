namespace SessionMcp.Core.Browser;

/// <summary>The <c>browser_type</c> of a session.</summary>
public enum BrowserKind
{
    Chromium,
    Chrome,
    Msedge,
}
