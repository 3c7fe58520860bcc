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

    /// <summary>The processes launched with this marker and their command lines. Linux only (it reads /proc).</summary>
    public IReadOnlyList<(int Pid, string[] Arguments)> Processes()
    {
        if (!OperatingSystem.IsLinux())
        {
            return [];
        }

        var found = new List<(int, string[])>();
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                var arguments = File.ReadAllText(Path.Combine(folder, "cmdline")).Split('\0');
                if (arguments.Contains(_value, StringComparer.Ordinal))
                {
                    found.Add((pid, arguments));
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>Kills every process launched with this marker, and their children.</summary>
    public void KillTagged()
    {
        foreach (var (pid, _) in Processes())
        {
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
}
