using System.ComponentModel;

namespace SessionMcp.Server.Contracts;

/// <summary>A session's proxy.</summary>
public sealed record ProxyArgument(
    [property: Description("The proxy, such as http://proxy.example:3128 or socks5://127.0.0.1:1080.")] string Server,
    [property: Description("User name, if the proxy needs one.")] string? Username = null,
    [property: Description("Password, if the proxy needs one.")] string? Password = null,
    [property: Description("Comma-separated hosts that skip the proxy, such as .example.com,localhost.")] string? Bypass = null);
