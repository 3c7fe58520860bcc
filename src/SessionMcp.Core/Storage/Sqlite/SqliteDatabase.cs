using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Data.Sqlite;

namespace SessionMcp.Core.Storage.Sqlite;

/// <summary>
/// The server's SQLite file in the data folder, created on first use and migrated by <c>user_version</c>. WAL mode
/// with synchronous=NORMAL: a committed write survives a kill of the process.
/// </summary>
public sealed class SqliteDatabase
{
    private delegate Task Migration(SqliteConnection connection, SqliteTransaction transaction);

    private static readonly Migration[] Migrations =
    [
        Sql("""
            CREATE TABLE profiles (
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL,
                source_session_id TEXT,
                storage_state TEXT NOT NULL
            );
            CREATE INDEX profiles_owner ON profiles(owner);
            """),
        Sql("""
            CREATE TABLE runs (
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                browser_session_id TEXT NOT NULL,
                status TEXT NOT NULL,
                finished_at TEXT NOT NULL,
                result TEXT NOT NULL
            );
            """),
        Sql("""
            CREATE TABLE sessions (
                id TEXT PRIMARY KEY,
                owner TEXT NOT NULL,
                created_at TEXT NOT NULL,
                closed_at TEXT,
                record TEXT NOT NULL
            );
            CREATE INDEX sessions_owner_closed ON sessions(owner, closed_at);
            """),
        Sql("ALTER TABLE sessions ADD COLUMN instance TEXT;"),

        // Rows of earlier versions keep enums as numbers; rewritten once by name, as rows are written now.
        async (connection, transaction) =>
        {
            await RewriteAsync(connection, transaction, "sessions", "record", StoredJson.Default.SessionRecord);
            await RewriteAsync(connection, transaction, "runs", "result", StoredJson.Default.RunResult);
        },
    ];

    private readonly string _connectionString;
    private readonly UntilSucceeded<bool> _ready;

    public SqliteDatabase(SessionMcpOptions options)
    {
        var folder = DataFolder.Of(options);
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "sessionmcp.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        _ready = new UntilSucceeded<bool>(MigrateAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Runs <paramref name="work"/> on an open connection; SQLite's failures come out as <see cref="Errors.StoreUnavailableException"/>.</summary>
    public async Task<T> UseAsync<T>(Func<SqliteConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await OpenAsync(cancellationToken);
            return await work(connection);
        }
        catch (SqliteException ex)
        {
            throw SqliteFailure.Unavailable(ex);
        }
    }

    private async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        await _ready.Value.WaitAsync(cancellationToken);
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);

        // synchronous is per connection. In WAL mode NORMAL keeps every commit through a crash or kill of the
        // server (the OS has the write); only a power cut can lose the last commits. FULL would add an fsync to
        // every session start, run and profile.
        await ExecuteAsync(connection, "PRAGMA synchronous=NORMAL;");
        return connection;
    }

    private async Task<bool> MigrateAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
        await using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        for (var next = version; next < Migrations.Length; next++)
        {
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
            await Migrations[next](connection, transaction);
            await ExecuteAsync(connection, $"PRAGMA user_version = {next + 1};", transaction);
            await transaction.CommitAsync();
        }

        return true;
    }

    private static Migration Sql(string sql) => (connection, transaction) => ExecuteAsync(connection, sql, transaction);

    private static async Task RewriteAsync<T>(SqliteConnection connection, SqliteTransaction transaction, string table, string column, JsonTypeInfo<T> type)
    {
        var rows = new List<(string Id, string Json)>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = $"SELECT id, {column} FROM {table};";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (id, json) in rows)
        {
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = $"UPDATE {table} SET {column} = $json WHERE id = $id;";
            write.Parameters.AddWithValue("$id", id);
            write.Parameters.AddWithValue("$json", JsonSerializer.Serialize(JsonSerializer.Deserialize(json, type)!, type));
            await write.ExecuteNonQueryAsync();
        }
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
