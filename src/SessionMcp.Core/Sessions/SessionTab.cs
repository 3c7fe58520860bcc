using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>A page of a session, with a count of its main-frame navigations so a step can wait for the next one.</summary>
public sealed class SessionTab
{
    private readonly CountSignal _navigations = new();
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

    internal void OnMainFrameNavigated() => _navigations.Increment();

    /// <summary>Completes once the main frame has navigated more than <paramref name="seen"/> times.</summary>
    public Task WaitForNavigationAfterAsync(long seen, CancellationToken cancellationToken) =>
        _navigations.WaitForAsync(seen + 1, cancellationToken);
}
