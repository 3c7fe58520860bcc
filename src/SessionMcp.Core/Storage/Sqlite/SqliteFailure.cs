using Microsoft.Data.Sqlite;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Storage.Sqlite;

/// <summary>
/// What SQLite said when the server's database could not be used, in words a client can act on: locked by another
/// program, a full disk, a file the server may not write, or a damaged one.
/// </summary>
internal static class SqliteFailure
{
    // SQLite's primary result codes.
    private const int Busy = 5;
    private const int Locked = 6;
    private const int ReadOnly = 8;
    private const int IoError = 10;
    private const int Corrupt = 11;
    private const int Full = 13;
    private const int CannotOpen = 14;
    private const int NotADatabase = 26;

    public static StoreUnavailableException Unavailable(SqliteException exception) => new(Describe(exception), exception);

    private static string Describe(SqliteException exception) => exception.SqliteErrorCode switch
    {
        Busy or Locked => "the server's database (sessionmcp.db in SessionMcp:DataPath) is locked by another program; nothing was saved. Try again in a moment.",
        Full => "the disk that holds the server's database (SessionMcp:DataPath) is full; nothing was saved. Free some space and try again.",
        ReadOnly or CannotOpen => "the server's database (SessionMcp:DataPath) cannot be written here (read-only, or not allowed); nothing was saved. Fix its folder's permissions or point SessionMcp:DataPath elsewhere.",
        IoError or Corrupt or NotADatabase => "the server's database (SessionMcp:DataPath) could not be read or written (a disk error, or a damaged file); nothing was saved. Check the disk, or move sessionmcp.db aside to start a new one.",
        var code => $"the server's database (SessionMcp:DataPath) failed (SQLite error {code}); nothing was saved. The server's log has the details.",
    };
}
