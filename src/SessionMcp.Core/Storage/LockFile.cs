namespace SessionMcp.Core.Storage;

/// <summary>
/// A file held open exclusively for as long as its owner lives. The operating system lets go of it when the process
/// ends, however it ends, so another process can tell a live owner from a dead one by trying to open it.
/// </summary>
public sealed class LockFile : IDisposable
{
    private readonly FileStream _held;

    private LockFile(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        _held = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
    }

    public string Path => _held.Name;

    /// <summary>Creates and holds <paramref name="path"/>; it must not exist yet.</summary>
    public static LockFile Hold(string path) => new(path);

    /// <summary>Whether no live process holds <paramref name="path"/> (true when it does not exist).</summary>
    public static bool IsFree(string path)
    {
        try
        {
            // Opening it alone succeeds only when nobody holds it.
            using (new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
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

    /// <summary>Lets go of the file and removes it.</summary>
    public void Dispose()
    {
        var path = _held.Name;
        _held.Dispose();
        File.Delete(path);
    }
}
