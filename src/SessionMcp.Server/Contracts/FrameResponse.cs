using SessionMcp.Core.Frames;

namespace SessionMcp.Server.Contracts;

/// <summary>What stream_frame says about the image it returns.</summary>
public sealed record FrameResponse(
    string BrowserSessionId,
    string Url,
    string Title,
    int Width,
    int Height,
    string MimeType,
    long Seq,
    DateTimeOffset CapturedAt,
    IReadOnlyList<ElementBox>? Boxes)
{
    public static FrameResponse From(string browserSessionId, Frame frame) =>
        new(browserSessionId, frame.Url, frame.Title, frame.Width, frame.Height, frame.MimeType, frame.Seq, frame.CapturedAt, frame.Boxes);
}
