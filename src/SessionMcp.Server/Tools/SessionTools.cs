using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Server.Contracts;
using SessionMcp.Server.Http;

namespace SessionMcp.Server.Tools;

/// <summary>create, get, list and close browser sessions.</summary>
[McpServerToolType]
public sealed class SessionTools(BrowserSessionPool pool, IServiceProvider services)
{
    // Registered only when the server serves HTTP: over stdio there is no live view to link to.
    private readonly LiveViewLinks? _links = services.GetService<LiveViewLinks>();

    // Registered only on a host of a cluster: sessions held by the other hosts.
    private readonly IRemoteSessions? _cluster = services.GetService<IRemoteSessions>();

    [McpServerTool(Name = "create_browser_session", Title = "Create a browser session", Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true)]
    [Description("Starts a live browser session that keeps cookies, localStorage, open tabs and history between calls until it is closed or its timeout ends. Use its browser_session_id with run_task and stream_frame, and close it with close_browser_session when done.")]
    public async Task<BrowserSessionResponse> CreateBrowserSession(
        RequestContext<CallToolRequestParams> context,
        [Description("Minutes the session lives, 5–1440 (default 60); counted from when the browser is ready. The session closes when it runs out, even mid-task.")]
        [Range(5, 1440)]
        int timeout = BrowserSessionSettings.DefaultTimeoutMinutes,
        [Description("chromium (default), chrome or msedge. A type not installed on the server is an error.")]
        [AllowedValues("chromium", "chrome", "msedge")]
        string browser_type = "chromium",
        [Description("Run without a visible window (default true). false needs a desktop session on the server.")]
        bool headless = true,
        [Description("An http(s) URL to open once the session is ready.")]
        string? start_url = null,
        [Description("Viewport size in CSS pixels; default 1280×720.")]
        ViewportArgument? viewport = null,
        [Description("A user agent string for every request of the session.")]
        string? user_agent = null,
        [Description("Use a realistic desktop Chrome user agent picked at random (not with user_agent).")]
        bool use_random_user_agent = false,
        [Description("Route the session's traffic through a proxy: {server, username?, password?, bypass?}.")]
        ProxyArgument? proxy = null,
        [Description("Hide the usual signs of automation: navigator.webdriver, the headless user agent, languages.")]
        bool disable_automation_detection = false,
        [Description("Extensions: ad-blocker (blocks ad and tracker hosts from a bundled list). captcha-solver is not available locally and is refused.")]
        IReadOnlyList<string>? extensions = null,
        [Description("A human-readable name for the session.")]
        string? name = null,
        [Description("context (default): a fresh context in the shared, pooled Chromium (fast, cheap). process: a Chromium of its own with a DevTools endpoint in browser_address that other tools can attach to.")]
        [AllowedValues("context", "process")]
        string isolation = "context",
        [Description("Attach to an already running Chromium through its DevTools endpoint (http://host:9222 or ws://…) instead of launching one; the session acts in that browser's own context.")]
        string? cdp_url = null,
        [Description("A saved profile (bp_…) to start from: its cookies and localStorage, so the session starts logged in.")]
        string? browser_profile_id = null,
        [Description("Save the session's cookies and localStorage as a new profile when it ends (close, timeout or shutdown); its id appears as browser_profile_id on the closed session.")]
        bool generate_browser_profile = false,
        [Description("Keep a Playwright trace of the session (actions, DOM snapshots, screenshots, network, console), written when it closes: the closed session gives trace_path, and over HTTP trace_url. Off by default; it costs time per step.")]
        bool record = false,
        CancellationToken cancellationToken = default)
    {
        var settings = new BrowserSessionSettings
        {
            TimeoutMinutes = timeout,
            BrowserType = ParseBrowserType(browser_type),
            Headless = headless,
            StartUrl = string.IsNullOrWhiteSpace(start_url) ? null : start_url,
            ViewportWidth = viewport?.Width ?? ContextSpec.DefaultViewportWidth,
            ViewportHeight = viewport?.Height ?? ContextSpec.DefaultViewportHeight,
            UserAgent = string.IsNullOrEmpty(user_agent) ? null : user_agent,
            Name = string.IsNullOrWhiteSpace(name) ? null : name.Trim(),
            UseRandomUserAgent = use_random_user_agent,
            Proxy = proxy is null ? null : new ProxySettings(proxy.Server, proxy.Username, proxy.Password, proxy.Bypass),
            DisableAutomationDetection = disable_automation_detection,
            Extensions = extensions ?? [],
            Isolation = isolation switch
            {
                "context" => IsolationMode.Context,
                "process" => IsolationMode.Process,
                _ => throw new InvalidArgumentException("isolation", $"must be context or process; got '{isolation}'."),
            },
            CdpUrl = string.IsNullOrWhiteSpace(cdp_url) ? null : cdp_url.Trim(),
            BrowserProfileId = string.IsNullOrWhiteSpace(browser_profile_id) ? null : browser_profile_id.Trim(),
            GenerateBrowserProfile = generate_browser_profile,
            Record = record,
        };
        var session = await pool.CreateAsync(settings, Caller.Of(context), cancellationToken);
        return await Describe(session);
    }

    [McpServerTool(Name = "get_browser_session", Title = "Get a browser session", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Status and details of one of your browser sessions: url, title, timeout and, once closed, closed_at and close_reason.")]
    public async Task<BrowserSessionResponse> GetBrowserSession(
        RequestContext<CallToolRequestParams> context,
        [Description("The session's id (pbs_…), from create_browser_session.")] string browser_session_id,
        CancellationToken cancellationToken = default)
    {
        var owner = Caller.Of(context);
        if (pool.TryGet(browser_session_id, owner) is { } live)
        {
            return await Describe(live);
        }

        return await _cluster.ElsewhereAsync(browser_session_id, cancellationToken) is { } elsewhere
            ? Describe(await elsewhere.DescribeAsync(owner, cancellationToken))
            : BrowserSessionResponse.From(await pool.GetStoredAsync(browser_session_id, owner, cancellationToken));
    }

    [McpServerTool(Name = "get_browser_sessions", Title = "List browser sessions", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Your browser sessions, oldest first: only running ones by default, or with status 'all' the recently closed ones too.")]
    public async Task<IReadOnlyList<BrowserSessionResponse>> GetBrowserSessions(
        RequestContext<CallToolRequestParams> context,
        [Description("running (default) or all.")]
        [AllowedValues("running", "all")]
        string status = "running")
    {
        var includeClosed = status switch
        {
            "running" => false,
            "all" => true,
            _ => throw new InvalidArgumentException("status", $"must be running or all; got '{status}'."),
        };
        var owner = Caller.Of(context);
        var sessions = pool.List(owner, includeClosed);
        var responses = new List<BrowserSessionResponse>(sessions.Count);
        foreach (var session in sessions)
        {
            responses.Add(await Describe(session));
        }

        if (_cluster is not null)
        {
            // Running on the other hosts of the cluster, as each describes its own.
            responses.AddRange((await _cluster.ListElsewhereAsync(owner, CancellationToken.None)).Select(Describe));
            responses.Sort((a, b) => a.CreatedAt.CompareTo(b.CreatedAt));
        }

        if (includeClosed)
        {
            // Sessions of earlier runs of the server, which only the database still knows.
            var stored = await pool.ListStoredClosedAsync(owner, CancellationToken.None);
            responses.InsertRange(0, stored.OrderBy(r => r.CreatedAt).Select(r => BrowserSessionResponse.From(r)));
        }

        return responses;
    }

    [McpServerTool(Name = "close_browser_session", Title = "Close a browser session", Destructive = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Closes a browser session and releases its browser at once; its cookies and storage are gone. Closing a closed session succeeds and changes nothing.")]
    public async Task<BrowserSessionResponse> CloseBrowserSession(
        RequestContext<CallToolRequestParams> context,
        [Description("The session's id (pbs_…).")] string browser_session_id,
        CancellationToken cancellationToken = default)
    {
        var owner = Caller.Of(context);
        return await _cluster.ElsewhereAsync(browser_session_id, cancellationToken) is { } elsewhere
            ? Describe(await elsewhere.CloseAsync(owner, cancellationToken))
            : await Describe(await pool.CloseAsync(browser_session_id, owner));
    }

    private async Task<BrowserSessionResponse> Describe(BrowserSession session) =>
        BrowserSessionResponse.From(await session.DescribeAsync(), _links?.For(session), session.FrameToken, _links?.TraceFor(session.Id));

    private BrowserSessionResponse Describe(RemoteSessionState remote) =>
        BrowserSessionResponse.From(remote.Record, remote.FrameToken is { } token ? _links?.For(remote.Record.BrowserSessionId, token) : null, remote.FrameToken);

    internal static BrowserKind ParseBrowserType(string? browserType) => browserType switch
    {
        null or "" or "chromium" => BrowserKind.Chromium,
        "chrome" => BrowserKind.Chrome,
        "msedge" => BrowserKind.Msedge,
        _ => throw new InvalidArgumentException("browser_type", $"must be chromium, chrome or msedge; got '{browserType}'."),
    };
}
