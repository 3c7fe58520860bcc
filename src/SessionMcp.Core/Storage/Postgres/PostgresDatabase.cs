using Npgsql;

namespace SessionMcp.Core.Storage.Postgres;

/// <summary>
/// The PostgreSQL database that every host of a cluster shares. Its tables are prefixed <c>sessionmcp_</c> (the
/// cluster's own tables live beside them); migrations run once, under an advisory lock, whichever host starts first.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE sessionmcp_profiles (
            id text PRIMARY KEY,
            owner text NOT NULL,
            name text NOT NULL,
            created_at timestamptz NOT NULL,
            source_session_id text,
            storage_state text NOT NULL
        );
        CREATE INDEX sessionmcp_profiles_owner ON sessionmcp_profiles (owner, created_at);
        CREATE TABLE sessionmcp_runs (
            id text PRIMARY KEY,
            owner text NOT NULL,
            browser_session_id text NOT NULL,
            status text NOT NULL,
            finished_at timestamptz NOT NULL,
            result jsonb NOT NULL
        );
        CREATE TABLE sessionmcp_sessions (
            id text PRIMARY KEY,
            owner text NOT NULL,
            created_at timestamptz NOT NULL,
            closed_at timestamptz,
            host text NOT NULL,
            instance text NOT NULL,
            record jsonb NOT NULL
        );
        CREATE INDEX sessionmcp_sessions_owner_closed ON sessionmcp_sessions (owner, closed_at);
        CREATE INDEX sessionmcp_sessions_open ON sessionmcp_sessions (host) WHERE closed_at IS NULL;
        """,
    ];

    private readonly NpgsqlDataSource _source;
    private readonly UntilSucceeded<bool> _ready;

    public PostgresDatabase(StorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            throw new InvalidOperationException("SessionMcp:Storage:Provider is Postgres but SessionMcp:Storage:ConnectionString is not set; give it as Host=…;Database=…;Username=…;Password=….");
        }

        _source = NpgsqlDataSource.Create(options.ConnectionString);
        _ready = new UntilSucceeded<bool>(() => UseUnmigratedAsync(MigrateAsync, CancellationToken.None));
    }

    /// <summary>Runs <paramref name="work"/> on an open connection; PostgreSQL's failures come out as <see cref="Errors.StoreUnavailableException"/>.</summary>
    public async Task<T> UseAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        await _ready.Value.WaitAsync(cancellationToken);
        return await UseUnmigratedAsync(work, cancellationToken);
    }

    private async Task<T> UseUnmigratedAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _source.OpenConnectionAsync(cancellationToken);
            return await work(connection);
        }
        catch (NpgsqlException ex)
        {
            throw PostgresFailure.Unavailable(ex);
        }
    }

    private static async Task<bool> MigrateAsync(NpgsqlConnection connection)
    {
        await using var transaction = await connection.BeginTransactionAsync();
        await ExecuteAsync(connection, "SELECT pg_advisory_xact_lock(hashtext('sessionmcp_schema'));");
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS sessionmcp_schema (version integer NOT NULL);");
        await using var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM sessionmcp_schema;", connection);
        var version = (int)(await read.ExecuteScalarAsync())!;
        for (var next = version; next < Migrations.Length; next++)
        {
            await ExecuteAsync(connection, Migrations[next]);
            await ExecuteAsync(connection, $"INSERT INTO sessionmcp_schema (version) VALUES ({next + 1});");
        }

        await transaction.CommitAsync();
        return true;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
