using System.ComponentModel.DataAnnotations;

namespace SessionMcp.Server.Http;

/// <summary>The HTTP transport's settings, bound from <c>SessionMcp:Http</c>.</summary>
public sealed class HttpOptions
{
    public const string SectionName = "SessionMcp:Http";

    /// <summary>Serve MCP over HTTP instead of stdio (the <c>--http</c> switch sets it too).</summary>
    /// <value>false.</value>
    public bool Enabled { get; set; }

    /// <summary>Where to listen; a host other than 127.0.0.1, ::1 or localhost needs at least one API key.</summary>
    /// <value><c>http://127.0.0.1:5800</c>.</value>
    [Required]
    public string Urls { get; set; } = "http://127.0.0.1:5800";

    /// <summary>The address clients use to reach this server, for live-view links (behind a proxy, say).</summary>
    /// <value>Unset: the address the server listens on.</value>
    public string? PublicUrl { get; set; }

    /// <summary>API keys by the name of whoever holds them; the name is the identity that owns their sessions.</summary>
    /// <value>None: only loopback callers, all as one identity.</value>
    public IDictionary<string, string> ApiKeys { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Browser origins allowed to call, besides loopback ones (http(s)://localhost, 127.0.0.1, [::1] on any port).</summary>
    /// <value>None.</value>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>
    /// Messages a legacy SSE connection may post per second (<c>POST /message</c>); beyond it and a burst of twice as
    /// many, the server answers 429 instead of queueing them.
    /// </summary>
    /// <value>20.</value>
    [Range(1, 10_000)]
    public int LegacySseMessagesPerSecond { get; set; } = 20;

    /// <summary>Host header values accepted, besides loopback names and the hosts in <see cref="Urls"/>.</summary>
    /// <value>None.</value>
    public IList<string> AllowedHosts { get; } = [];
}
