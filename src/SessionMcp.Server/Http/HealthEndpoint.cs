using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>GET /healthz</c> for process supervisors: whether the browser is up and answering, and how many sessions are
/// open. A browser that is connected but does not answer a DevTools call within two seconds is <c>degraded</c>.
/// </summary>
internal static class HealthEndpoint
{
    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(2);

    public static IEndpointConventionBuilder MapHealth(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/healthz", async (BrowserProvider browsers, BrowserSessionPool pool) =>
        {
            var (status, browser) = pool.IsDraining ? ("draining", browsers.IsBrowserConnected ? "up" : "down")
                : !browsers.IsBrowserConnected ? ("starting", "down")
                : await browsers.BrowsersRespondAsync(ProbeLimit) ? ("ok", "up")
                : ("degraded", "not answering");
            return Results.Json(
                new { status, browser, sessions_open = pool.OpenCount },
                statusCode: status == "ok" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
}
