namespace SessionMcp.Core.Profiles;

/// <summary>A saved storage state (cookies, localStorage per origin) that new sessions can start from.</summary>
public sealed record BrowserProfile(
    string BrowserProfileId,
    string Owner,
    string Name,
    DateTimeOffset CreatedAt,
    string? SourceBrowserSessionId,
    string StorageState);
