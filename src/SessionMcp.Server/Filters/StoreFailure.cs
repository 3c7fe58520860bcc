using Microsoft.Data.Sqlite;

namespace SessionMcp.Server.Filters;

/// <summary>
/// What the server's database said when it could not be used, in words a client can act on: locked by another
/// program, a full disk, or a damaged file. Null for anything else.
/// </summary>
internal static class StoreFailure
{
    // SQLite's primary result codes.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int ReadOnly = 8;
    private const int NotADatabase = 26;

    public static string? Describe(Exception exception) => (exception as SqliteException ?? exception.InnerException as SqliteException)?.SqliteErrorCode switch
    {
        Busy or Locked => "the server's database (sessionmcp.db in SessionMcp:DataPath) is locked by another program; nothing was saved. Try again in a moment.",
        Full => "the disk that holds the server's database (SessionMcp:DataPath) is full; nothing was saved. Free some space and try again.",
        ReadOnly or CannotOpen => "the server's database (SessionMcp:DataPath) cannot be written here (read-only, or not allowed); nothing was saved. Fix its folder's permissions or point SessionMcp:DataPath elsewhere.",
        IoError or Corrupt or NotADatabase => "the server's database (SessionMcp:DataPath) could not be read or written (a disk error, or a damaged file); nothing was saved. Check the disk, or move sessionmcp.db aside to start a new one.",
        _ => null,
    };
}
