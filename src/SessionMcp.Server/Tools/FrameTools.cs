using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Telemetry;
using SessionMcp.Core.Sessions;
using SessionMcp.Server.Contracts;

namespace SessionMcp.Server.Tools;

/// <summary>stream_frame: the session's viewport as an image.</summary>
[McpServerToolType]
public sealed class FrameTools(BrowserSessionPool pool, FrameSource frames)
{
    [McpServerTool(Name = "stream_frame", Title = "Look at a browser session", ReadOnly = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true, OutputSchemaType = typeof(FrameResponse))]
    [Description("The session's current viewport as an image, with url, title, width, height and seq (grows with each frame). with_boxes adds the interactive elements' refs and boxes in the image's pixels.")]
    public async Task<CallToolResult> StreamFrame(
        RequestContext<CallToolRequestParams> context,
        [Description("The session's id (pbs_…).")] string browser_session_id,
        [Description("jpeg (default) or png.")]
        [AllowedValues("jpeg", "png")]
        string format = "jpeg",
        [Description("JPEG quality 1–100 (default 75).")]
        [Range(1, 100)]
        int? quality = null,
        [Description("Largest width of the image in pixels, 16–7680; the frame is scaled down to fit, keeping its shape.")]
        [Range(16, 7680)]
        int? max_width = null,
        [Description("Largest height of the image in pixels, 16–4320.")]
        [Range(16, 4320)]
        int? max_height = null,
        [Description("Also list interactive elements with their refs and boxes (default false).")]
        bool with_boxes = false,
        CancellationToken cancellationToken = default)
    {
        var session = await pool.GetRunningAsync(browser_session_id, Caller.Of(context), cancellationToken);
        var frame = await frames.CaptureAsync(session, new FrameRequest(format, quality, max_width, max_height, with_boxes), cancellationToken);
        SessionMcpTelemetry.FrameSent("stream_frame");
        return StructuredResult.Of(FrameResponse.From(session.Id, frame), before: ImageContentBlock.FromBytes(frame.Data, frame.MimeType));
    }
}
