namespace SessionMcp.Core.Frames;

/// <summary>How much a viewport is scaled down to fit a viewer's maximum size; never up.</summary>
internal static class FrameScale
{
    public static double Fit(double width, double height, int? maxWidth, int? maxHeight) => Math.Min(1.0, Math.Min(
        maxWidth is { } w ? w / width : 1.0,
        maxHeight is { } h ? h / height : 1.0));
}
