using SessionMcp.Core.Profiles;

namespace SessionMcp.Server.Contracts;

/// <summary>A saved profile as the profile tools return it (its stored cookies stay on the server).</summary>
public sealed record BrowserProfileResponse(string BrowserProfileId, string Name, DateTimeOffset CreatedAt, string? SourceBrowserSessionId)
{
    public static BrowserProfileResponse From(BrowserProfile profile) =>
        new(profile.BrowserProfileId, profile.Name, profile.CreatedAt, profile.SourceBrowserSessionId);
}
