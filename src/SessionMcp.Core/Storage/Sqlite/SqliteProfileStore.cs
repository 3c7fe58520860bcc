using System.Globalization;
using SessionMcp.Core.Profiles;

namespace SessionMcp.Core.Storage.Sqlite;

/// <summary>Profiles in the server's SQLite database.</summary>
public sealed class SqliteProfileStore(SqliteDatabase database) : IProfileStore
{
    public Task SaveAsync(BrowserProfile profile, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO profiles (id, owner, name, created_at, source_session_id, storage_state) VALUES ($id, $owner, $name, $created, $source, $state);";
            command.Parameters.AddWithValue("$id", profile.BrowserProfileId);
            command.Parameters.AddWithValue("$owner", profile.Owner);
            command.Parameters.AddWithValue("$name", profile.Name);
            command.Parameters.AddWithValue("$created", profile.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("$source", (object?)profile.SourceBrowserSessionId ?? DBNull.Value);
            command.Parameters.AddWithValue("$state", profile.StorageState);
            return await command.ExecuteNonQueryAsync(cancellationToken);
        },
        cancellationToken);

    public async Task<BrowserProfile?> GetAsync(string browserProfileId, string owner, CancellationToken cancellationToken)
    {
        var found = await QueryAsync("WHERE id = $id AND owner = $owner", owner, browserProfileId, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public Task<IReadOnlyList<BrowserProfile>> ListAsync(string owner, CancellationToken cancellationToken) =>
        QueryAsync("WHERE owner = $owner ORDER BY created_at", owner, null, cancellationToken);

    public Task<bool> DeleteAsync(string browserProfileId, string owner, CancellationToken cancellationToken) => database.UseAsync(
        async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM profiles WHERE id = $id AND owner = $owner;";
            command.Parameters.AddWithValue("$id", browserProfileId);
            command.Parameters.AddWithValue("$owner", owner);
            return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
        },
        cancellationToken);

    private Task<IReadOnlyList<BrowserProfile>> QueryAsync(string where, string owner, string? id, CancellationToken cancellationToken) => database.UseAsync<IReadOnlyList<BrowserProfile>>(
        async connection =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT id, owner, name, created_at, source_session_id, storage_state FROM profiles " + where + ";";
            command.Parameters.AddWithValue("$owner", owner);
            if (id is not null)
            {
                command.Parameters.AddWithValue("$id", id);
            }

            return await StoredRows.ReadProfilesAsync(command, cancellationToken);
        },
        cancellationToken);
}
