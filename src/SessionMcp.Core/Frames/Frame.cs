namespace SessionMcp.Core.Frames;

/// <summary>One captured viewport image and what it shows.</summary>
public sealed record Frame(
    byte[] Data,
    string MimeType,
    int Width,
    int Height,
    string Url,
    string Title,
    long Seq,
    DateTimeOffset CapturedAt,
    IReadOnlyList<ElementBox>? Boxes);
