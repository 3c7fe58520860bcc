namespace SessionMcp.Core.Sessions;

/// <summary>Something the page did on its own during a step: a dialog, a download, a refused navigation, a new tab.</summary>
public sealed record SessionEvent(string Kind, IReadOnlyDictionary<string, string?> Details)
{
    public const string NavigationBlocked = "navigation_blocked";

    public const string EventsDropped = "events_dropped";

    /// <summary>What a step's events past the limit were: how many of each kind.</summary>
    public static SessionEvent Dropped(IReadOnlyDictionary<string, int> countsByKind, int limit)
    {
        var details = new Dictionary<string, string?>
        {
            ["count"] = countsByKind.Values.Sum().ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["reason"] = $"a step records at most {limit} events (SessionMcp:MaxEventsPerStep); these were counted only",
        };
        foreach (var (kind, count) in countsByKind)
        {
            details[kind] = count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return new SessionEvent(EventsDropped, details);
    }

    public static SessionEvent Blocked(string url, string reason) =>
        new(NavigationBlocked, new Dictionary<string, string?> { ["url"] = url, ["reason"] = reason });

    /// <summary>
    /// The error a step gets when the page tried to go somewhere the policy refuses, or null: a refused navigation
    /// fails the step even when the page itself carried on.
    /// </summary>
    public static string? RefusedNavigation(IReadOnlyList<SessionEvent> events) =>
        events.FirstOrDefault(e => e.Kind == NavigationBlocked) is { } blocked
            ? $"navigation to '{blocked.Details["url"]}' was refused: {blocked.Details["reason"]}"
            : null;
}
