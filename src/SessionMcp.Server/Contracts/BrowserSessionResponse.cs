using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Contracts;

/// <summary>A browser session as the contract's tools return it.</summary>
public sealed record BrowserSessionResponse(
    string BrowserSessionId,
    BrowserSessionStatus Status,
    string? Name,
    BrowserKind BrowserType,
    int Timeout,
    bool Headless,
    ViewportArgument Viewport,
    string? BrowserAddress,
    string? AppUrl,
    string Url,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? ClosedAt,
    CloseReason? CloseReason,
    string? BrowserProfileId,
    string? FrameToken)
{
    /// <param name="session">The session.</param>
    /// <param name="appUrl">Its live-view link, when the server serves HTTP.</param>
    public static async Task<BrowserSessionResponse> FromAsync(BrowserSession session, string? appUrl = null) => new(
        session.Id,
        session.Status,
        session.Settings.Name,
        session.Settings.BrowserType,
        session.Settings.TimeoutMinutes,
        session.Settings.Headless,
        new ViewportArgument(session.Settings.ViewportWidth, session.Settings.ViewportHeight),
        session.BrowserAddress,
        AppUrl: appUrl,
        session.Url,
        await session.GetTitleAsync(),
        session.CreatedAt,
        session.StartedAt,
        session.ExpiresAt,
        session.ClosedAt,
        session.CloseReason,
        session.BrowserProfileId,
        FrameToken: appUrl is null ? null : session.FrameToken);
}
