using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Storage.Sqlite;

/// <summary>
/// The session history in the server's SQLite file, for one host. Sessions a server that has ended left open are
/// closed with <see cref="CloseReason.Shutdown"/> before the first use; those of another server still running on the
/// same data folder are its own, and left alone.
/// </summary>
public sealed class SqliteSessionHistory : ISessionHistory
{
    private readonly SqliteDatabase _database;
    private readonly LeftOpenSessions _leftOpen;
    private readonly UntilSucceeded<int> _recovered;
    private readonly ServerInstance _instance;

    public SqliteSessionHistory(SqliteDatabase database, SessionMcpOptions options, ServerInstance instance, TimeProvider time)
    {
        _database = database;
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
                await using var command = connection.CreateCommand();
                command.CommandText = "INSERT OR REPLACE INTO sessions (id, owner, created_at, closed_at, record, instance) VALUES ($id, $owner, $created, $closed, $record, $instance);";
                command.Parameters.AddWithValue("$instance", _instance.Id);
                command.Parameters.AddWithValue("$id", record.BrowserSessionId);
                command.Parameters.AddWithValue("$owner", record.Owner);
                command.Parameters.AddWithValue("$created", Timestamp(record.CreatedAt));
                command.Parameters.AddWithValue("$closed", record.ClosedAt is { } closed ? Timestamp(closed) : DBNull.Value);
                command.Parameters.AddWithValue("$record", JsonSerializer.Serialize(record, StoredJson.Default.SessionRecord));
                return await command.ExecuteNonQueryAsync(cancellationToken);
            },
            cancellationToken);
    }

    public async Task<SessionRecord?> GetAsync(string browserSessionId, string owner, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = $id AND owner = $owner", owner, browserSessionId, limit: 1, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<SessionRecord>> ListClosedAsync(string owner, int limit, CancellationToken cancellationToken) =>
        QueryAsync("WHERE owner = $owner AND closed_at IS NOT NULL ORDER BY closed_at DESC", owner, null, limit, cancellationToken);

    /// <summary>One host's file: a session open in another server on the same folder is used only through that server.</summary>
    public Task<string?> OpenOnHostAsync(string browserSessionId, CancellationToken cancellationToken) => Task.FromResult<string?>(null);

    public Task<IReadOnlyList<SessionRecord>> ListOpenAsync(string owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<SessionRecord>>([]);

    public Task<IReadOnlyDictionary<string, int>> CountOpenByInstanceAsync(string owner, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(new Dictionary<string, int>());

    public Task<int> CloseOpenOfInstanceAsync(string instance, CloseReason reason, DateTimeOffset at, CancellationToken cancellationToken) => Task.FromResult(0);

    private async Task<IReadOnlyList<SessionRecord>> QueryAsync(string where, string owner, string? id, int limit, CancellationToken cancellationToken)
    {
        await RecoverAsync().WaitAsync(cancellationToken);
        return await _database.UseAsync<IReadOnlyList<SessionRecord>>(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = $"SELECT record FROM sessions {where} LIMIT $limit;";
                command.Parameters.AddWithValue("$owner", owner);
                command.Parameters.AddWithValue("$limit", limit);
                if (id is not null)
                {
                    command.Parameters.AddWithValue("$id", id);
                }

                return await StoredRows.ReadJsonAsync(command, StoredJson.Default.SessionRecord, cancellationToken);
            },
            cancellationToken);
    }

    private async Task<int> CloseLeftOpenAsync(SqliteConnection connection, DateTimeOffset now)
    {
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
        var leftOpen = new List<SessionRecord>();
        await using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT record, instance FROM sessions WHERE closed_at IS NULL;";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (_leftOpen.EndedWithTheirServer(reader.IsDBNull(1) ? null : reader.GetString(1)))
                {
                    leftOpen.Add(JsonSerializer.Deserialize(reader.GetString(0), StoredJson.Default.SessionRecord)!);
                }
            }
        }

        foreach (var record in leftOpen)
        {
            await using var write = connection.CreateCommand();
            write.Transaction = transaction;
            write.CommandText = "UPDATE sessions SET closed_at = $closed, record = $record WHERE id = $id;";
            write.Parameters.AddWithValue("$id", record.BrowserSessionId);
            write.Parameters.AddWithValue("$closed", Timestamp(now));
            write.Parameters.AddWithValue("$record", JsonSerializer.Serialize(LeftOpenSessions.Closed(record, now), StoredJson.Default.SessionRecord));
            await write.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
        return leftOpen.Count;
    }

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
