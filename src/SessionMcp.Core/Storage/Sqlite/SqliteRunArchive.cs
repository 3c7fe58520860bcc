using System.Globalization;
using System.Text.Json;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Storage.Sqlite;

/// <summary>Finished runs in the server's SQLite file.</summary>
public sealed class SqliteRunArchive(SqliteDatabase database) : IRunArchive
{
    public Task SaveAsync(string owner, RunResult run, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT OR REPLACE INTO runs (id, owner, browser_session_id, status, finished_at, result) VALUES ($id, $owner, $session, $status, $finished, $result);";
            command.Parameters.AddWithValue("$id", run.RunId);
            command.Parameters.AddWithValue("$owner", owner);
            command.Parameters.AddWithValue("$session", run.BrowserSessionId);
            command.Parameters.AddWithValue("$status", run.Status.ToString());
            command.Parameters.AddWithValue("$finished", (run.FinishedAt ?? run.CreatedAt).ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$result", JsonSerializer.Serialize(run, StoredJson.Default.RunResult));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public Task<RunResult?> GetAsync(string runId, string owner, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT result FROM runs WHERE id = $id AND owner = $owner;";
            command.Parameters.AddWithValue("$id", runId);
            command.Parameters.AddWithValue("$owner", owner);
            return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize(json, StoredJson.Default.RunResult) : null;
        },
        cancellationToken);
}
