namespace SessionMcp.Tests.Common;

/// <summary>Finds Chromium processes under a process, from /proc, to prove none is left behind.</summary>
public static class ChromiumProcesses
{
    /// <summary>Chromium processes that descend from <paramref name="rootPid"/>.</summary>
    public static IReadOnlyList<int> Under(int rootPid)
    {
        var parents = new Dictionary<int, int>();
        var names = new Dictionary<int, string>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var close = stat.LastIndexOf(')');
                var fields = stat[(close + 2)..].Split(' ');
                if (fields[0] == "Z")
                {
                    continue;
                }

                parents[pid] = int.Parse(fields[1]);
                names[pid] = stat[(stat.IndexOf('(') + 1)..close];
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return [.. parents.Keys.Where(pid => IsChromium(names[pid]) && DescendsFrom(pid, rootPid, parents))];
    }

    /// <summary>Processes whose command line contains <paramref name="text"/> (a launch marker, a fake browser's argument).</summary>
    public static IReadOnlyList<int> WithArgument(string text)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid) || pid == Environment.ProcessId)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>
    /// The processes of the browser serving DevTools at <paramref name="browserAddress"/> (http://127.0.0.1:port):
    /// its main process, found by its command line, and every process under it.
    /// </summary>
    public static IReadOnlyList<int> OfDevToolsEndpoint(string browserAddress)
    {
        var flag = "--remote-debugging-port=" + new Uri(browserAddress).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var args = File.ReadAllText(Path.Combine(dir, "cmdline")).Split('\0');
                if (args.Contains(flag, StringComparer.Ordinal) && !args.Any(a => a.StartsWith("--type=", StringComparison.Ordinal)))
                {
                    return [pid, .. Under(pid)];
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Not ours, or gone.
            }
        }

        return [];
    }

    /// <summary>Which of <paramref name="pids"/> still run (zombies do not count).</summary>
    public static IReadOnlyList<int> StillRunning(IEnumerable<int> pids) =>
        [.. pids.Where(pid =>
        {
            try
            {
                var stat = File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)] != 'Z';
            }
            catch (IOException)
            {
                return false;
            }
        })];

    /// <summary>
    /// Waits (bounded) until none of <paramref name="pids"/> runs, and returns those still running then. Chromium's
    /// helper processes end a moment after the browser process; the OS offers no event for processes that are not
    /// our children, so this polls.
    /// </summary>
    public static async Task<IReadOnlyList<int>> WaitUntilGoneAsync(IReadOnlyList<int> pids, TimeSpan limit)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var running = StillRunning(pids);
        while (running.Count > 0 && watch.Elapsed < limit)
        {
            await Task.Delay(50);
            running = StillRunning(pids);
        }

        return running;
    }

    private static bool IsChromium(string name) => name.Contains("chrom", StringComparison.OrdinalIgnoreCase) || name.Contains("headless_shell", StringComparison.Ordinal);

    private static bool DescendsFrom(int pid, int root, Dictionary<int, int> parents)
    {
        for (var current = pid; parents.TryGetValue(current, out var parent) && current != 1; current = parent)
        {
            if (parent == root)
            {
                return true;
            }
        }

        return false;
    }
}
