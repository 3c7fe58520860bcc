namespace SessionMcp.Core.Browser;

/// <summary>An origin (<c>https://example.com:8443</c>) or a host pattern (<c>example.com</c>, <c>*.example.com</c>).</summary>
internal sealed record OriginPattern(string? Scheme, string Host, int? Port, bool IncludesSubdomains)
{
    public static OriginPattern Parse(string text)
    {
        var trimmed = text.Trim().TrimEnd('/');
        if (trimmed.Contains("://", StringComparison.Ordinal) && Uri.TryCreate(trimmed, UriKind.Absolute, out var origin))
        {
            return new OriginPattern(origin.Scheme, origin.IdnHost.ToLowerInvariant(), origin.Port, false);
        }

        var subdomains = trimmed.StartsWith("*.", StringComparison.Ordinal);
        var host = (subdomains ? trimmed[2..] : trimmed).ToLowerInvariant();
        return new OriginPattern(null, host, null, subdomains);
    }

    public bool Matches(Uri uri)
    {
        if (Scheme is not null && !string.Equals(Scheme, uri.Scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        if (Port is not null && Port != uri.Port)
        {
            return false;
        }

        var host = uri.IdnHost.ToLowerInvariant();
        return host == Host || (IncludesSubdomains && host.EndsWith("." + Host, StringComparison.Ordinal));
    }
}
