using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// A live browser context that keeps cookies, storage, its tabs and their history between tool calls, until
/// it is closed, times out, or its browser dies. Runs on it take <see cref="RunLock"/> so they never interleave.
/// </summary>
public sealed partial class BrowserSession : IAsyncDisposable
{
    /// <summary>How long closing may wait for the browser before a frozen one is stopped.</summary>
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(10);

    private readonly Lock _gate = new();
    private readonly List<SessionTab> _tabs = [];
    private readonly List<SessionEvent> _events = [];
    private readonly Dictionary<string, int> _eventsDropped = new(StringComparer.Ordinal);
    private readonly SessionLimits _limits;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _refusedUrls = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly NavigationPolicy _policy;
    private readonly ILogger _logger;
    private readonly CountSignal _tabsOpened = new();
    private readonly BrowserHost? _ownedHost;
    private readonly bool _ownsContext;
    private SessionTab? _active;
    private long _frameSeq;
    private string _lastUrl = "about:blank";
    private string _lastTitle = "";
    private HumanWait? _human;
    private int _screencasts;

    internal BrowserSession(
        string id,
        string owner,
        BrowserSessionSettings settings,
        BrowserHost host,
        IBrowserContext context,
        NavigationPolicy policy,
        string downloadsFolder,
        DateTimeOffset createdAt,
        ILogger logger,
        SessionLimits limits,
        BrowserHost? ownedHost = null,
        bool ownsContext = true,
        string? browserAddress = null)
    {
        _ownedHost = ownedHost;
        _ownsContext = ownsContext;
        BrowserAddress = browserAddress;
        Id = id;
        Owner = owner;
        Settings = settings;
        BrowserProfileId = settings.BrowserProfileId;
        Host = host;
        Context = context;
        _policy = policy;
        _logger = logger;
        _limits = limits;
        CreatedAt = createdAt;
        Dialogs = new DialogResponder(Report);
        Downloads = new DownloadKeeper(downloadsFolder, Report, limits);
        context.Page += (_, page) => Adopt(page, announce: true);
    }

    public const string PageCrashed = "page_crashed";

    public string Id { get; }

    /// <summary>The session's own DevTools endpoint (process isolation, or the one it attached to), else null.</summary>
    public string? BrowserAddress { get; }

    /// <summary>The secret that lets a live view watch this session without the owner's API key.</summary>
    public string FrameToken { get; } = Ids.IdGenerator.New("ft_");

    /// <summary>Raised when another tab becomes the one commands act on (a popup, switch_tab, a closed tab).</summary>
    public event Action? ActiveTabChanged;

    /// <summary>Live-view screencasts of this session open now: zero means none is capturing it.</summary>
    public int OpenScreencasts => Volatile.Read(ref _screencasts);

    internal void ScreencastOpened() => Interlocked.Increment(ref _screencasts);

    internal void ScreencastClosed() => Interlocked.Decrement(ref _screencasts);

    /// <summary>The identity of the client that created the session; nobody else sees it.</summary>
    public string Owner { get; }

    public BrowserSessionSettings Settings { get; }

    internal BrowserHost Host { get; }

    internal IBrowserContext Context { get; }

    public DateTimeOffset CreatedAt { get; }

    public DateTimeOffset? StartedAt { get; private set; }

    public DateTimeOffset? ExpiresAt { get; private set; }

    public DateTimeOffset? ClosedAt { get; private set; }

    public CloseReason? CloseReason { get; private set; }

    public BrowserSessionStatus Status => ClosedAt is null ? BrowserSessionStatus.Running : BrowserSessionStatus.Closed;

    /// <summary>The profile the session started from, or, once it ended with generate_browser_profile, the one saved from it.</summary>
    public string? BrowserProfileId { get; internal set; }

    private int _profileSaveClaimed;

    /// <summary>True once, for the one close that saves the session's profile.</summary>
    internal bool ClaimProfileSave() => Interlocked.Exchange(ref _profileSaveClaimed, 1) == 0;

    /// <summary>Cancelled when the session closes, so a run in it stops at once.</summary>
    public CancellationToken Lifetime => _lifetime.Token;

    /// <summary>Completes when the session has closed and released its browser context.</summary>
    public Task Closed => _closed.Task;

    /// <summary>One run at a time: a second run on the session waits for the first.</summary>
    internal SemaphoreSlim RunLock { get; } = new(1, 1);

    /// <summary>What a run on this session asks a person (<c>wait_for_human</c>), while it waits; else null.</summary>
    public HumanWait? WaitingForHuman => Volatile.Read(ref _human);

    /// <summary>
    /// Waits for a person to answer <paramref name="message"/> in the live view, up to <paramref name="timeout"/>;
    /// a <see cref="TimeoutException"/> when no one does.
    /// </summary>
    internal async Task<HumanAnswer> WaitForHumanAsync(string message, TimeSpan timeout, TimeProvider time, Action<HumanWait?> waiting, CancellationToken cancellationToken)
    {
        var wait = new HumanWait(message, time.GetUtcNow());
        if (Interlocked.CompareExchange(ref _human, wait, null) is not null)
        {
            throw new CommandFailedException("a person is already being asked something on this session; one wait_for_human at a time.");
        }

        waiting(wait);
        try
        {
            return await wait.Answer.WaitAsync(timeout, time, cancellationToken);
        }
        finally
        {
            Interlocked.CompareExchange(ref _human, null, wait);
            waiting(null);
        }
    }

    /// <summary>
    /// A person's answer to the run waiting on this session; false when no run is waiting (or it was answered). The
    /// run goes on at once, so a person who took control for it hands it back.
    /// </summary>
    public bool AnswerHuman(HumanAnswer answer)
    {
        if (WaitingForHuman?.TryAnswer(answer) != true)
        {
            return false;
        }

        Control.Release();
        return true;
    }

    /// <summary>The session's trace, when it was created with <c>record: true</c>.</summary>
    internal SessionTrace? Trace { get; set; }

    /// <summary>Deletes the trace, written or not: a session closing after this writes none.</summary>
    internal void DropTrace()
    {
        Trace?.Delete();
        Trace = null;
    }

    /// <summary>Whether the session was created with <c>record: true</c>.</summary>
    public bool Recorded => Trace is not null;

    /// <summary>The trace file, once the session has closed and written it; else null.</summary>
    public string? TracePath => Trace is { } trace && ClosedAt is not null && File.Exists(trace.Path) ? trace.Path : null;

    /// <summary>A person's hold on the session from its live view.</summary>
    public LiveControl Control { get; } = new();

    /// <summary>
    /// Gives the live view's person control, between runs or while a run waits for them; false while a run's step
    /// is using the page.
    /// </summary>
    public bool TryTakeControl(DateTimeOffset now)
    {
        // Holding the run lock for the moment of the take: a run that starts after it sees the hold and is refused.
        var between = RunLock.Wait(0);
        try
        {
            if (!between && WaitingForHuman is null)
            {
                return false;
            }

            Control.Take(now);
            return true;
        }
        finally
        {
            if (between)
            {
                RunLock.Release();
            }
        }
    }

    internal DialogResponder Dialogs { get; }

    internal DownloadKeeper Downloads { get; }

    /// <summary>The latest snapshot text per page, for <c>since_last</c>.</summary>
    internal System.Collections.Concurrent.ConcurrentDictionary<IPage, string> LastSnapshots { get; } = new();

    public string Url
    {
        get
        {
            lock (_gate)
            {
                return _active is { } tab && !tab.Page.IsClosed ? tab.Page.Url : _lastUrl;
            }
        }
    }

    public IReadOnlyList<SessionTab> Tabs
    {
        get
        {
            lock (_gate)
            {
                return [.. _tabs];
            }
        }
    }

    public SessionTab? ActiveTab
    {
        get
        {
            lock (_gate)
            {
                return _active;
            }
        }
    }

    internal async Task StartAsync(IPage firstPage, DateTimeOffset startedAt)
    {
        if (_policy.FiltersRequests)
        {
            // Only when the policy needs it: routing every request through the driver costs time on each one.
            await Context.RouteAsync("**/*", GuardRequestAsync);
        }


        Adopt(firstPage, announce: false);
        StartedAt = startedAt;
        ExpiresAt = startedAt.AddMinutes(Settings.TimeoutMinutes);
    }

    /// <summary>The page commands act on; a session whose tabs were all closed gets a new blank one.</summary>
    internal async Task<SessionTab> GetActiveTabAsync()
    {
        var active = ActiveTab;
        if (active is not null && !active.Page.IsClosed)
        {
            return active;
        }

        ThrowIfClosed();
        var page = await Context.NewPageAsync();
        return Adopt(page, announce: false)!;
    }

    internal SessionTab SwitchTo(int index)
    {
        SessionTab tab;
        lock (_gate)
        {
            if (index < 0 || index >= _tabs.Count)
            {
                throw new CommandFailedException($"there is no tab {index}; this session has {_tabs.Count} tab(s), numbered from 0 (list_tabs shows them).");
            }

            tab = _active = _tabs[index];
        }

        ActiveTabChanged?.Invoke();
        return tab;
    }

    internal int IndexOf(SessionTab tab)
    {
        lock (_gate)
        {
            return _tabs.IndexOf(tab);
        }
    }

    internal long NextFrameSeq() => Interlocked.Increment(ref _frameSeq);

    /// <summary>What the site has started so far: tabs (popups, target=_blank links) and downloads.</summary>
    internal (long Tabs, long Downloads) Spawned => (_tabsOpened.Count, Downloads.Started);

    /// <summary>
    /// After a step that may open tabs or start downloads: waits, at most <paramref name="timeout"/>, for what the
    /// page says it started to reach the session, so the next step acts in the new tab and the step reports the file.
    /// </summary>
    internal async Task WaitForSpawnedAsync(SessionTab tab, (long Tabs, long Downloads) before, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var (tabs, downloads) = await SpawnWatch.TakeCountsAsync(tab.Page);
        if (tabs == 0 && downloads == 0)
        {
            return;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _tabsOpened.WaitForAsync(before.Tabs + tabs, limit.Token);
            await Downloads.WaitForStartedAsync(before.Downloads + downloads, limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // A popup blocker, a failed window.open, a refused download: it never came, which is the page's business.
        }
    }

    internal void Report(SessionEvent sessionEvent)
    {
        lock (_gate)
        {
            // One refused navigation is always kept: it is what fails the step.
            if (_events.Count < _limits.MaxEventsPerStep
                || (sessionEvent.Kind == SessionEvent.NavigationBlocked && !_events.Any(e => e.Kind == SessionEvent.NavigationBlocked)))
            {
                _events.Add(sessionEvent);
            }
            else
            {
                _eventsDropped[sessionEvent.Kind] = _eventsDropped.GetValueOrDefault(sessionEvent.Kind) + 1;
            }
        }
    }

    /// <summary>The events since the last call, for the step that was running when they happened.</summary>
    internal IReadOnlyList<SessionEvent> DrainEvents()
    {
        lock (_gate)
        {
            if (_events.Count == 0)
            {
                return [];
            }

            if (_eventsDropped.Count > 0)
            {
                _events.Add(SessionEvent.Dropped(_eventsDropped, _limits.MaxEventsPerStep));
                _eventsDropped.Clear();
            }

            var drained = _events.ToArray();
            _events.Clear();
            return drained;
        }
    }

    /// <summary>The page title, or the last one seen once the session has closed.</summary>
    /// <param name="justSeen">A title read from the page a moment ago (by the run's last step): used as it is.</param>
    public async Task<string> GetTitleAsync(string? justSeen = null)
    {
        if (justSeen is not null)
        {
            _lastTitle = justSeen;
            return justSeen;
        }

        var tab = ActiveTab;
        // A blank page has no title, and asking one that never navigated costs ~100 ms while Chromium sets it up.
        if (Status == BrowserSessionStatus.Running && tab is not null && !tab.Page.IsClosed && tab.Page.Url == "about:blank")
        {
            _lastTitle = "";
        }
        else if (Status == BrowserSessionStatus.Running && tab is not null && !tab.Page.IsClosed)
        {
            try
            {
                _lastTitle = await tab.Page.TitleAsync().WaitAsync(TimeSpan.FromSeconds(2));
            }
            catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
            {
                // A page busy navigating or closing: the last title seen is good enough for a status answer.
            }
        }

        return _lastTitle;
    }

    /// <summary>The session as it is now, with the active tab's url and title.</summary>
    public async Task<SessionRecord> DescribeAsync()
    {
        var title = await GetTitleAsync();
        return new SessionRecord(
            Id,
            Owner,
            Settings.Name,
            Settings.BrowserType,
            Settings.TimeoutMinutes,
            Settings.Headless,
            Settings.ViewportWidth,
            Settings.ViewportHeight,
            BrowserAddress,
            Url,
            title,
            CreatedAt,
            StartedAt,
            ExpiresAt,
            ClosedAt,
            CloseReason,
            BrowserProfileId,
            TracePath);
    }

    internal void ThrowIfClosed()
    {
        if (ClosedAt is { } closedAt)
        {
            throw new BrowserSessionClosedException(Id, CloseReasonName(CloseReason ?? Sessions.CloseReason.Closed), closedAt);
        }
    }

    public static string CloseReasonName(CloseReason reason) => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());

    /// <summary>Closes the context and deletes the session's downloads. Returns false if it was already closed.</summary>
    internal async Task<bool> CloseAsync(CloseReason reason, DateTimeOffset at)
    {
        lock (_gate)
        {
            if (ClosedAt is not null)
            {
                return false;
            }

            ClosedAt = at;
            CloseReason = reason;
            if (_active is { } tab && !tab.Page.IsClosed)
            {
                _lastUrl = tab.Page.Url;
            }
        }

        await _lifetime.CancelAsync();
        if (Trace is { } trace && reason != Sessions.CloseReason.Crashed)
        {
            try
            {
                await Host.AnswerWithinAsync(trace.StopAsync(Context), CloseGrace);
            }
            catch (Exception ex) when (ex is PlaywrightException or BrowserUnavailableException or IOException)
            {
                LogTraceFailed(_logger, Id, ex.Message);
            }
        }

        try
        {
            // An attached browser's context is its user's: leave it open and only disconnect.
            if (_ownsContext)
            {
                await Host.AnswerWithinAsync(Context.CloseAsync(), CloseGrace);
            }
        }
        catch (Exception ex) when (ex is PlaywrightException or BrowserUnavailableException)
        {
            // Closed all the same: a frozen browser was stopped, and with it this context.
            LogCloseFailed(_logger, Id, ex.Message);
        }

        if (_ownedHost is not null)
        {
            await _ownedHost.DisposeAsync();
        }

        Downloads.DeleteAll();
        LogClosed(_logger, Id, CloseReasonName(reason));
        _closed.TrySetResult();
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(Sessions.CloseReason.Shutdown, ClosedAt ?? CreatedAt);
        _lifetime.Dispose();
        RunLock.Dispose();
    }

    private SessionTab? Adopt(IPage page, bool announce)
    {
        var tab = new SessionTab(page);
        lock (_gate)
        {
            if (_tabs.Any(t => t.Page == page))
            {
                return _tabs.First(t => t.Page == page);
            }

            if (announce && _tabs.Count >= _limits.MaxTabsPerSession)
            {
                // Each tab is a renderer: 500 window.open() calls must not cost the machine 500 of them.
                _ = page.CloseAsync();
                Report(new SessionEvent("tab_refused", new Dictionary<string, string?>
                {
                    ["url"] = page.Url,
                    ["reason"] = $"the session has {_limits.MaxTabsPerSession} tabs open, the most allowed (SessionMcp:MaxTabsPerSession)",
                }));
                return null;
            }

            _tabs.Add(tab);
            _active = tab;
        }

        ActiveTabChanged?.Invoke();

        page.Dialog += (_, dialog) => _ = Dialogs.HandleAsync(dialog);
        page.Download += (_, download) => Downloads.Accept(download);
        _ = Downloads.WatchAsync(page);
        page.FrameNavigated += (_, frame) => OnFrameNavigated(tab, frame);
        page.Load += (_, _) => tab.OnLoaded();
        if (_policy.GuardsAllRequests)
        {
            page.Response += (_, response) => OnResponse(tab, response);
        }

        page.Close += (_, _) => Forget(tab);
        page.Crash += (_, _) => OnCrash(tab);
        if (announce)
        {
            // Reported before it is counted: a step waiting for the tab then finds the event too.
            Report(new SessionEvent("tab_opened", new Dictionary<string, string?> { ["url"] = page.Url, ["index"] = IndexOf(tab).ToString(System.Globalization.CultureInfo.InvariantCulture) }));
            _tabsOpened.Increment();
        }

        return tab;
    }

    private void OnFrameNavigated(SessionTab tab, IFrame frame)
    {
        if (frame != tab.Page.MainFrame)
        {
            return;
        }

        tab.OnMainFrameNavigated();
        var refusal = _policy.RefusalOfLanding(frame.Url);
        if (refusal is not null)
        {
            // A page reached a URL the policy refuses (through a redirect, a script or a link): leave it at once.
            Report(SessionEvent.Blocked(frame.Url, refusal));
            _ = LeaveAsync(tab.Page);
        }
    }

    /// <summary>
    /// A tab whose renderer died (out of memory, killed): it can do nothing any more, so it is closed and reported;
    /// the session goes on in its other tabs or a fresh one, with its cookies and storage.
    /// </summary>
    private void OnCrash(SessionTab tab)
    {
        Report(new SessionEvent(PageCrashed, new Dictionary<string, string?> { ["url"] = tab.Page.Url }));

        // Out of the tab list at once, so the next step never picks it; closing it can take a moment.
        Forget(tab);
        _ = CloseCrashedAsync(tab.Page);
    }

    private static async Task CloseCrashedAsync(IPage page)
    {
        try
        {
            await page.CloseAsync(new PageCloseOptions { RunBeforeUnload = false });
        }
        catch (PlaywrightException)
        {
            // Already gone with its context.
        }
    }

    /// <summary>A page the egress proxy refused (a redirect hop, a script, a name that resolves to a refused address).</summary>
    private void OnResponse(SessionTab tab, IResponse response)
    {
        if (response.Status == 403 && response.Request.IsNavigationRequest && response.Headers.TryGetValue(EgressProxy.RefusedHeader, out var refusal))
        {
            if (_refusedUrls.Count >= 100)
            {
                _refusedUrls.Clear();
            }

            _refusedUrls[response.Url] = true;
            Report(SessionEvent.Blocked(response.Url, refusal));
            _ = LeaveAsync(tab.Page);
        }
    }

    /// <summary>
    /// Takes every tab off a page the policy refuses. A refusal seen mid-navigation leaves at once, but a navigation
    /// still under way can override that; the runner calls this when a step ends with a refused navigation.
    /// </summary>
    internal async Task LeaveRefusedPagesAsync()
    {
        foreach (var tab in Tabs)
        {
            if (_policy.RefusalOfLanding(tab.Page.Url) is not null || _refusedUrls.ContainsKey(tab.Page.Url))
            {
                await LeaveAsync(tab.Page);
            }
        }
    }

    private static async Task LeaveAsync(IPage page)
    {
        try
        {
            await page.GotoAsync("about:blank");
        }
        catch (PlaywrightException)
        {
            // The page closed meanwhile.
        }
    }

    private async Task GuardRequestAsync(IRoute route)
    {
        var request = route.Request;
        var navigation = request.IsNavigationRequest;
        if (await _policy.RefusalOfRequestAsync(request.Url, navigation) is { } refusal)
        {
            // A refused navigation fails the step that caused it; a refused image or fetch is just not sent.
            if (navigation)
            {
                Report(SessionEvent.Blocked(request.Url, refusal));
            }

            await route.AbortAsync("blockedbyclient");
            return;
        }

        await route.FallbackAsync();
    }

    private void Forget(SessionTab tab)
    {
        lock (_gate)
        {
            var index = _tabs.IndexOf(tab);
            if (index < 0)
            {
                return;
            }

            _lastUrl = tab.Page.Url;
            _tabs.RemoveAt(index);
            LastSnapshots.TryRemove(tab.Page, out _);
            if (_active != tab)
            {
                return;
            }

            _active = _tabs.Count == 0 ? null : _tabs[Math.Min(index, _tabs.Count - 1)];
        }

        ActiveTabChanged?.Invoke();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser session {BrowserSessionId} closed ({Reason})")]
    private static partial void LogClosed(ILogger logger, string browserSessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing browser session {BrowserSessionId} failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string browserSessionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The trace of browser session {BrowserSessionId} could not be written: {Reason}")]
    private static partial void LogTraceFailed(ILogger logger, string browserSessionId, string reason);
}
