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
    string? FrameToken,
    [property: System.ComponentModel.Description("With record: true, once the session has closed: the trace file on the server's machine (open it with npx playwright show-trace).")] string? TracePath = null,
    [property: System.ComponentModel.Description("With record: true over HTTP, once closed: where to download the trace (with the same API key).")] string? TraceUrl = null)
{
    /// <param name="record">The session as it is now, or as the database last saw it.</param>
    /// <param name="appUrl">Its live-view link, when the server serves HTTP and the session is in memory.</param>
    /// <param name="frameToken">The token in that link.</param>
    /// <param name="traceUrl">Where its trace downloads from, when the server serves HTTP.</param>
    public static BrowserSessionResponse From(SessionRecord record, string? appUrl = null, string? frameToken = null, string? traceUrl = null)
    {
        // A trace the server has deleted since (its session left memory, or the server restarted) is not offered.
        var tracePath = record.TracePath is { } path && File.Exists(path) ? path : null;
        return new(
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
            FrameToken: appUrl is null ? null : frameToken,
            TracePath: tracePath,
            TraceUrl: tracePath is null ? null : traceUrl);
    }
}
