using System.Globalization;
using System.Text.Json;
using SessionMcp.Core.Storage;

namespace SessionMcp.Core.Tasks;

/// <summary>Finished runs in the server's database, so <c>get_run</c> still answers after a restart.</summary>
public sealed class RunArchive(SqliteDatabase database)
{
    public async Task SaveAsync(string owner, RunResult run, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR REPLACE INTO runs (id, owner, browser_session_id, status, finished_at, result) VALUES ($id, $owner, $session, $status, $finished, $result);";
        command.Parameters.AddWithValue("$id", run.RunId);
        command.Parameters.AddWithValue("$owner", owner);
        command.Parameters.AddWithValue("$session", run.BrowserSessionId);
        command.Parameters.AddWithValue("$status", run.Status.ToString());
        command.Parameters.AddWithValue("$finished", (run.FinishedAt ?? run.CreatedAt).ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$result", JsonSerializer.Serialize(run));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<RunResult?> GetAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT result FROM runs WHERE id = $id AND owner = $owner;";
        command.Parameters.AddWithValue("$id", runId);
        command.Parameters.AddWithValue("$owner", owner);
        return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize<RunResult>(json) : null;
    }
}
