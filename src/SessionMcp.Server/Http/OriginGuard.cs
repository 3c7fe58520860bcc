using Microsoft.Extensions.Options;

namespace SessionMcp.Server.Http;

/// <summary>
/// DNS-rebinding protection, as the MCP specification asks of local HTTP servers: a request whose Host is not
/// one of ours, or whose Origin is a web page we do not know, is refused with 403 before it reaches anything.
/// </summary>
internal sealed class OriginGuard(IOptions<HttpOptions> options) : IMiddleware
{
    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]", "::1"];

    private readonly HashSet<string> _hosts = AllowedHosts(options.Value);
    private readonly HashSet<string> _origins = new(options.Value.AllowedOrigins.Select(o => o.TrimEnd('/')), StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var host = context.Request.Host.Host;
        if (!_hosts.Contains(host))
        {
            await RefuseAsync(context, $"Host '{context.Request.Host}' is not one this server answers to; add it to SessionMcp:Http:AllowedHosts if it should be.");
            return;
        }

        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !IsAllowedOrigin(origin))
        {
            await RefuseAsync(context, $"Origin '{origin}' may not call this server; add it to SessionMcp:Http:AllowedOrigins if it should.");
            return;
        }

        await next(context);
    }

    private bool IsAllowedOrigin(string origin) =>
        _origins.Contains(origin.TrimEnd('/')) ||
        // Loopback pages, and our own pages (the live view, the dashboard) on any host we answer to.
        (Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && _hosts.Contains(uri.Host));

    private static HashSet<string> AllowedHosts(HttpOptions options)
    {
        var hosts = new HashSet<string>(LoopbackHosts, StringComparer.OrdinalIgnoreCase);
        foreach (var url in BindAddresses.Parse(options.Urls))
        {
            if (!BindAddresses.IsWildcard(url.Host))
            {
                hosts.Add(url.Host);
            }
        }

        hosts.UnionWith(options.AllowedHosts);
        return hosts;
    }

    private static async Task RefuseAsync(HttpContext context, string why)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await context.Response.WriteAsJsonAsync(new { error = why });
    }
}
