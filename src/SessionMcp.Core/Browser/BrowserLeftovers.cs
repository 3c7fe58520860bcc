namespace SessionMcp.Core.Browser;

/// <summary>
/// The temporary folders Playwright makes for each browser this server launches (a profile, an artifacts folder),
/// which it removes when the browser closes, but not when the server is killed. Each server records them in
/// <c>sessionmcp-browsers/&lt;id&gt;.dirs</c> beside a lock it holds while it lives; the next server to start finds the
/// lock free and removes what the list names, and nothing else (other programs' Playwright folders are theirs).
/// </summary>
internal sealed class BrowserLeftovers : IDisposable
{
    internal static readonly string Root = Path.Combine(Path.GetTempPath(), "sessionmcp-browsers");

    private readonly Storage.LockFile _lock;
    private readonly string _list;
    private readonly Lock _gate = new();

    private BrowserLeftovers(string id)
    {
        _lock = Storage.LockFile.Hold(Path.Combine(Root, id + ".lock"));
        _list = Path.Combine(Root, id + ".dirs");
    }

    /// <summary>This server's list.</summary>
    internal string ListFile => _list;

    /// <summary>Removes what killed servers left, then starts this server's own list.</summary>
    public static BrowserLeftovers Claim()
    {
        ReapAbandoned();
        return new BrowserLeftovers(Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// After a launch: records the folders Playwright made for it. The profile is named on the browser's command
    /// line; the artifacts folder is the one made just before it (only when exactly one was, so that another
    /// program's is never taken for ours).
    /// </summary>
    public void Track(LaunchMarker launch, DateTime launchStartedUtc)
    {
        if (launch.Processes() is not [(_, var arguments), ..]
            || arguments.FirstOrDefault(a => a.StartsWith("--user-data-dir=", StringComparison.Ordinal)) is not { } profileSwitch)
        {
            return;
        }

        var profile = profileSwitch["--user-data-dir=".Length..];
        if (!Path.GetFileName(profile).StartsWith("playwright_", StringComparison.Ordinal) || Path.GetDirectoryName(profile) is not { } parent)
        {
            return;
        }

        List<string> made = [profile];
        var artifacts = Directory.EnumerateDirectories(parent, "playwright-artifacts-*")
            .Where(d => Directory.GetLastWriteTimeUtc(d) >= launchStartedUtc.AddSeconds(-1))
            .ToList();
        if (artifacts.Count == 1)
        {
            made.Add(artifacts[0]);
        }

        lock (_gate)
        {
            File.AppendAllLines(_list, made);
        }
    }

    /// <summary>The lists of servers that have ended: their lock is free.</summary>
    public static IReadOnlyList<string> FindAbandoned() =>
        Directory.Exists(Root) ? [.. Directory.EnumerateFiles(Root, "*.lock").Where(Storage.LockFile.IsFree).Select(l => Path.ChangeExtension(l, ".dirs"))] : [];

    /// <summary>The folders a list names.</summary>
    public static IReadOnlyList<string> Listed(string list) => File.Exists(list) ? File.ReadAllLines(list) : [];

    /// <summary>Removes what ended servers left. Returns how many folders it removed.</summary>
    public static int ReapAbandoned()
    {
        var removed = 0;
        foreach (var list in FindAbandoned())
        {
            try
            {
                foreach (var folder in Listed(list).Where(f => Path.GetFileName(f).StartsWith("playwright", StringComparison.Ordinal) && Directory.Exists(f)))
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                }

                File.Delete(list);
                File.Delete(Path.ChangeExtension(list, ".lock"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Claimed meanwhile, or another user's: left for later.
            }
        }

        return removed;
    }

    public void Dispose()
    {
        // Playwright removed the folders itself when it closed the browsers.
        File.Delete(_list);
        _lock.Dispose();
    }
}
