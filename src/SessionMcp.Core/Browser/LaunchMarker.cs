using System.Diagnostics;

namespace SessionMcp.Core.Browser;

/// <summary>
/// A switch of no meaning to Chromium that tags one launch, so that a browser Playwright gave up on (it started
/// but never became ready) can be found by its command line and stopped with everything it started.
/// </summary>
internal sealed class LaunchMarker
{
    private readonly string _value = $"--sessionmcp-launch={Guid.NewGuid():N}";

    public string Switch => _value;

    /// <summary>Kills every process launched with this marker, and their children. Linux only (it reads /proc).</summary>
    public void KillTagged()
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId || !CommandLine(folder).Contains(_value, StringComparison.Ordinal))
            {
                continue;
            }

            try
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Gone already.
            }
        }
    }

    private static string CommandLine(string processFolder)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processFolder, "cmdline"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }
}
