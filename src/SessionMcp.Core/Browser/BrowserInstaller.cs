using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Browser;

/// <summary>
/// <c>sessionmcp install-browser</c>: makes sure the server has a Chromium to launch. It keeps the one the server
/// would use already; otherwise it asks Playwright's installer to download its Chromium, and where that cannot
/// download (no internet, a blocked CDN) installs the distribution's Chromium with apt-get (as root), with its
/// headless shell where the distribution has one, or says exactly what to run.
/// </summary>
public sealed class BrowserInstaller(BrowserInstaller.Machine machine, TextWriter output)
{
    /// <summary>What the installer asks of the machine, so each way through it can be tried without changing one.</summary>
    public sealed record Machine(
        Func<string?> FindBrowser,
        Func<int> InstallPlaywrightChromium,
        Func<string, string[], int> Run,
        bool IsRoot,
        bool HasAptGet,
        string OperatingSystem);

    public const string AptCommand = "apt-get install -y chromium";

    /// <summary>Chromium's headless shell, which headless sessions use where installed (Debian has it; not every distribution does).</summary>
    public const string HeadlessShellPackage = "chromium-headless-shell";

    /// <summary>The machine this process runs on, for <paramref name="options"/>.</summary>
    public static Machine ThisMachine(SessionMcpOptions options) => new(
        () => Find(options),
        () => Microsoft.Playwright.Program.Main(["install", "chromium"]),
        RunProcess,
        Environment.IsPrivilegedProcess,
        OperatingSystem.IsLinux() && File.Exists("/usr/bin/apt-get"),
        OperatingSystem.IsLinux() ? "linux" : OperatingSystem.IsMacOS() ? "macos" : OperatingSystem.IsWindows() ? "windows" : "other");

    /// <summary>Returns the exit code: 0 when a browser is there at the end.</summary>
    public int Run(bool force)
    {
        if (!force && machine.FindBrowser() is { } present)
        {
            output.WriteLine($"SessionMcp will use {present}; nothing to install (--force installs Playwright's Chromium all the same).");
            return 0;
        }

        output.WriteLine("Installing Playwright's Chromium (a download of about 150 MB)...");
        var playwright = machine.InstallPlaywrightChromium();
        if (playwright == 0 && machine.FindBrowser() is { } downloaded)
        {
            output.WriteLine($"Installed. SessionMcp will use {downloaded}.");
            return 0;
        }

        output.WriteLine($"Playwright's installer could not install Chromium (exit code {playwright}): no internet, or its CDN is blocked here.");
        if (machine.OperatingSystem != "linux" || !machine.HasAptGet)
        {
            output.WriteLine(machine.OperatingSystem switch
            {
                "macos" => "Install Google Chrome (https://www.google.com/chrome/) or run 'brew install --cask chromium', then start SessionMcp again.",
                "windows" => "Install Google Chrome (https://www.google.com/chrome/), then start SessionMcp again.",
                _ => "Install Chromium or Chrome with your system's package manager, or set SessionMcp__BrowserExecutablePath to one.",
            });
            return 1;
        }

        if (!machine.IsRoot)
        {
            output.WriteLine($"Install the distribution's Chromium: sudo {AptCommand}   (then start SessionMcp again)");
            return 1;
        }

        output.WriteLine($"Installing the distribution's Chromium: {AptCommand}");
        if (machine.Run("apt-get", ["install", "-y", "chromium"]) != 0)
        {
            machine.Run("apt-get", ["update"]);
            machine.Run("apt-get", ["install", "-y", "chromium"]);
        }

        if (machine.FindBrowser() is { } installed)
        {
            output.WriteLine($"Installed. SessionMcp will use {installed}.");
            output.WriteLine(machine.Run("apt-get", ["install", "-y", HeadlessShellPackage]) == 0
                ? $"Installed {HeadlessShellPackage} too: headless sessions start in it, in a third of the time."
                : $"This distribution has no {HeadlessShellPackage} package; headless sessions use the full Chromium.");
            return 0;
        }

        output.WriteLine($"apt-get did not install Chromium; run '{AptCommand}' to see why, or set SessionMcp__BrowserExecutablePath.");
        return 1;
    }

    private static string? Find(SessionMcpOptions options)
    {
        try
        {
            return new BrowserLocator(options).Resolve(BrowserKind.Chromium).Description;
        }
        catch (BrowserUnavailableException)
        {
            return null;
        }
    }

    private static int RunProcess(string file, string[] arguments)
    {
        var start = new System.Diagnostics.ProcessStartInfo(file) { UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DEBIAN_FRONTEND"] = "noninteractive";
        using var process = System.Diagnostics.Process.Start(start)!;
        process.WaitForExit();
        return process.ExitCode;
    }
}
