using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>GET /traces/{id}.zip</c>: the Playwright trace of a closed session created with <c>record: true</c>, for its
/// owner only (with the API key, where keys are configured): a trace holds everything the pages showed.
/// </summary>
internal static class TraceDownload
{
    public static IEndpointConventionBuilder MapTraceDownload(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/traces/{browserSessionId}.zip", (string browserSessionId, HttpContext context, BrowserSessionPool pool) =>
        {
            if (OwnedSessions.Find(pool, browserSessionId, context) is not { } session)
            {
                return Results.NotFound(new { error = "none of your sessions has that id; traces are kept while the closed session is listed (get_browser_sessions with status all)." });
            }

            if (!session.Recorded)
            {
                return Results.NotFound(new { error = "this session was not recorded; create it with record: true." });
            }

            return session.TracePath is { } path
                ? Results.File(path, "application/zip", browserSessionId + ".zip")
                : Results.Conflict(new { error = "the trace is written when the session closes; close it with close_browser_session, then download." });
        });
}
