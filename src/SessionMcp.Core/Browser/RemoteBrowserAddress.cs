namespace SessionMcp.Core.Browser;

/// <summary>A remote browser's address as it may be shown: scheme, host and port, never the path or query that can carry a token.</summary>
internal static class RemoteBrowserAddress
{
    public static string Describe(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}" : "(not a valid address)";

    /// <summary><paramref name="text"/> with the full address, should it quote it, cut down to <see cref="Describe"/>.</summary>
    public static string Redact(string text, string url) =>
        text.Replace(url, Describe(url), StringComparison.Ordinal);
}
