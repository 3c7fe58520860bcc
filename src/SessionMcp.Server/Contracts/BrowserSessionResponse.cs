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
    /// <param name="record">The session as it is now, or as the database last saw it.</param>
    /// <param name="appUrl">Its live-view link, when the server serves HTTP and the session is in memory.</param>
    /// <param name="frameToken">The token in that link.</param>
    public static BrowserSessionResponse From(SessionRecord record, string? appUrl = null, string? frameToken = null) => new(
        record.BrowserSessionId,
        record.Status,
        record.Name,
        record.BrowserType,
        record.TimeoutMinutes,
        record.Headless,
        new ViewportArgument(record.ViewportWidth, record.ViewportHeight),
        record.BrowserAddress,
        AppUrl: appUrl,
        record.Url,
        record.Title,
        record.CreatedAt,
        record.StartedAt,
        record.ExpiresAt,
        record.ClosedAt,
        record.CloseReason,
        record.BrowserProfileId,
        FrameToken: appUrl is null ? null : frameToken);
}
