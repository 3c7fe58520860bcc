namespace SessionMcp.Core.Files;

/// <summary>
/// A path as the operating system will follow it: every symbolic link resolved, in every folder of the path, and
/// <c>..</c> taken physically (from where a link led, not by trimming the text), as POSIX <c>realpath</c> does.
/// </summary>
public static class RealPath
{
    private const int MaxLinks = 40;

    /// <summary>The real path of <paramref name="path"/>; parts that do not exist are kept as written.</summary>
    public static string Resolve(string path)
    {
        var links = 0;
        return Resolve(path, ref links);
    }

    /// <summary>Whether <paramref name="path"/>, resolved, is <paramref name="folder"/> (resolved) or inside it.</summary>
    public static bool IsInside(string path, string folder)
    {
        var root = Path.TrimEndingDirectorySeparator(Resolve(folder));
        var resolved = Resolve(path);
        return resolved.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private static string Resolve(string path, ref int links)
    {
        var absolute = Path.IsPathFullyQualified(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(absolute)!;
        var current = root;
        foreach (var part in absolute[root.Length..].Split(['/', Path.DirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var next = Path.Combine(current, part);
            FileSystemInfo entry = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (entry.LinkTarget is { } target)
            {
                if (++links > MaxLinks)
                {
                    throw new IOException($"too many symbolic links in {path}");
                }

                next = Resolve(Path.IsPathFullyQualified(target) ? target : Path.Combine(current, target), ref links);
            }

            current = next;
        }

        return current;
    }
}
