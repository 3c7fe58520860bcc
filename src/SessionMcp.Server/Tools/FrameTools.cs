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
public sealed class FrameTools(BrowserSessionPool pool, FrameSource frames, IServiceProvider services)
{
    // Registered only on a host of a cluster: a session another host holds is looked at there.
    private readonly IRemoteSessions? _cluster = services.GetService<IRemoteSessions>();

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
        var request = new FrameRequest(format, quality, max_width, max_height, with_boxes);
        var owner = Caller.Of(context);
        var frame = await _cluster.ElsewhereAsync(browser_session_id, cancellationToken) is { } elsewhere
            ? await elsewhere.FrameAsync(owner, request, cancellationToken)
            : await frames.CaptureAsync(await pool.GetRunningAsync(browser_session_id, owner, cancellationToken), request, cancellationToken);
        SessionMcpTelemetry.FrameSent("stream_frame");
        return StructuredResult.Of(FrameResponse.From(browser_session_id, frame), before: ImageContentBlock.FromBytes(frame.Data, frame.MimeType));
    }
}
