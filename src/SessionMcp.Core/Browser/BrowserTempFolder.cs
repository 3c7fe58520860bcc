namespace SessionMcp.Core.Browser;

/// <summary>
/// Where Playwright's driver puts its temporary browser profiles and artifacts: a folder of this process's own under
/// <c>sessionmcp-browsers</c> in the system's temporary folder, held by a lock file while the process lives. A process
/// that was killed cannot clean up; the next one to start finds its lock free and removes what it left.
/// </summary>
internal sealed class BrowserTempFolder : IDisposable
{
    internal static readonly string Root = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "sessionmcp-browsers");

    private readonly FileStream _lock;

    private BrowserTempFolder(string name)
    {
        Path = System.IO.Path.Combine(Root, name);
        Directory.CreateDirectory(Path);
        _lock = new FileStream(Path + ".lock", FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public string Path { get; }

    /// <summary>Removes what killed processes left, then claims a folder for this one.</summary>
    public static BrowserTempFolder Claim()
    {
        ReapAbandoned();
        return new BrowserTempFolder(Guid.NewGuid().ToString("N"));
    }

    /// <summary>The folders whose owner is gone: no lock file, or one that no live process holds.</summary>
    public static IReadOnlyList<string> FindAbandoned() =>
        Directory.Exists(Root) ? [.. Directory.EnumerateDirectories(Root).Where(IsAbandoned)] : [];

    /// <summary>Removes the folders (and lock files) whose owner is gone. Returns how many folders it removed.</summary>
    public static int ReapAbandoned()
    {
        var removed = 0;
        foreach (var folder in FindAbandoned())
        {
            try
            {
                File.Delete(folder + ".lock");
                Directory.Delete(folder, recursive: true);
                removed++;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Claimed again meanwhile, or another user's.
            }
        }

        return removed;
    }

    private static bool IsAbandoned(string folder)
    {
        try
        {
            // Opening the lock alone succeeds only when no live process holds it.
            using (new FileStream(folder + ".lock", FileMode.Open, FileAccess.ReadWrite, FileShare.None))
            {
            }

            return true;
        }
        catch (FileNotFoundException)
        {
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        _lock.Dispose();
        try
        {
            Directory.Delete(Path, recursive: true);
            File.Delete(Path + ".lock");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the next start to reap.
        }
    }
}
