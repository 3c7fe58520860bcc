using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>A page of a session, with a count of its main-frame navigations so a step can wait for the next one.</summary>
public sealed class SessionTab
{
    private long _navigations;
    private TaskCompletionSource _nextNavigation = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal SessionTab(IPage page)
    {
        Page = page;
    }

    public IPage Page { get; }

    public long Navigations => Interlocked.Read(ref _navigations);

    /// <summary>The navigation count when the latest step on this tab began; <c>wait_for_navigation</c> waits for more than that.</summary>
    internal long NavigationsAtLastStepStart { get; set; }

    private ICDPSession? _devTools;

    /// <summary>A DevTools session attached to this page, made on first use.</summary>
    internal async Task<ICDPSession> GetDevToolsAsync(IBrowserContext context) => _devTools ??= await context.NewCDPSessionAsync(Page);

    internal void OnMainFrameNavigated()
    {
        Interlocked.Increment(ref _navigations);
        var reached = Interlocked.Exchange(ref _nextNavigation, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        reached.TrySetResult();
    }

    /// <summary>Completes once the main frame has navigated more than <paramref name="seen"/> times.</summary>
    public Task WaitForNavigationAfterAsync(long seen, CancellationToken cancellationToken)
    {
        var next = Volatile.Read(ref _nextNavigation);
        return Navigations > seen ? Task.CompletedTask : next.Task.WaitAsync(cancellationToken);
    }
}
