using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using SessionMcp.Core.Profiles;

namespace SessionMcp.Core.Storage;

/// <summary>Reading what the stores keep, the same on SQLite and PostgreSQL (both ADO.NET).</summary>
internal static class StoredRows
{
    /// <summary>Every row of a query whose first column is a JSON document, as <typeparamref name="T"/>.</summary>
    public static async Task<IReadOnlyList<T>> ReadJsonAsync<T>(DbCommand command, JsonTypeInfo<T> type, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(JsonSerializer.Deserialize(reader.GetString(0), type)!);
        }

        return rows;
    }

    /// <summary>Every row of a query selecting <c>id, owner, name, created_at, source_session_id, storage_state</c>.</summary>
    public static async Task<IReadOnlyList<BrowserProfile>> ReadProfilesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var profiles = new List<BrowserProfile>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            profiles.Add(new BrowserProfile(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetString(2),
                // SQLite keeps the time as ISO 8601 text, PostgreSQL as timestamptz.
                reader.GetValue(3) is string text ? DateTimeOffset.Parse(text, CultureInfo.InvariantCulture) : reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.GetString(5)));
        }

        return profiles;
    }
}
