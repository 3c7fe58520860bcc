using System.Text.Json;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Server.Http;

/// <summary>
/// What the dashboard page polls: <c>GET /dashboard/sessions</c>, the caller's sessions with their latest runs (the
/// failing step named), and <c>GET /dashboard/sessions/{id}/thumbnail</c>, a small JPEG of a running session's
/// viewport. Both take the same API key as /mcp (the dashboard's cookie carries it).
/// </summary>
internal static class DashboardData
{
    /// <summary>Runs listed per session.</summary>
    public const int RunsShown = 5;

    private static readonly FrameRequest Thumbnail = new("jpeg", Quality: 50, MaxWidth: 320);

    public static IEndpointConventionBuilder[] MapDashboardData(this IEndpointRouteBuilder endpoints) =>
    [
        endpoints.MapGet("/dashboard/sessions", (HttpContext context, BrowserSessionPool pool, TaskRunner runner, LiveViewLinks links, TimeProvider time) =>
        {
            var owner = Caller.Of(context.User);
            var now = time.GetUtcNow();
            var sessions = pool.List(owner, includeClosed: true).OrderByDescending(s => s.CreatedAt).Select(session => new
            {
                id = session.Id,
                name = session.Settings.Name,
                status = session.Status == BrowserSessionStatus.Running ? "running" : "closed",
                close_reason = session.CloseReason is { } reason ? BrowserSession.CloseReasonName(reason) : null,
                url = session.Url,
                age_seconds = (long)(now - session.CreatedAt).TotalSeconds,
                seconds_left = session.Status == BrowserSessionStatus.Running && session.ExpiresAt is { } expires ? (long?)Math.Max(0, (expires - now).TotalSeconds) : null,
                app_url = session.Status == BrowserSessionStatus.Running ? links.For(session) : null,
                trace_url = session.TracePath is null ? null : links.TraceFor(session.Id),
                waiting_for_human = session.WaitingForHuman?.Message,
                controlled = session.Control.HeldSince(now) is not null,
                runs = runner.RecentRuns(session.Id, owner, RunsShown).Select(Run),
            });
            return Results.Json(sessions);
        }),
        endpoints.MapGet("/dashboard/sessions/{browserSessionId}/thumbnail", async (string browserSessionId, HttpContext context, BrowserSessionPool pool, FrameSource frames) =>
        {
            if (OwnedSessions.Find(pool, browserSessionId, context) is not { Status: BrowserSessionStatus.Running } session)
            {
                return Results.NotFound();
            }

            var frame = await frames.CaptureAsync(session, Thumbnail, context.RequestAborted);
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(frame.Data, frame.MimeType);
        }),
    ];

    private static object Run(RunResult run)
    {
        var failed = run.Steps.Select((step, index) => (step, index)).FirstOrDefault(s => !s.step.Ok);
        return new
        {
            run_id = run.RunId,
            status = JsonNamingPolicy.SnakeCaseLower.ConvertName(run.Status.ToString()),
            steps = run.Steps.Count,
            duration_ms = run.Steps.Sum(s => s.DurationMs),
            failed_step = failed.step is null ? null : new { number = failed.index + 1, command = failed.step.Command, error = failed.step.Error },
            failure_reason = run.FailureReason,
        };
    }
}
