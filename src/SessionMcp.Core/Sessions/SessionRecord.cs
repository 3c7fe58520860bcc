using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// What is known about a session at one moment: the answer of <c>get_browser_session</c>, and the row the
/// server's database keeps so a session is still described after a restart.
/// </summary>
public sealed record SessionRecord(
    string BrowserSessionId,
    string Owner,
    string? Name,
    BrowserKind BrowserType,
    int TimeoutMinutes,
    bool Headless,
    int ViewportWidth,
    int ViewportHeight,
    string? BrowserAddress,
    string Url,
    string Title,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? ClosedAt,
    CloseReason? CloseReason,
    string? BrowserProfileId,
    string? TracePath = null)
{
    public BrowserSessionStatus Status => ClosedAt is null ? BrowserSessionStatus.Running : BrowserSessionStatus.Closed;
}
