namespace SessionMcp.Cluster;

/// <summary>
/// Several hosts as one server (<c>SessionMcp:Cluster</c>): an Orleans cluster whose membership lives in the shared
/// PostgreSQL database (<c>SessionMcp:Storage</c>); a call for a session goes to the host whose browser holds it.
/// </summary>
public sealed class SessionMcpClusterOptions
{
    public const string SectionName = "SessionMcp:Cluster";

    /// <summary>Join the cluster (HTTP only, with <c>Storage:Provider=Postgres</c>).</summary>
    /// <value>false: one host, no cluster.</value>
    public bool Enabled { get; set; }

    /// <summary>The cluster's name: hosts with the same name and database form one cluster.</summary>
    /// <value>sessionmcp.</value>
    public string ClusterId { get; set; } = "sessionmcp";

    /// <summary>The port hosts talk to each other on (TCP).</summary>
    /// <value>11111.</value>
    public int SiloPort { get; set; } = 11111;

    /// <summary>The address the other hosts reach this one at.</summary>
    /// <value>127.0.0.1 (hosts on one machine); give the host's own address across machines.</value>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>At a stop (SIGTERM), how long the host's runs in progress may take to end before it closes its sessions and leaves.</summary>
    /// <value>20 s.</value>
    public int DrainSeconds { get; set; } = 20;
}
