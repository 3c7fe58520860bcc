namespace SessionMcp.Core.Sessions;

/// <summary>Something the page did on its own during a step: a dialog, a download, a refused navigation, a new tab.</summary>
public sealed record SessionEvent(string Kind, IReadOnlyDictionary<string, string?> Details);
