using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>A page of a session, with a count of its main-frame navigations so a step can wait for the next one.</summary>
public sealed class SessionTab
{
    private readonly CountSignal _navigations = new();
    private readonly CountSignal _changes = new();
    private LoadSeen? _loaded;
    private ICDPSession? _devTools;

    internal SessionTab(IPage page)
    {
        Page = page;
    }

    public IPage Page { get; }

    public long Navigations => _navigations.Count;

    /// <summary>The navigation count when the latest step on this tab began; <c>wait_for_navigation</c> waits for more than that.</summary>
    internal long NavigationsAtLastStepStart { get; set; }

    /// <summary>A DevTools session attached to this page, made on first use.</summary>
    internal async Task<ICDPSession> GetDevToolsAsync(IBrowserContext context) => _devTools ??= await context.NewCDPSessionAsync(Page);

    /// <summary>How many times the main frame has navigated or a document has finished loading: a wait looks again at each.</summary>
    internal long Changes => _changes.Count;

    internal void OnMainFrameNavigated()
    {
        _navigations.Increment();
        _changes.Increment();
    }

    internal void OnLoaded()
    {
        Volatile.Write(ref _loaded, new LoadSeen(Navigations, Page.Url));
        _changes.Increment();
    }

    /// <summary>
    /// Whether this tab saw the load event of the document it shows. None seen yet, a navigation since (a new
    /// document, or a same-document one), or another address (Playwright sets it a moment before it reports the
    /// navigation) all mean "ask the page".
    /// </summary>
    internal bool SawLoadOfCurrentDocument => Volatile.Read(ref _loaded) is { } seen && seen.Navigation == Navigations && seen.Url == Page.Url;

    private sealed record LoadSeen(long Navigation, string Url);

    /// <summary>
    /// Completes when the page navigates or loads after <paramref name="seen"/> changes (true), or after
    /// <paramref name="atMost"/> without any (false), whichever is first.
    /// </summary>
    internal async Task<bool> WaitForChangeAsync(long seen, TimeSpan atMost, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(atMost);
        try
        {
            await _changes.WaitForAsync(seen + 1, bounded.Token);
            return true;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Nothing happened within atMost: look again anyway.
            return false;
        }
    }

    /// <summary>Completes once the main frame has navigated more than <paramref name="seen"/> times.</summary>
    public Task WaitForNavigationAfterAsync(long seen, CancellationToken cancellationToken) =>
        _navigations.WaitForAsync(seen + 1, cancellationToken);
}
