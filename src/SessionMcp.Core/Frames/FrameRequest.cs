namespace SessionMcp.Core.Frames;

/// <summary>What <c>stream_frame</c> asked for.</summary>
public sealed record FrameRequest(string Format = "jpeg", int? Quality = null, int? MaxWidth = null, int? MaxHeight = null, bool WithBoxes = false);
