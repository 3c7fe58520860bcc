using System.Net;

namespace SessionMcp.Server.Http;

/// <summary>Reads the listen URLs and decides whether they stay on this machine.</summary>
internal static class BindAddresses
{
    public static IReadOnlyList<Uri> Parse(string urls) =>
        [.. urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => new Uri(u.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal)))];

    public static bool IsWildcard(string host) => host is "0.0.0.0" or "[::]" or "::" or "*" or "+";

    public static bool IsLoopback(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ||
        (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    /// <summary>Refuses to listen beyond loopback without an API key: anyone on the network could drive the browser.</summary>
    public static void EnsureSafe(HttpOptions options)
    {
        var exposed = Parse(options.Urls).Where(u => !IsLoopback(u.Host)).ToList();
        if (exposed.Count > 0 && options.ApiKeys.Count == 0)
        {
            throw new InvalidOperationException(
                $"SessionMcp:Http:Urls listens on {string.Join(", ", exposed.Select(u => u.Authority))}, beyond this machine, and no API key is configured: " +
                "anyone who can reach it could drive the browser. Set SessionMcp:Http:ApiKeys:<name>=<key> (environment: SessionMcp__Http__ApiKeys__<name>), or listen on 127.0.0.1.");
        }
    }
}
