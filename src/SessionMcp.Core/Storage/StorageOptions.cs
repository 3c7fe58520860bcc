namespace SessionMcp.Core.Storage;

/// <summary>Where profiles, the session history and finished runs are kept (<c>SessionMcp:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>
    /// <c>Sqlite</c>: a file in the data folder, for one host. <c>Postgres</c>: a PostgreSQL database that every host
    /// of a cluster shares (then <see cref="ConnectionString"/> is needed).
    /// </summary>
    /// <value>Sqlite.</value>
    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>The PostgreSQL connection string (Npgsql's form: <c>Host=…;Database=…;Username=…;Password=…</c>), for <c>Provider: Postgres</c>.</summary>
    /// <value>None.</value>
    public string? ConnectionString { get; set; }

    /// <summary>
    /// This host's name among the hosts that share the database. A host that starts again closes what its earlier
    /// life left open, and only that; so each host needs its own name, kept across restarts.
    /// </summary>
    /// <value>The machine's name.</value>
    public string HostName { get; set; } = Environment.MachineName;
}

public enum StorageProvider
{
    Sqlite,
    Postgres,
}
