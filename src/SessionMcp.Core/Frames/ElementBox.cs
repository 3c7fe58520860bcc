namespace SessionMcp.Core.Frames;

/// <summary>An interactive element's ref, role, name and box, in the frame's pixels.</summary>
public sealed record ElementBox(string Ref, string Role, string? Name, int X, int Y, int Width, int Height);
