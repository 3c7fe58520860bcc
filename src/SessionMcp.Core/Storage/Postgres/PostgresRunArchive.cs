using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Core.Storage.Postgres;

/// <summary>Finished runs in the shared PostgreSQL database: <c>get_run</c> answers from any host.</summary>
public sealed class PostgresRunArchive(PostgresDatabase database) : IRunArchive
{
    public Task SaveAsync(string owner, RunResult run, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = new NpgsqlCommand(
                """
                INSERT INTO sessionmcp_runs (id, owner, browser_session_id, status, finished_at, result) VALUES (@id, @owner, @session, @status, @finished, @result)
                ON CONFLICT (id) DO UPDATE SET status = excluded.status, finished_at = excluded.finished_at, result = excluded.result;
                """,
                connection);
            command.Parameters.AddWithValue("id", run.RunId);
            command.Parameters.AddWithValue("owner", owner);
            command.Parameters.AddWithValue("session", run.BrowserSessionId);
            command.Parameters.AddWithValue("status", run.Status.ToString());
            command.Parameters.AddWithValue("finished", (run.FinishedAt ?? run.CreatedAt).ToUniversalTime());
            command.Parameters.AddWithValue("result", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(run, StoredJson.Default.RunResult));
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public Task<RunResult?> GetAsync(string runId, string owner, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = new NpgsqlCommand("SELECT result::text FROM sessionmcp_runs WHERE id = @id AND owner = @owner;", connection);
            command.Parameters.AddWithValue("id", runId);
            command.Parameters.AddWithValue("owner", owner);
            return await command.ExecuteScalarAsync(cancellationToken) is string json ? JsonSerializer.Deserialize(json, StoredJson.Default.RunResult) : null;
        },
        cancellationToken);
}
