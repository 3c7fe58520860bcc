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
