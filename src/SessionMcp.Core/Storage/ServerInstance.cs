namespace SessionMcp.Core.Storage;

/// <summary>
/// This server process among those that share a data folder (two MCP clients on one machine each start one). It
/// holds <c>instances/&lt;id&gt;.lock</c> locked for as long as it lives; the operating system lets go of the lock
/// when the process ends, however it ends, so another server can tell a live owner of a session from a dead one.
/// </summary>
public sealed class ServerInstance : IDisposable
{
    private readonly LockFile _lock;

    private ServerInstance(string folder, string id)
    {
        Id = id;
        _lock = LockFile.Hold(System.IO.Path.Combine(folder, id + ".lock"));
    }

    public string Id { get; }

    /// <summary>Claims a new instance id in the data folder of <paramref name="options"/>.</summary>
    public static ServerInstance Claim(SessionMcpOptions options) =>
        new(Folder(options), Ids.IdGenerator.New("si_"));

    /// <summary>
    /// Whether the server instance <paramref name="id"/> still runs. Unknown (a row written before instances were
    /// recorded) and ended instances are not; an ended one's lock file is removed.
    /// </summary>
    public static bool IsAlive(SessionMcpOptions options, string? id)
    {
        if (string.IsNullOrEmpty(id) || id.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '_'))
        {
            return false;
        }

        var path = System.IO.Path.Combine(Folder(options), id + ".lock");
        if (!LockFile.IsFree(path))
        {
            return true;
        }

        File.Delete(path);
        return false;
    }

    public void Dispose() => _lock.Dispose();

    private static string Folder(SessionMcpOptions options) =>
        System.IO.Path.Combine(DataFolder.Of(options), "instances");
}
