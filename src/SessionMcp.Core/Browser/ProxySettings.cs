namespace SessionMcp.Core.Browser;

/// <summary>A session's proxy: <c>http://host:port</c>, <c>https://…</c> or <c>socks5://…</c>, with optional credentials and bypass list.</summary>
public sealed record ProxySettings(string Server, string? Username = null, string? Password = null, string? Bypass = null);
