namespace SessionMcp.Core.Browser;

/// <summary>
/// A browser this server does not launch (<c>SessionMcp:RemoteBrowser</c>): headless Chromium sessions take their
/// contexts from it instead. Other browser types and <c>headless: false</c> still launch here.
/// </summary>
public sealed class RemoteBrowserOptions
{
    /// <summary>
    /// The browser's address: a Playwright browser server's <c>ws://host:port/…</c> (<c>npx playwright run-server</c>,
    /// <c>launchServer</c>), or with <see cref="Protocol"/> <c>Cdp</c> a DevTools endpoint (<c>http://host:9222</c> or its
    /// <c>ws://…/devtools/browser/…</c>).
    /// </summary>
    /// <value>None: the server launches its own Chromium.</value>
    public string? Url { get; set; }

    /// <summary><c>Playwright</c> (a Playwright browser server of the same version, 1.64) or <c>Cdp</c> (Chromium's DevTools protocol).</summary>
    /// <value>Playwright.</value>
    public RemoteBrowserProtocol Protocol { get; set; } = RemoteBrowserProtocol.Playwright;

    /// <summary>
    /// Headers sent when connecting to a Playwright browser server, such as <c>x-playwright-launch-options</c> (JSON
    /// launch options for <c>run-server</c>: <c>{"executablePath": "/usr/bin/chromium", "args": ["--no-sandbox"]}</c>) or an
    /// access token.
    /// </summary>
    /// <value>None.</value>
    public IDictionary<string, string> Headers { get; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
}

public enum RemoteBrowserProtocol
{
    Playwright,
    Cdp,
}
