using Npgsql;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Storage.Postgres;

/// <summary>What PostgreSQL (or the way to it) said when the shared database could not be used, in words a client can act on.</summary>
internal static class PostgresFailure
{
    public static StoreUnavailableException Unavailable(NpgsqlException exception) => new(Describe(exception), exception);

    private static string Describe(NpgsqlException exception) => exception switch
    {
        PostgresException { SqlState: "53100" } => "the disk that holds the shared PostgreSQL database is full; nothing was saved. Free some space and try again.",
        PostgresException { SqlState: "53300" } => "the shared PostgreSQL database has no connection left (too many clients); nothing was saved. Try again in a moment, or raise its max_connections.",
        PostgresException { SqlState: "28P01" or "28000" } => "the shared PostgreSQL database refused the server's login; nothing was saved. Check the user and password in SessionMcp:Storage:ConnectionString.",
        PostgresException { SqlState: "3D000" } => "the database named in SessionMcp:Storage:ConnectionString does not exist; nothing was saved. Create it, or name another.",
        PostgresException { SqlState: "25006" } => "the shared PostgreSQL database is read-only (a standby?); nothing was saved. Point SessionMcp:Storage:ConnectionString at the primary.",
        PostgresException postgres => $"the shared PostgreSQL database failed (SQLSTATE {postgres.SqlState}); nothing was saved. The server's log has the details.",
        _ => "the shared PostgreSQL database (SessionMcp:Storage:ConnectionString) cannot be reached; nothing was saved. Check that it runs and accepts connections from this host, then try again.",
    };
}
