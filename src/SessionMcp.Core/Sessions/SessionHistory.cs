using System.Globalization;
using System.Text.Json;
using SessionMcp.Core.Storage;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Sessions in the server's database: written when one starts and when it ends, so after a restart (even after
/// a kill) a session is still described. Sessions a server that has ended left open are closed with
/// <see cref="CloseReason.Shutdown"/> before the first use of the history; those of another server still running on
/// the same data folder are its own, and left alone.
/// </summary>
public sealed class SessionHistory
{
    private readonly SqliteDatabase _database;
    private readonly SessionMcpOptions _options;
    private readonly ServerInstance _instance;
    private readonly Lazy<Task<int>> _leftOpenClosed;

    public SessionHistory(SqliteDatabase database, SessionMcpOptions options, ServerInstance instance, TimeProvider time)
    {
        _database = database;
        _options = options;
        _instance = instance;
        _leftOpenClosed = new Lazy<Task<int>>(() => CloseLeftOpenAsync(time.GetUtcNow()));
    }

    /// <summary>Closes, once, the sessions a previous run of the server left open. Returns how many it closed.</summary>
    public Task<int> RecoverAsync() => _leftOpenClosed.Value;

    public async Task SaveAsync(SessionRecord record, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO sessions (id, owner, created_at, closed_at, record, instance) VALUES ($id, $owner, $created, $closed, $record, $instance);";
        command.Parameters.AddWithValue("$instance", _instance.Id);
        command.Parameters.AddWithValue("$id", record.BrowserSessionId);
        command.Parameters.AddWithValue("$owner", record.Owner);
        command.Parameters.AddWithValue("$created", Timestamp(record.CreatedAt));
        command.Parameters.AddWithValue("$closed", record.ClosedAt is { } closed ? Timestamp(closed) : DBNull.Value);
        command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(record));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<SessionRecord?> GetAsync(string browserSessionId, string owner, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = $id AND owner = $owner", owner, browserSessionId, limit: 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>The owner's closed sessions, newest first.</summary>
    public Task<IReadOnlyList<SessionRecord>> ListClosedAsync(string owner, int limit, CancellationToken cancellationToken) =>
        QueryAsync("WHERE owner = $owner AND closed_at IS NOT NULL ORDER BY closed_at DESC", owner, null, limit, cancellationToken);

    private async Task<IReadOnlyList<SessionRecord>> QueryAsync(string where, string owner, string? id, int limit, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        await using var connection = await _database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT record FROM sessions {where} LIMIT $limit;";
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$limit", limit);
        if (id is not null)
        {
            command.Parameters.AddWithValue("$id", id);
        }

        var records = new List<SessionRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(JsonSerializer.Deserialize<SessionRecord>(reader.GetString(0))!);
        }

        return records;
    }

    private async Task<int> CloseLeftOpenAsync(DateTimeOffset now)
    {
        await using var connection = await _database.OpenAsync(CancellationToken.None);
        await using var transaction = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync();
        var leftOpen = new List<SessionRecord>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT record, instance FROM sessions WHERE closed_at IS NULL;";
            await using var reader = await read.ExecuteReaderAsync();
            var alive = new Dictionary<string, bool>(StringComparer.Ordinal);
            while (await reader.ReadAsync())
            {
                var instance = reader.IsDBNull(1) ? "" : reader.GetString(1);
                if (!alive.TryGetValue(instance, out var live))
                {
                    live = alive[instance] = instance == _instance.Id || ServerInstance.IsAlive(_options, instance);
                }

                if (!live)
                {
                    leftOpen.Add(JsonSerializer.Deserialize<SessionRecord>(reader.GetString(0))!);
                }
            }
        }

        foreach (var record in leftOpen)
        {
            // The server stopped without closing them (a kill, a power cut): they ended with it, at a time unknown.
            var closed = record with { ClosedAt = now, CloseReason = Sessions.CloseReason.Shutdown };
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "UPDATE sessions SET closed_at = $closed, record = $record WHERE id = $id;";
            write.Parameters.AddWithValue("$id", record.BrowserSessionId);
            write.Parameters.AddWithValue("$closed", Timestamp(now));
            write.Parameters.AddWithValue("$record", JsonSerializer.Serialize(closed));
            await write.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return leftOpen.Count;
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
