using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Browser;

/// <summary>
/// Owns Playwright and the launched browsers: one per browser type and headed/headless mode, launched on
/// first use, relaunched after a crash, and closed with the provider.
/// </summary>
public sealed partial class BrowserProvider : IAsyncDisposable
{
    private readonly SessionMcpOptions _options;
    private readonly BrowserLocator _locator;
    private readonly ILogger<BrowserProvider> _logger;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<(BrowserKind Kind, bool Headless), BrowserHost> _hosts = [];
    private readonly Lazy<EgressProxy>? _egress;
    private IPlaywright? _playwright;
    private BrowserLeftovers? _leftovers;
    private bool _disposed;

    public BrowserProvider(SessionMcpOptions options, ILogger<BrowserProvider> logger)
    {
        _options = options;
        _locator = new BrowserLocator(options);
        _logger = logger;

        // Where every request is guarded, it is guarded where the browser connects (see EgressProxy).
        _egress = options.Navigation.GuardAllRequests == true ? new Lazy<EgressProxy>(() => new EgressProxy(new NavigationPolicy(options), logger)) : null;
        if (_egress is not null && !string.IsNullOrEmpty(options.RemoteBrowser.Url))
        {
            throw new InvalidOperationException(
                "SessionMcp:RemoteBrowser:Url and SessionMcp:Navigation:GuardAllRequests cannot be used together: the egress proxy that checks every connection is started with the browsers this server launches. " +
                "Set SessionMcp:Navigation:GuardAllRequests=false to use a remote browser (pages' navigations are still checked), or remove RemoteBrowser:Url.");
        }
    }

    /// <summary>Where this provider lists the temporary folders of its browsers, once it has launched one.</summary>
    internal string? LeftoversList => _leftovers?.ListFile;

    /// <summary>Whether the server's browsers send every connection through the egress proxy.</summary>
    public bool GuardsConnections => _egress is not null;

    /// <summary>Whether a launched browser is up now (for health checks).</summary>
    public bool IsBrowserConnected
    {
        get
        {
            lock (_hosts)
            {
                return _hosts.Values.Any(h => h.IsConnected);
            }
        }
    }

    /// <summary>
    /// Whether every launched browser answers a DevTools call within <paramref name="limit"/>: false when one is
    /// connected but frozen (for health checks: "degraded").
    /// </summary>
    public async Task<bool> BrowsersRespondAsync(TimeSpan limit)
    {
        BrowserHost[] hosts;
        lock (_hosts)
        {
            hosts = [.. _hosts.Values.Where(h => h.IsConnected)];
        }

        var answers = await Task.WhenAll(hosts.Select(h => h.RespondsAsync(limit)));
        return answers.All(a => a);
    }

    /// <summary>Raised when a browser process goes away unasked; the argument is the browser's host.</summary>
    internal event Action<BrowserHost>? BrowserCrashed;

    internal async Task<BrowserHost> GetHostAsync(BrowserKind kind, bool headless, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_hosts.TryGetValue((kind, headless), out var host) && host.IsConnected)
            {
                return host;
            }

            if (host is not null)
            {
                await host.DisposeAsync();
            }

            // The shared headless Chromium may be a remote one; every other browser is launched here.
            host = kind == BrowserKind.Chromium && headless && _options.RemoteBrowser.Url is { Length: > 0 } remote
                ? await ConnectRemoteAsync(remote, _options.RemoteBrowser)
                : await LaunchAsync(kind, headless);
            lock (_hosts)
            {
                _hosts[(kind, headless)] = host;
            }

            // Before any caller has the host: a session waiting for this launch then takes the warm context being
            // made (the warm-up's, on a server just started) rather than make one of its own beside it.
            host.StartRefill();
            return host;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Launches the default browser, which fills its warm contexts, so the first session is quick too.</summary>
    public async Task WarmUpAsync(CancellationToken cancellationToken)
    {
        var host = await GetHostAsync(BrowserKind.Chromium, headless: true, cancellationToken);
        host.StartRefill();
    }

    /// <summary>
    /// Launches a Chromium of one session's own, with a DevTools endpoint on a free loopback port that other tools
    /// can attach to. The caller owns the returned host and disposes it with the session.
    /// </summary>
    internal async Task<(BrowserHost Host, string Address)> LaunchDedicatedAsync(BrowserKind kind, bool headless)
    {
        var port = FreeLoopbackPort();
        var host = await LaunchAsync(kind, headless, ["--remote-debugging-address=127.0.0.1", $"--remote-debugging-port={port}"], warmContexts: 0);
        return (host, $"http://127.0.0.1:{port}");
    }

    /// <summary>Attaches to a running Chromium through its DevTools endpoint. The caller owns the host; disposing it only disconnects.</summary>
    internal async Task<BrowserHost> ConnectAsync(string cdpUrl)
    {
        await _gate.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _playwright ??= await PlaywrightDriver.TakeAsync();
        }
        finally
        {
            _gate.Release();
        }

        try
        {
            var browser = await _playwright.Chromium.ConnectOverCDPAsync(cdpUrl, new BrowserTypeConnectOverCDPOptions { Timeout = 15_000 });
            return new BrowserHost(browser, BrowserKind.Chromium, headless: true, warmTarget: 0, _logger);
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            throw new BrowserUnavailableException("cdp_url", $"cdp_url '{cdpUrl}' could not be attached to: {ErrorText.FirstLine(ex.Message)}. Start Chromium with --remote-debugging-port and give its http://host:port or ws:// address.", ex);
        }
    }

    /// <summary>
    /// The configured remote browser, connected as the default Chromium: its warm contexts and sessions live there, and
    /// when the connection drops its sessions close as crashed and the next session connects again.
    /// </summary>
    private async Task<BrowserHost> ConnectRemoteAsync(string url, RemoteBrowserOptions remote)
    {
        _playwright ??= await PlaywrightDriver.TakeAsync();
        IBrowser browser;
        try
        {
            browser = remote.Protocol == RemoteBrowserProtocol.Cdp
                ? await _playwright.Chromium.ConnectOverCDPAsync(url, new BrowserTypeConnectOverCDPOptions { Timeout = _options.BrowserLaunchTimeoutMs })
                : await _playwright.Chromium.ConnectAsync(url, new BrowserTypeConnectOptions { Timeout = _options.BrowserLaunchTimeoutMs, Headers = remote.Headers });
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            CountLaunch(BrowserKind.Chromium, "failed");
            LogLaunchFailed(_logger, RemoteBrowserAddress.Describe(url), ex.Message);
            throw new BrowserUnavailableException(
                "browser_type",
                $"the remote browser at {RemoteBrowserAddress.Describe(url)} (SessionMcp:RemoteBrowser:Url, protocol {remote.Protocol}) could not be reached: {RemoteBrowserAddress.Redact(ErrorText.FirstLine(ex.Message), url)}. Check that it runs and that its Playwright version is 1.64 (protocol Playwright), or give its DevTools address with SessionMcp:RemoteBrowser:Protocol=Cdp.",
                ex);
        }

        CountLaunch(BrowserKind.Chromium, "ok");
        LogConnected(_logger, RemoteBrowserAddress.Describe(url), browser.Version);
        var host = new BrowserHost(browser, BrowserKind.Chromium, headless: true, _options.WarmContexts, _logger);
        host.Crashed += h => BrowserCrashed?.Invoke(h);
        return host;
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task<BrowserHost> LaunchAsync(BrowserKind kind, bool headless, IEnumerable<string>? extraArgs = null, int? warmContexts = null)
    {
        var target = _locator.Resolve(kind, headless);
        _playwright ??= await PlaywrightDriver.TakeAsync();
        var marker = new LaunchMarker();
        // The file system's clock, not a session's: real time, whatever TimeProvider the pool runs on.
        var launchStarted = TimeProvider.System.GetUtcNow().UtcDateTime;
        _leftovers ??= BrowserLeftovers.Claim();
        IBrowser browser;
        try
        {
            browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = target.ExecutablePath,
                Channel = target.Channel,
                Headless = headless,
                Args = LaunchArgs.For(_options.ExtraBrowserArgs.Concat(extraArgs ?? []).Concat(_egress?.Value.LaunchArgs ?? []).Append(marker.Switch)),
                // Keep Chromium alive through our own signals: the host closes it on shutdown.
                HandleSIGINT = false,
                HandleSIGTERM = false,
                HandleSIGHUP = false,
                Timeout = _options.BrowserLaunchTimeoutMs,
            });
        }
        catch (TimeoutException ex)
        {
            // Playwright gives up on it but leaves it running.
            marker.KillTagged();
            CountLaunch(kind, "timed_out");
            LogLaunchFailed(_logger, target.Description, ex.Message);
            throw new BrowserUnavailableException(
                "browser_type",
                $"{target.Description} did not start within {_options.BrowserLaunchTimeoutMs:N0} ms (SessionMcp:BrowserLaunchTimeoutMs); it was stopped. Check that it runs on this machine (SessionMcp:BrowserExecutablePath picks another), then try again.",
                ex);
        }
        catch (PlaywrightException ex)
        {
            LogLaunchFailed(_logger, target.Description, ex.Message);
            CountLaunch(kind, "failed");
            throw new BrowserUnavailableException("browser_type", LaunchFailure(kind, headless, target, ex), ex);
        }

        CountLaunch(kind, "ok");
        _leftovers.Track(marker, launchStarted);
        LogLaunched(_logger, target.Description, browser.Version, headless);
        var host = new BrowserHost(browser, kind, headless, warmContexts ?? _options.WarmContexts, _logger, marker);
        host.Crashed += h => BrowserCrashed?.Invoke(h);
        return host;
    }

    private static void CountLaunch(BrowserKind kind, string outcome) => Telemetry.SessionMcpTelemetry.BrowserLaunches.Add(
        1,
        new KeyValuePair<string, object?>(Telemetry.SessionMcpTelemetry.BrowserTypeTag, kind.ToString().ToLowerInvariant()),
        new KeyValuePair<string, object?>(Telemetry.SessionMcpTelemetry.OutcomeTag, outcome));

    private static string LaunchFailure(BrowserKind kind, bool headless, BrowserLaunchTarget target, PlaywrightException ex)
    {
        var name = kind.ToString().ToLowerInvariant();
        if (ex.Message.Contains("is not found", StringComparison.OrdinalIgnoreCase) || ex.Message.Contains("Executable doesn't exist", StringComparison.OrdinalIgnoreCase))
        {
            return kind == BrowserKind.Chromium
                ? $"browser_type 'chromium': {target.Description} could not be found; " + BrowserLocator.InstallAdvice
                : $"browser_type '{name}': {target.Description} is not installed on this machine; install it, or use browser_type 'chromium'.";
        }

        if (!headless && ex.Message.Contains("display", StringComparison.OrdinalIgnoreCase))
        {
            return "headless: false needs a display, and this server has none (no DISPLAY); use headless: true, or run the server in a desktop session.";
        }

        return $"browser_type '{name}': {target.Description} failed to start ({ErrorText.FirstLine(ex.Message)}). Check the server's log; SessionMcp:BrowserExecutablePath picks another browser.";
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var host in _hosts.Values)
            {
                await host.DisposeAsync();
            }

            _hosts.Clear();
            _playwright?.Dispose();
            _leftovers?.Dispose();
            if (_egress is { IsValueCreated: true })
            {
                await _egress.Value.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Launched {Browser} {Version} (headless: {Headless})")]
    private static partial void LogLaunched(ILogger logger, string browser, string version, bool headless);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the remote browser at {Address}, version {Version}")]
    private static partial void LogConnected(ILogger logger, string address, string version);

    [LoggerMessage(Level = LogLevel.Error, Message = "Launching {Browser} failed: {Reason}")]
    private static partial void LogLaunchFailed(ILogger logger, string browser, string reason);
}
