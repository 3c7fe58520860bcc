using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Ids;
using SessionMcp.Core.Profiles;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// All browser sessions of the server: creates them in a shared browser, keeps closed ones visible for a
/// while, enforces the session cap, and closes them on timeout, crash or shutdown.
/// </summary>
public sealed partial class BrowserSessionPool : IAsyncDisposable
{
    private readonly BrowserProvider _provider;
    private readonly NavigationPolicy _policy;
    private readonly SessionMcpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<BrowserSessionPool> _logger;
    private readonly ConcurrentDictionary<string, BrowserSession> _sessions = new(StringComparer.Ordinal);
    private readonly string _downloadsRoot;
    private readonly string _tracesRoot;
    private readonly Lock _capGate = new();
    private readonly Dictionary<string, int> _openByOwner = new(StringComparer.Ordinal);
    private int _open;
    private int _disposed;
    private int _draining;

    private readonly ProfileService? _profiles;
    private readonly ISessionHistory? _history;
    private readonly IRemoteSessions? _cluster;
    private readonly IIdentityQuota? _quota;

    public BrowserSessionPool(
        BrowserProvider provider,
        NavigationPolicy policy,
        SessionMcpOptions options,
        TimeProvider time,
        ILogger<BrowserSessionPool> logger,
        ProfileService? profiles = null,
        ISessionHistory? history = null,
        IRemoteSessions? cluster = null,
        IIdentityQuota? quota = null)
    {
        _cluster = cluster;
        _quota = quota;
        _profiles = profiles;
        _history = history;
        _provider = provider;
        _policy = policy;
        _options = options;
        _time = time;
        _logger = logger;
        _downloadsRoot = options.DownloadsPath ?? Path.Combine(Path.GetTempPath(), "sessionmcp-downloads");
        _tracesRoot = Path.Combine(Storage.DataFolder.Of(options), "traces");
        _provider.BrowserCrashed += host => _ = CloseCrashedAsync(host);
    }

    /// <summary>Sessions open now, across all clients.</summary>
    public int OpenCount
    {
        get
        {
            lock (_capGate)
            {
                return _open;
            }
        }
    }

    public async Task<BrowserSession> CreateAsync(BrowserSessionSettings settings, string owner, CancellationToken cancellationToken)
    {
        var spec = Validate(settings);
        RefuseOthersBrowser(settings.CdpUrl, owner);
        if (settings.BrowserProfileId is { } profileId)
        {
            var profiles = _profiles ?? throw new InvalidArgumentException("browser_profile_id", "profiles are not available on this server.");
            spec = spec with { StorageState = await profiles.GetStorageStateAsync(profileId, owner, cancellationToken) };
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        if (IsDraining)
        {
            throw SessionLimitException.Draining();
        }

        ReserveSlot(owner);
        await ReserveAcrossClusterAsync(owner, cancellationToken);

        BrowserSession? session = null;
        BrowserHost? owned = null;
        try
        {
            var createdAt = _time.GetUtcNow();
            (var host, owned, var address) = await HostForAsync(settings, cancellationToken);
            if (settings.UseRandomUserAgent)
            {
                spec = spec with { UserAgent = host.RandomUserAgent() };
            }

            // A frozen browser would hold the create for ever: it answers within a limit, or is stopped.
            var warm = await host.AnswerWithinAsync(
                settings.CdpUrl is null ? host.TakeContextAsync(spec) : host.TakeExistingContextAsync(),
                BrowserAnswerLimit,
                late => _ = late.Context.CloseAsync());
            var id = NewUniqueId();
            session = new BrowserSession(id, owner, settings, host, warm.Context, _policy, Path.Combine(_downloadsRoot, id), createdAt, _logger, SessionLimits.From(_options), owned, ownsContext: settings.CdpUrl is null, address);
            if (owned is not null)
            {
                var created = session;
                owned.Crashed += crashedHost => { _ = CloseAsync(created, CloseReason.Crashed); };
            }

            await host.AnswerWithinAsync(session.StartAsync(warm.Page, _time.GetUtcNow()), BrowserAnswerLimit);
            if (settings.Record)
            {
                session.Trace = await host.AnswerWithinAsync(SessionTrace.StartAsync(warm.Context, _tracesRoot, id), BrowserAnswerLimit);
            }

            _sessions[id] = session;
            LogCreated(_logger, id, settings.BrowserType);
            if (settings.StartUrl is not null)
            {
                await OpenStartUrlAsync(session, settings.StartUrl);
            }

            if (_cluster is not null)
            {
                await _cluster.ClaimAsync(id);
            }

            await RecordAsync(session);
            return session;
        }
        catch
        {
            if (session is null)
            {
                // A browser launched or attached for this session alone must not outlive the failed attempt.
                if (owned is not null)
                {
                    await owned.DisposeAsync();
                }

                ReleaseSlot(owner);
            }
            else
            {
                await DiscardAsync(session);
            }

            throw;
        }
    }

    /// <summary>How long the browser may take to give a new session its context and first page: twice a step's timeout.</summary>
    private TimeSpan BrowserAnswerLimit => TimeSpan.FromMilliseconds(2.0 * _options.StepTimeoutMs);

    /// <summary>A session of <paramref name="owner"/>, open or closed; another client's session is "not found".</summary>
    public BrowserSession Get(string browserSessionId, string owner) =>
        TryGet(browserSessionId, owner) ?? throw new BrowserSessionNotFoundException(browserSessionId);

    /// <summary>A session of <paramref name="owner"/> this run of the server holds, open or closed, else null.</summary>
    public BrowserSession? TryGet(string browserSessionId, string owner)
    {
        ValidateId(browserSessionId);
        return _sessions.TryGetValue(browserSessionId, out var session) && session.Owner == owner ? session : null;
    }

    /// <summary>
    /// Whether new sessions are refused because this host is stopping (draining): its own sessions go on meanwhile,
    /// and a client creates the next one on another host.
    /// </summary>
    public bool IsDraining => Volatile.Read(ref _draining) == 1;

    /// <summary>Starts refusing new sessions, for good: the host is about to stop.</summary>
    public void StopAdmitting() => Volatile.Write(ref _draining, 1);

    /// <summary>Whether this server holds a session with that id now, whoever owns it.</summary>
    public bool Holds(string browserSessionId) => _sessions.ContainsKey(browserSessionId);

    /// <summary>A session of <paramref name="owner"/> as the database last saw it: one of an earlier run of the server.</summary>
    public async Task<SessionRecord> GetStoredAsync(string browserSessionId, string owner, CancellationToken cancellationToken)
    {
        ValidateId(browserSessionId);
        return (_history is null ? null : await _history.GetAsync(browserSessionId, owner, cancellationToken))
            ?? throw new BrowserSessionNotFoundException(browserSessionId);
    }

    /// <summary>The owner's closed sessions that only the database knows (from earlier runs of the server).</summary>
    public async Task<IReadOnlyList<SessionRecord>> ListStoredClosedAsync(string owner, CancellationToken cancellationToken)
    {
        if (_history is null)
        {
            return [];
        }

        var stored = await _history.ListClosedAsync(owner, _options.ClosedRetention, cancellationToken);
        return [.. stored.Where(r => !_sessions.ContainsKey(r.BrowserSessionId))];
    }

    /// <summary>
    /// A session by id for whoever holds its frame token (a live viewer has no API key); null when the id is
    /// unknown or the token wrong, so a guess learns nothing.
    /// </summary>
    public BrowserSession? FindForViewer(string browserSessionId, string frameToken)
    {
        if (string.IsNullOrEmpty(browserSessionId) || string.IsNullOrEmpty(frameToken) || !_sessions.TryGetValue(browserSessionId, out var session))
        {
            return null;
        }

        if (session.Status != BrowserSessionStatus.Running)
        {
            // A link shared for a session stops working when the session ends.
            return null;
        }

        var expected = System.Text.Encoding.UTF8.GetBytes(session.FrameToken);
        var presented = System.Text.Encoding.UTF8.GetBytes(frameToken);
        return System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, presented) ? session : null;
    }

    /// <summary>An open session of <paramref name="owner"/>; a closed one, even of an earlier run, is an error saying when and why it closed.</summary>
    public async Task<BrowserSession> GetRunningAsync(string browserSessionId, string owner, CancellationToken cancellationToken)
    {
        if (TryGet(browserSessionId, owner) is { } session)
        {
            session.ThrowIfClosed();
            return session;
        }

        var stored = await GetStoredAsync(browserSessionId, owner, cancellationToken);
        throw new BrowserSessionClosedException(browserSessionId, BrowserSession.CloseReasonName(stored.CloseReason ?? CloseReason.Shutdown), stored.ClosedAt ?? stored.CreatedAt);
    }

    public IReadOnlyList<BrowserSession> List(string owner, bool includeClosed) =>
        [.. _sessions.Values
            .Where(s => s.Owner == owner && (includeClosed || s.Status == BrowserSessionStatus.Running))
            .OrderBy(s => s.CreatedAt)];

    /// <summary>Closes a session of <paramref name="owner"/>; closing a closed one changes nothing.</summary>
    public async Task<BrowserSession> CloseAsync(string browserSessionId, string owner)
    {
        var session = Get(browserSessionId, owner);
        await CloseAsync(session, CloseReason.Closed);
        return session;
    }

    public async Task CloseAsync(BrowserSession session, CloseReason reason)
    {
        // A crashed browser has no state left to save; otherwise the profile is taken before the context goes.
        if (session.Settings.GenerateBrowserProfile && reason != CloseReason.Crashed && session.Status == BrowserSessionStatus.Running && _profiles is not null && session.ClaimProfileSave())
        {
            try
            {
                session.BrowserProfileId = (await _profiles.SaveFromSessionAsync(session, null, CancellationToken.None)).BrowserProfileId;
            }
            catch (Exception ex) when (ex is PlaywrightException or SessionMcpException)
            {
                LogProfileSaveFailed(_logger, session.Id, ex.Message);
            }
        }

        if (reason != CloseReason.Crashed && session.Status == BrowserSessionStatus.Running)
        {
            // Remembered now, while the page still answers, for the closed session's description.
            await session.GetTitleAsync();
        }

        if (await session.CloseAsync(reason, _time.GetUtcNow()))
        {
            ReleaseSlot(session.Owner);
            PruneClosed();
            await RecordAsync(session);
        }
    }

    /// <summary>
    /// Undoes a create that failed after its session existed (a refused or broken <c>start_url</c>): the caller never
    /// got an id, so nothing of it is kept, neither in memory nor in the history.
    /// </summary>
    private async Task DiscardAsync(BrowserSession session)
    {
        _sessions.TryRemove(session.Id, out _);
        if (await session.CloseAsync(CloseReason.Closed, _time.GetUtcNow()))
        {
            ReleaseSlot(session.Owner);
        }
    }

    /// <summary>Closes every session whose timeout has passed. Returns how many it closed.</summary>
    public async Task<int> CloseExpiredAsync()
    {
        var now = _time.GetUtcNow();
        var expired = _sessions.Values.Where(s => s.Status == BrowserSessionStatus.Running && s.ExpiresAt <= now).ToList();
        foreach (var session in expired)
        {
            LogExpired(_logger, session.Id, session.Settings.TimeoutMinutes);
            await CloseAsync(session, CloseReason.Timeout);
        }

        return expired.Count;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        // First, so that no trace is written at this close only to be deleted after it.
        foreach (var session in _sessions.Values)
        {
            DropTrace(session);
        }

        await Task.WhenAll(_sessions.Values
            .Where(s => s.Status == BrowserSessionStatus.Running)
            .Select(s => CloseAsync(s, CloseReason.Shutdown)));
    }

    /// <summary>A trace goes with its session, unless the server keeps traces (<see cref="SessionMcpOptions.KeepTraces"/>).</summary>
    private void DropTrace(BrowserSession session)
    {
        if (!_options.KeepTraces)
        {
            session.DropTrace();
        }
    }

    /// <summary>
    /// A browser this server launched for a session (<c>isolation: process</c>) holds that session's logins: only its
    /// owner may attach to it with <c>cdp_url</c>. Its DevTools endpoint listens on loopback, so the port says which.
    /// </summary>
    private void RefuseOthersBrowser(string? cdpUrl, string owner)
    {
        if (cdpUrl is null || !Uri.TryCreate(cdpUrl, UriKind.Absolute, out var target) || !AddressGuard.IsThisMachine(target.Host))
        {
            return;
        }

        var owners = _sessions.Values
            .Where(s => s.Status == BrowserSessionStatus.Running && s.BrowserAddress is { } address && Uri.TryCreate(address, UriKind.Absolute, out var own) && own.Port == target.Port)
            .Select(s => s.Owner)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (owners.Count > 0 && !owners.Contains(owner, StringComparer.Ordinal))
        {
            throw new InvalidArgumentException("cdp_url", "is the DevTools endpoint of another client's session, which only that client may attach to; attach to a browser of your own, or create one with isolation 'process'.");
        }
    }

    internal ContextSpec Validate(BrowserSessionSettings settings)
    {
        if (settings.TimeoutMinutes is < BrowserSessionSettings.MinTimeoutMinutes or > BrowserSessionSettings.MaxTimeoutMinutes)
        {
            throw new InvalidArgumentException(
                "timeout",
                $"must be between {BrowserSessionSettings.MinTimeoutMinutes} and {BrowserSessionSettings.MaxTimeoutMinutes} minutes; got {settings.TimeoutMinutes}.");
        }

        if (settings.ViewportWidth is < 200 or > 7680)
        {
            throw new InvalidArgumentException("viewport.width", $"must be between 200 and 7680 pixels; got {settings.ViewportWidth}.");
        }

        if (settings.ViewportHeight is < 200 or > 4320)
        {
            throw new InvalidArgumentException("viewport.height", $"must be between 200 and 4320 pixels; got {settings.ViewportHeight}.");
        }

        if (settings.Name is { Length: > 200 })
        {
            throw new InvalidArgumentException("name", "must be at most 200 characters.");
        }

        if (settings.UserAgent is { } agent && (agent.Length is 0 or > 1000 || agent.Any(char.IsControl)))
        {
            throw new InvalidArgumentException("user_agent", "must be 1 to 1000 characters with no control characters.");
        }

        if (settings.CdpUrl is { } cdp)
        {
            if (!Uri.TryCreate(cdp, UriKind.Absolute, out var cdpUri) || cdpUri.Scheme is not ("http" or "https" or "ws" or "wss"))
            {
                throw new InvalidArgumentException("cdp_url", $"'{cdp}' is not a DevTools address; give one such as http://127.0.0.1:9222 or ws://127.0.0.1:9222/devtools/browser/….");
            }

            if (settings.Isolation == IsolationMode.Process)
            {
                throw new InvalidArgumentException("isolation", "'process' launches a browser, and cdp_url attaches to one; give one of them.");
            }

            // The server connects there itself: the same address rules as navigation keep it off refused networks.
            if (_policy.RefusalOfAddress(cdpUri.Host) is { } refusal)
            {
                throw new NavigationBlockedException("cdp_url", cdp, refusal);
            }

            if (settings.BrowserProfileId is not null)
            {
                throw new InvalidArgumentException("browser_profile_id", "cannot be loaded into a browser attached with cdp_url, which keeps its own cookies; give one of them.");
            }
        }

        if (settings.UserAgent is not null && settings.UseRandomUserAgent)
        {
            throw new InvalidArgumentException("use_random_user_agent", "cannot be used with user_agent; give one of them.");
        }

        if (settings.Proxy is { } proxy && (!Uri.TryCreate(proxy.Server, UriKind.Absolute, out var proxyUri) || proxyUri.Scheme is not ("http" or "https" or "socks5" or "socks4")))
        {
            throw new InvalidArgumentException("proxy.server", $"'{proxy.Server}' is not a proxy address; give one such as http://proxy.example:3128 or socks5://127.0.0.1:1080.");
        }

        foreach (var extension in settings.Extensions)
        {
            switch (extension)
            {
                case "ad-blocker":
                    break;
                case "captcha-solver":
                    throw new InvalidArgumentException(
                        "extensions",
                        "'captcha-solver' is not available locally: solving captchas needs a paid solving service, which SessionMcp does not use. Remove it, and solve captchas yourself in the live view (app_url) when one appears.");
                default:
                    throw new InvalidArgumentException("extensions", $"'{extension}' is not an extension; the extensions are ad-blocker and captcha-solver.");
            }
        }

        return new ContextSpec(
            settings.ViewportWidth,
            settings.ViewportHeight,
            settings.UserAgent,
            Proxy: settings.Proxy,
            Stealth: settings.DisableAutomationDetection,
            BlockAds: settings.Extensions.Contains("ad-blocker"));
    }

    internal static void ValidateId(string browserSessionId)
    {
        if (string.IsNullOrWhiteSpace(browserSessionId) || !browserSessionId.StartsWith(IdGenerator.BrowserSessionPrefix, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException(
                "browser_session_id",
                $"'{browserSessionId}' is not a browser session id; ids look like pbs_… as returned by create_browser_session.");
        }
    }

    private async Task OpenStartUrlAsync(BrowserSession session, string startUrl)
    {
        var url = _policy.Validate(startUrl, "start_url");
        var tab = await session.GetActiveTabAsync();
        try
        {
            await tab.Page.GotoAsync(url.AbsoluteUri, new PageGotoOptions { Timeout = _options.StepTimeoutMs });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new InvalidArgumentException("start_url", $"'{startUrl}' could not be opened: {ErrorText.FirstLine(ex.Message)}. Check the URL, or create the session without start_url and navigate later.");
        }
    }

    /// <summary>The browser a new session runs in: the shared one, one of its own, or one it attaches to (owned: closed with it).</summary>
    private async Task<(BrowserHost Host, BrowserHost? Owned, string? Address)> HostForAsync(BrowserSessionSettings settings, CancellationToken cancellationToken)
    {
        if (settings.CdpUrl is { } cdpUrl)
        {
            var attached = await _provider.ConnectAsync(cdpUrl);
            return (attached, attached, cdpUrl);
        }

        if (settings.Isolation == IsolationMode.Process)
        {
            var (own, address) = await _provider.LaunchDedicatedAsync(settings.BrowserType, settings.Headless);
            return (own, own, address);
        }

        return (await _provider.GetHostAsync(settings.BrowserType, settings.Headless, cancellationToken), null, null);
    }

    /// <summary>Counts a session against the server's cap and its owner's, or says which cap is reached.</summary>
    private void ReserveSlot(string owner)
    {
        lock (_capGate)
        {
            if (_open >= _options.MaxSessions)
            {
                Telemetry.SessionMcpTelemetry.RefusedAdmission("max_sessions");
                throw SessionLimitException.Total(_options.MaxSessions);
            }

            var mine = _openByOwner.GetValueOrDefault(owner);
            if (mine >= _options.MaxSessionsPerIdentity)
            {
                Telemetry.SessionMcpTelemetry.RefusedAdmission("max_sessions_per_identity");
                throw SessionLimitException.PerIdentity(_options.MaxSessionsPerIdentity);
            }

            _open++;
            _openByOwner[owner] = mine + 1;
            Telemetry.SessionMcpTelemetry.SessionsOpen.Add(1);
        }
    }

    private void ReleaseSlot(string owner)
    {
        ReleaseLocalSlot(owner);
        _quota?.Release(owner);
    }

    private void ReleaseLocalSlot(string owner)
    {
        lock (_capGate)
        {
            _open--;
            Telemetry.SessionMcpTelemetry.SessionsOpen.Add(-1);
            if (--_openByOwner[owner] == 0)
            {
                _openByOwner.Remove(owner);
            }
        }
    }

    /// <summary>In a cluster, the owner's sessions on the other hosts count too; the local slot is given back when that cap is reached.</summary>
    private async Task ReserveAcrossClusterAsync(string owner, CancellationToken cancellationToken)
    {
        if (_quota is null)
        {
            return;
        }

        bool reserved;
        try
        {
            reserved = await _quota.TryReserveAsync(owner, _options.MaxSessionsPerIdentity, cancellationToken);
        }
        catch
        {
            ReleaseLocalSlot(owner);
            throw;
        }

        if (!reserved)
        {
            ReleaseLocalSlot(owner);
            Telemetry.SessionMcpTelemetry.RefusedAdmission("max_sessions_per_identity");
            throw SessionLimitException.PerIdentity(_options.MaxSessionsPerIdentity);
        }
    }

    private string NewUniqueId()
    {
        // 128 random bits never collide in practice; the check makes "never reused" true by construction.
        string id;
        do
        {
            id = IdGenerator.NewBrowserSessionId();
        }
        while (_sessions.ContainsKey(id));

        return id;
    }

    /// <summary>Writes the session's current state to the database; a failed write is logged, never the caller's error.</summary>
    private async Task RecordAsync(BrowserSession session)
    {
        if (_history is null)
        {
            return;
        }

        try
        {
            await _history.SaveAsync(await session.DescribeAsync(), CancellationToken.None);
        }
        catch (Exception ex) when (ex is StoreUnavailableException or IOException)
        {
            LogHistoryWriteFailed(_logger, session.Id, ex.Message);
        }
    }

    private async Task CloseCrashedAsync(BrowserHost host)
    {
        foreach (var session in _sessions.Values.Where(s => s.Host == host && s.Status == BrowserSessionStatus.Running).ToList())
        {
            await CloseAsync(session, CloseReason.Crashed);
        }
    }

    private void PruneClosed()
    {
        var closed = _sessions.Values.Where(s => s.Status == BrowserSessionStatus.Closed).ToList();
        if (closed.Count <= _options.ClosedRetention)
        {
            return;
        }

        foreach (var session in closed.OrderBy(s => s.ClosedAt).Take(closed.Count - _options.ClosedRetention))
        {
            _sessions.TryRemove(session.Id, out _);
            DropTrace(session);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Saving the profile of browser session {BrowserSessionId} at close failed: {Reason}")]
    private static partial void LogProfileSaveFailed(ILogger logger, string browserSessionId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing browser session {BrowserSessionId} to the database failed: {Reason}")]
    private static partial void LogHistoryWriteFailed(ILogger logger, string browserSessionId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser session {BrowserSessionId} created ({BrowserType})")]
    private static partial void LogCreated(ILogger logger, string browserSessionId, BrowserKind browserType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Browser session {BrowserSessionId} reached its {TimeoutMinutes}-minute timeout")]
    private static partial void LogExpired(ILogger logger, string browserSessionId, int timeoutMinutes);
}
