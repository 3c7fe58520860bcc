using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Browser;

/// <summary>
/// One launched browser shared by many sessions, each in its own context. Keeps a few default contexts
/// ready, because a new context and page take ~150 ms in Chromium and a warm one is taken at once.
/// </summary>
internal sealed partial class BrowserHost : IAsyncDisposable
{
    private readonly IBrowser _browser;
    private readonly int _warmTarget;
    private readonly ILogger _logger;
    private readonly Channel<WarmContext> _warm;
    private readonly CancellationTokenSource _disposing = new();
    /// <summary>
    /// A new session opens its first page right after it takes a warm context; making the next one at that moment
    /// (a new renderer process) slowed that first page 3–4× on two cores (measured), so the refill waits this long.
    /// </summary>
    private static readonly TimeSpan AfterTake = TimeSpan.FromSeconds(1);

    private static readonly TimeSpan ProbeLimit = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a new session waits for the warm context being made rather than make one of its own: two made at
    /// once (the first session on a server still warming up) each take twice as long on two cores (measured).
    /// </summary>
    private static readonly TimeSpan InFlightWait = TimeSpan.FromSeconds(2);

    /// <summary>When a session last took or began making a context (a <see cref="TimeProvider.System"/> timestamp): the refill leaves that session's first page alone for <see cref="AfterTake"/>.</summary>
    private long _lastTakeAt;

    /// <summary>Whether the refill is making a context right now: a session that finds none ready waits for that one.</summary>
    private int _refillMaking;

    /// <summary>1 while a session waits for the context the refill is making (one at most: it makes one); the refill then pauses as after a take.</summary>
    private int _waitingForRefill;

    private readonly LaunchMarker? _marker;
    private ICDPSession? _probe;
    private int _refilling;
    private int _disposed;

    // Set the moment the process is killed: Playwright notices the disconnection a little later, and a create in
    // between must launch a new browser rather than ask the dead one.
    private int _killed;
    private int _crashReported;

    public BrowserHost(IBrowser browser, BrowserKind kind, bool headless, int warmTarget, ILogger logger, LaunchMarker? marker = null)
    {
        _browser = browser;
        _marker = marker;
        Kind = kind;
        Headless = headless;
        _warmTarget = warmTarget;
        _logger = logger;
        _warm = Channel.CreateBounded<WarmContext>(Math.Max(1, warmTarget));
        _browser.Disconnected += (_, _) => OnDisconnected();
    }

    public BrowserKind Kind { get; }

    public bool Headless { get; }

    public bool IsConnected => _browser.IsConnected && Volatile.Read(ref _disposed) == 0 && Volatile.Read(ref _killed) == 0;

    public string Version => _browser.Version;

    /// <summary>How many contexts the browser holds now: the sessions' and the warm ones.</summary>
    internal int ContextCount => _browser.Contexts.Count;

    /// <summary>
    /// Whether the browser answers a DevTools call within <paramref name="limit"/>. A browser can be connected yet
    /// frozen (stopped, swapping, wedged): every call to it would wait for ever.
    /// </summary>
    public async Task<bool> RespondsAsync(TimeSpan limit)
    {
        if (!IsConnected)
        {
            return false;
        }

        try
        {
            _probe ??= await _browser.NewBrowserCDPSessionAsync().WaitAsync(limit);
            await _probe.SendAsync("Browser.getVersion").WaitAsync(limit);
            return true;
        }
        catch (Exception ex) when (ex is TimeoutException or PlaywrightException)
        {
            return false;
        }
    }

    /// <summary>The switch that tags this browser's launch, when this server launched it.</summary>
    internal string? LaunchSwitch => _marker?.Switch;

    /// <summary>
    /// Waits for <paramref name="work"/> on this browser up to <paramref name="limit"/>. Past it, a browser that does
    /// not answer a probe either is killed (its sessions close as crashed), and the caller gets a clear error;
    /// <paramref name="discard"/> undoes whatever the work makes if it finishes after all.
    /// </summary>
    public async Task<T> AnswerWithinAsync<T>(Task<T> work, TimeSpan limit, Action<T>? discard = null)
    {
        try
        {
            return await work.WaitAsync(limit);
        }
        catch (TimeoutException) when (!work.IsCompleted)
        {
            _ = work.ContinueWith(
                t =>
                {
                    if (t.IsCompletedSuccessfully)
                    {
                        discard?.Invoke(t.Result);
                    }

                    _ = t.Exception;
                },
                TaskScheduler.Default);
            var frozen = !await RespondsAsync(ProbeLimit);
            if (frozen)
            {
                await KillAsync();
            }

            throw new Errors.BrowserUnavailableException(
                "browser_type",
                frozen
                    ? $"the browser did not answer within {limit.TotalSeconds:0} s and does not respond at all (frozen?); it was stopped, its sessions closed as crashed, and the next create_browser_session starts a new one."
                    : $"the browser did not answer within {limit.TotalSeconds:0} s (overloaded?); try again, or with fewer sessions at once.");
        }
    }

    /// <summary>Like <see cref="AnswerWithinAsync{T}"/>, for work that makes nothing.</summary>
    public Task AnswerWithinAsync(Task work, TimeSpan limit) =>
        AnswerWithinAsync(work.ContinueWith(static t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default), limit);

    /// <summary>
    /// Kills a browser this server launched, with all its processes, when it no longer answers; its sessions then
    /// close as crashed and the next session gets a new browser. A connected one (remote, attached) is only disconnected.
    /// </summary>
    public async Task KillAsync()
    {
        LogKilled(_logger);
        if (_marker is not null)
        {
            Volatile.Write(ref _killed, 1);
            _marker.KillTagged();
            ReportCrash();
        }
        else
        {
            // Connected, not launched (a remote browser): only the connection is ours to drop; its sessions still end.
            ReportCrash();
            await DisposeAsync();
        }
    }

    /// <summary>A user agent for <c>use_random_user_agent</c>, matching this browser's version.</summary>
    public string RandomUserAgent() => UserAgents.Random(_browser.Version);

    /// <summary>Raised once when the browser process goes away without being closed by us.</summary>
    public event Action<BrowserHost>? Crashed;

    public async Task<WarmContext> TakeContextAsync(ContextSpec spec)
    {
        if (spec != ContextSpec.Default)
        {
            return await CreateContextAsync(spec);
        }

        var taken = _warm.Reader.TryRead(out var ready) ? ready : await InFlightOrNewAsync();
        MarkTaken();
        StartRefill(AfterTake);
        return taken;
    }

    private void MarkTaken() => Volatile.Write(ref _lastTakeAt, TimeProvider.System.GetTimestamp());

    /// <summary>How long ago a session last took or began making a context.</summary>
    private TimeSpan SinceTake => TimeProvider.System.GetElapsedTime(Volatile.Read(ref _lastTakeAt));

    /// <summary>
    /// The warm context the refill is making now, if no other session waits for it already and it comes within
    /// <see cref="InFlightWait"/>; otherwise a new one.
    /// </summary>
    private async Task<WarmContext> InFlightOrNewAsync()
    {
        if (Volatile.Read(ref _refillMaking) == 1 && Interlocked.CompareExchange(ref _waitingForRefill, 1, 0) == 0)
        {
            // A token, not a timeout on the task: a cancelled read takes nothing, so no context is left unclaimed.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
            wait.CancelAfter(InFlightWait);
            try
            {
                return await _warm.Reader.ReadAsync(wait.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException)
            {
                // The refill is slow or stopped: make one.
            }
            finally
            {
                Volatile.Write(ref _waitingForRefill, 0);
            }
        }

        // Marked before it is made, too: a refill starting meanwhile (the warm-up, on a server just started) waits.
        MarkTaken();
        return await CreateContextAsync(ContextSpec.Default);
    }

    /// <summary>For an attached browser: its own context and page, with the logins its user has, rather than a new one.</summary>
    public async Task<WarmContext> TakeExistingContextAsync()
    {
        var context = _browser.Contexts.Count > 0 ? _browser.Contexts[0] : await _browser.NewContextAsync(new BrowserNewContextOptions { AcceptDownloads = true });
        await context.AddInitScriptAsync(SpawnWatch.InitScript);
        await context.AddInitScriptAsync(Tasks.Commands.ClickableWatch.InitScript);
        var page = context.Pages.FirstOrDefault(p => !p.IsClosed) ?? await context.NewPageAsync();
        return new WarmContext(context, page);
    }

    /// <summary>Fills the pool of warm contexts up to its target, after <paramref name="delay"/>, in the background.</summary>
    public void StartRefill(TimeSpan delay = default)
    {
        if (_warmTarget == 0 || Interlocked.Exchange(ref _refilling, 1) == 1)
        {
            return;
        }

        // One that makes a context at once says so now: a session asking before the task runs waits for that
        // context instead of making a second one beside it.
        if (delay <= TimeSpan.Zero && _warm.Reader.Count < _warmTarget && SinceTake >= AfterTake)
        {
            Volatile.Write(ref _refillMaking, 1);
        }

        _ = Task.Run(() => RefillAsync(delay));
    }

    private async Task RefillAsync(TimeSpan delay)
    {
        var failed = false;
        try
        {
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, _disposing.Token);
            }

            while (!_disposing.IsCancellationRequested && _warm.Reader.Count < _warmTarget && IsConnected)
            {
                // A session that took a context during this refill is opening its first page: let it, as after any take.
                var sinceTake = SinceTake;
                if (sinceTake < AfterTake)
                {
                    Volatile.Write(ref _refillMaking, 0);
                    await Task.Delay(AfterTake - sinceTake, _disposing.Token);
                    continue;
                }

                Volatile.Write(ref _refillMaking, 1);
                WarmContext warm;
                try
                {
                    warm = await CreateContextAsync(ContextSpec.Default);
                }
                finally
                {
                    Volatile.Write(ref _refillMaking, 0);
                }

                if (Volatile.Read(ref _waitingForRefill) > 0)
                {
                    MarkTaken();
                }

                if (!_warm.Writer.TryWrite(warm))
                {
                    await warm.Context.CloseAsync();
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
        {
            failed = true;
        }
        catch (Exception ex) when (ex is PlaywrightException or ObjectDisposedException)
        {
            failed = true;
            if (!_disposing.IsCancellationRequested)
            {
                LogRefillFailed(_logger, ex.Message);
            }
        }
        finally
        {
            Volatile.Write(ref _refillMaking, 0);
            Volatile.Write(ref _refilling, 0);
        }

        // A context taken between the loop's last check and the flag's reset would otherwise never be replaced.
        if (!failed && !_disposing.IsCancellationRequested && _warm.Reader.Count < _warmTarget && IsConnected)
        {
            StartRefill();
        }
    }

    private async Task<WarmContext> CreateContextAsync(ContextSpec spec)
    {
        var context = await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = spec.ViewportWidth, Height = spec.ViewportHeight },
            UserAgent = spec.UserAgent ?? (spec.Stealth ? UserAgents.Headful(_browser.Version) : null),
            StorageState = spec.StorageState,
            AcceptDownloads = true,
            Proxy = spec.Proxy is { } proxy ? new Proxy { Server = proxy.Server, Username = proxy.Username, Password = proxy.Password, Bypass = proxy.Bypass } : null,
            Locale = spec.Stealth ? "en-US" : null,
            ExtraHTTPHeaders = spec.Stealth ? new Dictionary<string, string> { ["Accept-Language"] = "en-US,en;q=0.9" } : null,
        });
        await context.AddInitScriptAsync(SpawnWatch.InitScript);
        await context.AddInitScriptAsync(Tasks.Commands.ClickableWatch.InitScript);
        if (spec.Stealth)
        {
            await context.AddInitScriptAsync(StealthScript.Source);
        }

        if (spec.BlockAds)
        {
            await context.RouteAsync(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && AdBlockList.Blocks(uri), route => route.AbortAsync("blockedbyclient"));
        }

        var page = await context.NewPageAsync();
        return new WarmContext(context, page);
    }

    private void OnDisconnected()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            ReportCrash();
        }
    }

    /// <summary>Once, whether the kill or the disconnection comes first: its sessions close as crashed.</summary>
    private void ReportCrash()
    {
        if (Interlocked.Exchange(ref _crashReported, 1) == 0)
        {
            LogCrashed(_logger, Kind);
            Telemetry.SessionMcpTelemetry.BrowserCrashes.Add(1, new KeyValuePair<string, object?>(Telemetry.SessionMcpTelemetry.BrowserTypeTag, Kind.ToString().ToLowerInvariant()));
            Crashed?.Invoke(this);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync();
        _warm.Writer.TryComplete();
        try
        {
            await _browser.CloseAsync();
        }
        catch (PlaywrightException ex)
        {
            LogCloseFailed(_logger, ex.Message);
        }

        _disposing.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare a warm browser context: {Reason}")]
    private static partial void LogRefillFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The {Kind} browser process went away; its sessions are closed as crashed")]
    private static partial void LogCrashed(ILogger logger, BrowserKind kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Closing the browser failed: {Reason}")]
    private static partial void LogCloseFailed(ILogger logger, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The browser stopped answering and was killed; its sessions close as crashed")]
    private static partial void LogKilled(ILogger logger);
}
