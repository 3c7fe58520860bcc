using Microsoft.Data.Sqlite;

namespace SessionMcp.Core.Storage;

/// <summary>
/// The server's SQLite file in the data folder, created on first use and migrated by <c>user_version</c>. WAL mode
/// with synchronous=NORMAL: a committed write survives a kill of the process.
/// </summary>
public sealed class SqliteDatabase
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE profiles (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            name TEXT NOT NULL,
            created_at TEXT NOT NULL,
            source_session_id TEXT,
            storage_state TEXT NOT NULL
        );
        CREATE INDEX profiles_owner ON profiles(owner);
        """,
        """
        CREATE TABLE runs (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            browser_session_id TEXT NOT NULL,
            status TEXT NOT NULL,
            finished_at TEXT NOT NULL,
            result TEXT NOT NULL
        );
        """,
        """
        CREATE TABLE sessions (
            id TEXT PRIMARY KEY,
            owner TEXT NOT NULL,
            created_at TEXT NOT NULL,
            closed_at TEXT,
            record TEXT NOT NULL
        );
        CREATE INDEX sessions_owner_closed ON sessions(owner, closed_at);
        """,
        """
        ALTER TABLE sessions ADD COLUMN instance TEXT;
        """,
    ];

    private readonly string _connectionString;
    private readonly Lazy<Task> _ready;

    public SqliteDatabase(SessionMcpOptions options)
    {
        var folder = options.DataPath ?? DefaultDataPath();
        Directory.CreateDirectory(folder);
        Path = System.IO.Path.Combine(folder, "sessionmcp.db");
        _connectionString = new SqliteConnectionStringBuilder { DataSource = Path, Pooling = true }.ToString();
        _ready = new Lazy<Task>(MigrateAsync);
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    public static string DefaultDataPath() =>
        System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "sessionmcp");

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
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

    private async Task MigrateAsync()
    {
        await using var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;");
        await using var read = connection.CreateCommand();
        read.CommandText = "PRAGMA user_version;";
        var version = Convert.ToInt32(await read.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        for (var next = version; next < Migrations.Length; next++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, Migrations[next] + $"PRAGMA user_version = {next + 1};", (SqliteTransaction)transaction);
            await transaction.CommitAsync();
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
