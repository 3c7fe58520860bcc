using System.Text.Json;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>GET /stream/sse?session_id=…&amp;token=…</c>: a session's live frames as Server-Sent Events (Browsr's shape):
/// <c>frame</c> events carry <c>image</c> (base64 JPEG), url, title, size, seq and, with <c>with_boxes</c>, boxes;
/// <c>status</c> events say whether the session runs, and that it closed. Capture runs only while a viewer is connected.
/// </summary>
internal static class FrameEventStream
{
    public static IEndpointConventionBuilder MapFrameEvents(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/stream/sse", StreamAsync);

    private static async Task StreamAsync(
        HttpContext context,
        BrowserSessionPool pool,
        TimeProvider time,
        string? session_id,
        string? token,
        bool? with_boxes,
        int? width,
        int? height,
        int? quality)
    {
        var session = pool.FindForViewer(session_id ?? "", token ?? "");
        if (session is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await context.Response.WriteAsJsonAsync(new { error = "no session with that session_id and token; use the app_url or frame_token create_browser_session returned." });
            return;
        }

        if (width is < 16 or > 7680 || height is < 16 or > 4320 || quality is < 1 or > 100)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsJsonAsync(new { error = "width must be 16–7680, height 16–4320 and quality 1–100." });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        var cancellationToken = context.RequestAborted;
        await WriteAsync(context, "status", Status(session), cancellationToken);
        if (session.Status == BrowserSessionStatus.Closed)
        {
            return;
        }

        await using var feed = await ScreencastFeed.StartAsync(session, new ScreencastOptions(width, height, quality ?? 60, with_boxes ?? false), time);
        try
        {
            await foreach (var frame in feed.Frames.ReadAllAsync(cancellationToken))
            {
                Core.Telemetry.SessionMcpTelemetry.FrameSent("live_view");
                await WriteAsync(context, "frame", new
                {
                    image = Convert.ToBase64String(frame.Data),
                    mime_type = frame.MimeType,
                    url = frame.Url,
                    title = frame.Title,
                    width = frame.Width,
                    height = frame.Height,
                    seq = frame.Seq,
                    captured_at = frame.CapturedAt,
                    boxes = frame.Boxes,
                }, cancellationToken);
            }

            await WriteAsync(context, "status", Status(session), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The viewer left; disposing the feed stops the screencast.
        }
    }

    private static object Status(BrowserSession session) => new
    {
        status = session.Status == BrowserSessionStatus.Running ? "running" : "closed",
        close_reason = session.CloseReason is { } reason ? BrowserSession.CloseReasonName(reason) : null,
        closed_at = session.ClosedAt,
        url = session.Url,
    };

    private static async Task WriteAsync(HttpContext context, string eventName, object data, CancellationToken cancellationToken)
    {
        var json = JsonSerializer.Serialize(data, SessionMcpJson.Options);
        await context.Response.WriteAsync($"event: {eventName}\ndata: {json}\n\n", cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
    }
}
