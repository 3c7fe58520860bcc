namespace SessionMcp.Core.Frames;

/// <summary>What a live viewer asked for: frame size limits, JPEG quality, and whether to add element boxes.</summary>
public sealed record ScreencastOptions(int? MaxWidth = null, int? MaxHeight = null, int Quality = 60, bool WithBoxes = false);
