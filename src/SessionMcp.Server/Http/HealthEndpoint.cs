using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary><c>GET /healthz</c> for process supervisors: whether the browser is up and how many sessions are open.</summary>
internal static class HealthEndpoint
{
    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", (BrowserProvider browsers, BrowserSessionPool pool) =>
        {
            var browserUp = browsers.IsBrowserConnected;
            return Results.Json(
                new { status = browserUp ? "ok" : "starting", browser = browserUp ? "up" : "down", sessions_open = pool.OpenCount },
                statusCode: browserUp ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
