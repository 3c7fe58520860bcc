using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Storage.Postgres;

/// <summary>
/// The session history in the shared PostgreSQL database. Each row names the host that holds the session; at start a
/// host closes (reason <c>shutdown</c>) only what its own earlier life left open, never another host's live sessions.
/// </summary>
public sealed class PostgresSessionHistory : ISessionHistory
{
    private readonly PostgresDatabase _database;
    private readonly string _host;
    private readonly ServerInstance _instance;
    private readonly LeftOpenSessions _leftOpen;
    private readonly UntilSucceeded<int> _recovered;

    public PostgresSessionHistory(PostgresDatabase database, SessionMcpOptions options, ServerInstance instance, TimeProvider time)
    {
        _database = database;
        _host = options.Storage.HostName;
        _instance = instance;
        _leftOpen = new LeftOpenSessions(options, instance);
        _recovered = new UntilSucceeded<int>(() => _database.UseAsync(c => CloseLeftOpenAsync(c, time.GetUtcNow()), CancellationToken.None));
    }

    public Task<int> RecoverAsync() => _recovered.Value;

    public async Task SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        await _database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand(
                    """
                    INSERT INTO sessionmcp_sessions (id, owner, created_at, closed_at, host, instance, record) VALUES (@id, @owner, @created, @closed, @host, @instance, @record)
                    ON CONFLICT (id) DO UPDATE SET closed_at = excluded.closed_at, host = excluded.host, instance = excluded.instance, record = excluded.record;
                    """,
                    connection);
                command.Parameters.AddWithValue("id", record.BrowserSessionId);
                command.Parameters.AddWithValue("owner", record.Owner);
                command.Parameters.AddWithValue("created", record.CreatedAt.ToUniversalTime());
                command.Parameters.AddWithValue("closed", NpgsqlDbType.TimestampTz, record.ClosedAt is { } closed ? closed.ToUniversalTime() : DBNull.Value);
                command.Parameters.AddWithValue("host", _host);
                command.Parameters.AddWithValue("instance", _instance.Id);
                command.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(record, StoredJson.Default.SessionRecord));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<SessionRecord?> GetAsync(string browserSessionId, string owner, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = @id AND owner = @owner", owner, browserSessionId, limit: 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<SessionRecord>> ListClosedAsync(string owner, int limit, CancellationToken cancellationToken) =>
        QueryAsync("WHERE owner = @owner AND closed_at IS NOT NULL ORDER BY closed_at DESC", owner, null, limit, cancellationToken);

    public Task<IReadOnlyList<SessionRecord>> ListOpenAsync(string owner, CancellationToken cancellationToken) =>
        QueryAsync("WHERE owner = @owner AND closed_at IS NULL ORDER BY created_at", owner, null, limit: 10_000, cancellationToken);

    public async Task<string?> OpenOnHostAsync(string browserSessionId, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        return await _database.UseAsync(
            async connection =>
            {
                await using var command = new NpgsqlCommand("SELECT host FROM sessionmcp_sessions WHERE id = @id AND closed_at IS NULL;", connection);
                command.Parameters.AddWithValue("id", browserSessionId);
                return await command.ExecuteScalarAsync(cancellationToken) as string;
            },
            cancellationToken);
    }

    public Task<IReadOnlyDictionary<string, int>> CountOpenByInstanceAsync(string owner, CancellationToken cancellationToken) => _database.UseAsync<IReadOnlyDictionary<string, int>>(
        async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT instance, count(*)::int FROM sessionmcp_sessions WHERE owner = @owner AND closed_at IS NULL GROUP BY instance;", connection);
            command.Parameters.AddWithValue("owner", owner);
            var counts = new Dictionary<string, int>(StringComparer.Ordinal);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = reader.GetInt32(1);
            }

            return counts;
        },
        cancellationToken);

    public Task<int> CloseOpenOfInstanceAsync(string instance, CloseReason reason, DateTimeOffset at, CancellationToken cancellationToken) =>
        _database.UseAsync(c => CloseOpenAsync(c, "instance", instance, _ => true, reason, at, cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<SessionRecord>> QueryAsync(string where, string owner, string? id, int limit, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        return await _database.UseAsync<IReadOnlyList<SessionRecord>>(
            async connection =>
            {
                await using var command = new NpgsqlCommand($"SELECT record::text FROM sessionmcp_sessions {where} LIMIT @limit;", connection);
                command.Parameters.AddWithValue("owner", owner);
                command.Parameters.AddWithValue("limit", limit);
                if (id is not null)
                {
                    command.Parameters.AddWithValue("id", id);
                }

                return await StoredRows.ReadJsonAsync(command, StoredJson.Default.SessionRecord, cancellationToken);
            },
            cancellationToken);
    }

    private Task<int> CloseLeftOpenAsync(NpgsqlConnection connection, DateTimeOffset now) =>
        CloseOpenAsync(connection, "host", _host, r => _leftOpen.EndedWithTheirServer(r.Instance), CloseReason.Shutdown, now, CancellationToken.None);

    /// <summary>
    /// Closes the open sessions whose <paramref name="column"/> (host or instance) is <paramref name="value"/> and that
    /// <paramref name="ended"/> picks, each once however many hosts try at the same time.
    /// </summary>
    private static async Task<int> CloseOpenAsync(NpgsqlConnection connection, string column, string value, Func<(SessionRecord Record, string Instance), bool> ended, CloseReason reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var closing = new List<SessionRecord>();
        await using (var read = new NpgsqlCommand($"SELECT record::text, instance FROM sessionmcp_sessions WHERE {column} = @value AND closed_at IS NULL FOR UPDATE;", connection, transaction))
        {
            read.Parameters.AddWithValue("value", value);
            await using var reader = await read.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var row = (JsonSerializer.Deserialize(reader.GetString(0), StoredJson.Default.SessionRecord)!, reader.GetString(1));
                if (ended(row))
                {
                    closing.Add(row.Item1);
                }
            }
        }

        foreach (var record in closing)
        {
            await using var write = new NpgsqlCommand("UPDATE sessionmcp_sessions SET closed_at = @closed, record = @record WHERE id = @id;", connection, transaction);
            write.Parameters.AddWithValue("id", record.BrowserSessionId);
            write.Parameters.AddWithValue("closed", at.ToUniversalTime());
            write.Parameters.AddWithValue("record", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(record with { ClosedAt = at, CloseReason = reason }, StoredJson.Default.SessionRecord));
            await write.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return closing.Count;
    }
}
