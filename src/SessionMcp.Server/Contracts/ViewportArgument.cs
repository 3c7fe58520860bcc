using System.ComponentModel;

namespace SessionMcp.Server.Contracts;

/// <summary>A viewport size in CSS pixels.</summary>
public sealed record ViewportArgument(
    [property: Description("Width in CSS pixels, 200–7680.")] int Width,
    [property: Description("Height in CSS pixels, 200–4320.")] int Height);
