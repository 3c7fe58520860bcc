using System.Text;

namespace SessionMcp.Core.Browser;

/// <summary>The head of a request to the egress proxy: <c>CONNECT host:port</c>, or a plain request with an absolute URL.</summary>
internal sealed record ProxyRequest(string Method, string Host, int Port, bool IsTunnel, string PathAndQuery, string Version, IReadOnlyList<string> HeaderLines)
{
    public static ProxyRequest? Parse(string head)
    {
        var lines = head.Split("\r\n", StringSplitOptions.None);
        var parts = lines[0].Split(' ');
        if (parts.Length != 3)
        {
            return null;
        }

        var headers = lines.Skip(1).Where(l => l.Length > 0).ToList();
        if (parts[0] == "CONNECT")
        {
            // host:port, or [v6]:port.
            return Uri.TryCreate("tunnel://" + parts[1], UriKind.Absolute, out var tunnel) && tunnel.Port > 0
                ? new ProxyRequest(parts[0], tunnel.Host, tunnel.Port, true, "", parts[2], headers)
                : null;
        }

        return Uri.TryCreate(parts[1], UriKind.Absolute, out var uri) && uri.Scheme == "http"
            ? new ProxyRequest(parts[0], uri.Host, uri.Port, false, uri.PathAndQuery, parts[2], headers)
            : null;
    }

    /// <summary>The request as the target expects it (origin form), one request per connection.</summary>
    public string OriginFormHead(IReadOnlyCollection<string> dropHeaders)
    {
        var head = new StringBuilder().Append(Method).Append(' ').Append(PathAndQuery).Append(' ').Append(Version).Append("\r\n");
        foreach (var line in HeaderLines)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && dropHeaders.Contains(line[..colon].Trim().ToLowerInvariant()))
            {
                continue;
            }

            head.Append(line).Append("\r\n");
        }

        return head.Append("Connection: close\r\n\r\n").ToString();
    }
}
