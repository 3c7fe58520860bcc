namespace SessionMcp.Core.Browser;

/// <summary>Chromium switches for a server: quiet, no background traffic, and able to run as root in containers.</summary>
internal static class LaunchArgs
{
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
            // WebUIOmnibox*: headless Chromium still builds each window's browser UI, which preloads the omnibox
            // popups as WebUI pages: two renderer processes (~40 MiB) per session that no agent can see.
            // SpareRendererForSitePerProcess: after each navigation Chromium starts a spare renderer for that
            // session's profile, and throws it away when another session navigates next; with sessions taking
            // turns that is a new process per navigation (measured: 200 renderers started in 80 logins by 4
            // sessions, 8 without; 20% less time per login).
            "--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup,SpareRendererForSitePerProcess",
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
