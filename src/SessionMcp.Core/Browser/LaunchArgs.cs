namespace SessionMcp.Core.Browser;

/// <summary>Chromium switches for a server: quiet, no background traffic, and able to run as root in containers.</summary>
internal static class LaunchArgs
{
    /// <summary>
    /// Chromium takes the last <c>--disable-features</c> it is given, and Playwright gives its own first: this list
    /// must repeat Playwright's (playwright-core's chromiumSwitches.ts, 1.64) as well as adding ours.
    /// </summary>
    private static readonly string[] PlaywrightDisabledFeatures =
    [
        "AvoidUnnecessaryBeforeUnloadCheckSync", "DestroyProfileOnBrowserClose", "DialMediaRouteProvider", "GlobalMediaControls",
        "HttpsUpgrades", "LensOverlay", "MediaRouter", "PaintHolding", "ThirdPartyStoragePartitioning",
        "BlockOriginHeaderModificationOnRedirect", "AvoidCorsURLLoaderRestartOnRedirect", "Translate", "AutoDeElevate",
        "OptimizationHints", "NetworkTimeServiceQuerying", "AimEnabled",
    ];

    private const string Nowhere = "http://127.0.0.1:0/";

    private static readonly string[] DisabledFeatures =
    [
        .. PlaywrightDisabledFeatures,

        // WebUIOmnibox*: headless Chromium still builds each window's browser UI, which preloads the omnibox
        // popups as WebUI pages: two renderer processes (~40 MiB) per session that no agent can see.
        "WebUIOmniboxPopup", "WebUIOmniboxAimPopup", "WebUIOmniboxFullPopup",

        // After each navigation Chromium starts a spare renderer for that session's profile, and throws it away
        // when another session navigates next; with sessions taking turns that is a new process per navigation
        // (measured: 200 renderers started in 80 logins by 4 sessions, 8 without; 20% less time per login).
        "SpareRendererForSitePerProcess",

        // Google services a session's pages never asked for (each seen in the browser's net log while it served
        // only 127.0.0.1 pages): form-field predictions from content-autofill.googleapis.com.
        "AutofillServerCommunication",
    ];

    public static IReadOnlyList<string> For(IEnumerable<string> extra)
    {
        List<string> args =
        [
            "--disable-gpu",
            // Without these Chromium keeps dialling Google services and stalls where the network is closed.
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-dev-shm-usage",
            "--disable-features=" + string.Join(',', DisabledFeatures),

            // Two background callers no switch turns off (seen in the browser's net log while it served only
            // 127.0.0.1 pages): the sign-in service lists the Google accounts of every disk profile at start-up
            // (accounts.google.com/ListAccounts), and the component updater still checks some components
            // (update.googleapis.com) despite --disable-component-update. Both get an address on port 0, which
            // Chromium refuses (ERR_UNSAFE_PORT) before opening any socket. Pages still reach those hosts as usual.
            "--gaia-url=" + Nowhere,
            "--component-updater=url-source=" + Nowhere,
        ];
        if (OperatingSystem.IsLinux() && Environment.UserName == "root")
        {
            // Chromium's sandbox refuses to start as root.
            args.Add("--no-sandbox");
        }

        args.AddRange(extra);
        return args;
    }
}
