using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SessionMcp.Core.Sessions;
using SessionMcp.Server.Http;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>One HTTP server with two API keys, alice's and bob's, for a test class.</summary>
public sealed class HttpKeysFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-key-0123456789";
    public const string BobKey = "bob-key-9876543210";

    public HttpServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() =>
        Server = await HttpServer.StartAsync($"--SessionMcp:Http:ApiKeys:alice={AliceKey}", $"--SessionMcp:Http:ApiKeys:bob={BobKey}");

    public ValueTask DisposeAsync() => Server.DisposeAsync();
}

/// <summary>Streamable HTTP with API keys: the same tools, owned per key, behind Host and Origin checks.</summary>
public sealed class HttpTransportTests(HttpKeysFixture fixture) : IClassFixture<HttpKeysFixture>, IDisposable
{
    private const string AliceKey = HttpKeysFixture.AliceKey;
    private const string BobKey = HttpKeysFixture.BobKey;

    private readonly HttpClient _http = new();

    private HttpServer Server => fixture.Server;

    public void Dispose() => _http.Dispose();

    private Uri Mcp => new(Server.BaseUrl, "mcp");

    /// <summary>The first request an older client sends; any request would do for the checks before it.</summary>
    private static StringContent Initialize() =>
        new("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"raw","version":"1"}}}""", Encoding.UTF8, "application/json");

    private static StringContent CreateSessionCall() =>
        new("""{"jsonrpc":"2.0","id":2,"method":"tools/call","params":{"name":"create_browser_session","arguments":{}}}""", Encoding.UTF8, "application/json");

    private HttpRequestMessage Post(StringContent body, string? key = null, string? origin = null, string? host = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Mcp) { Content = body };
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        return request;
    }

    [Fact]
    public async Task Mcp_ServesTheSameTools_ToAKeyHolder()
    {
        await using var alice = await Server.ConnectAsync(AliceKey);
        var tools = await alice.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Contains(tools, t => t.Name == "create_browser_session");
        Assert.Contains(tools, t => t.Name == "run_task");
    }

    [Fact]
    public async Task LegacySse_ServesTheSameTools_WithTheSameOwnership()
    {
        await using var alice = await Server.ConnectAsync(AliceKey, legacySse: true);
        await using var bob = await Server.ConnectAsync(BobKey);
        var id = (await alice.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();

        Assert.Equal("user:alice", Server.Services.GetRequiredService<BrowserSessionPool>().Get(id!, "user:alice").Owner);
        Assert.Contains("was not found", await bob.CallErrorAsync("get_browser_session", new() { ["browser_session_id"] = id }), StringComparison.Ordinal);
        await alice.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
    }

    [Fact]
    public async Task LegacySse_RefusesMissingKey()
    {
        using var response = await _http.GetAsync(new Uri(Server.BaseUrl, "sse"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_SessionsBelongToTheirKey_OthersSeeNotFound()
    {
        await using var alice = await Server.ConnectAsync(AliceKey);
        await using var bob = await Server.ConnectAsync(BobKey);
        var id = (await alice.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();

        Assert.Contains("was not found", await bob.CallErrorAsync("get_browser_session", new() { ["browser_session_id"] = id }), StringComparison.Ordinal);
        Assert.Contains("was not found", await bob.CallErrorAsync("close_browser_session", new() { ["browser_session_id"] = id }), StringComparison.Ordinal);
        Assert.Contains("was not found", await bob.CallErrorAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = "https://example.com/" }), StringComparison.Ordinal);
        Assert.DoesNotContain(id, (await bob.CallOkAsync("get_browser_sessions", new() { ["status"] = "all" })).EnumerateArray().Select(s => s.GetProperty("browser_session_id").GetString()));

        var mine = await alice.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id });
        Assert.Equal("running", mine.GetProperty("status").GetString());
        Assert.Equal("user:alice", Server.Services.GetRequiredService<BrowserSessionPool>().Get(id!, "user:alice").Owner);
    }

    [Fact]
    public async Task CdpUrl_ToAnotherKeysProcessBrowser_IsRefused_ButItsOwnerMayAttach()
    {
        await using var alice = await Server.ConnectAsync(AliceKey);
        await using var bob = await Server.ConnectAsync(BobKey);
        var own = await alice.CallOkAsync("create_browser_session", new() { ["isolation"] = "process" });
        var address = new Uri(own.GetProperty("browser_address").GetString()!);

        foreach (var attempt in new[] { address.AbsoluteUri, $"ws://localhost:{address.Port}/devtools/browser/x", $"http://[::1]:{address.Port}" })
        {
            var refused = await bob.CallErrorAsync("create_browser_session", new() { ["cdp_url"] = attempt });
            Assert.Contains("cdp_url is the DevTools endpoint of another client's session", refused, StringComparison.Ordinal);
        }

        var attached = await alice.CallOkAsync("create_browser_session", new() { ["cdp_url"] = address.AbsoluteUri });
        await alice.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = attached.GetProperty("browser_session_id").GetString() });
        await alice.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = own.GetProperty("browser_session_id").GetString() });
    }

    [Fact]
    public async Task FrameToken_StopsOpeningTheStream_OnceTheSessionIsClosed()
    {
        await using var alice = await Server.ConnectAsync(AliceKey);
        var session = await alice.CallOkAsync("create_browser_session", new());
        var id = session.GetProperty("browser_session_id").GetString();
        var stream = new Uri(Server.BaseUrl, $"stream/sse?session_id={id}&token={Uri.EscapeDataString(session.GetProperty("frame_token").GetString()!)}");
        using (var open = await _http.GetAsync(stream, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        await alice.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });

        using var closed = await _http.GetAsync(stream, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.NotEqual(HttpStatusCode.OK, closed.StatusCode);
    }

    [Fact]
    public async Task LegacySse_FloodOfMessages_IsAnswered429_BeyondTheRate()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Server.BaseUrl, "sse"));
        request.Headers.Add("x-api-key", AliceKey);
        using var stream = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var endpoint = await ReadEndpointAsync(stream);

        var statuses = new List<HttpStatusCode>();
        var posting = System.Diagnostics.Stopwatch.StartNew();
        for (var i = 0; i < 200; i++)
        {
            using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(Server.BaseUrl, endpoint.TrimStart('/')))
            {
                Content = new StringContent("""{"jsonrpc":"2.0","method":"notifications/initialized"}""", System.Text.Encoding.UTF8, "application/json"),
            };
            post.Headers.Add("x-api-key", AliceKey);
            using var answer = await _http.SendAsync(post, TestContext.Current.CancellationToken);
            statuses.Add(answer.StatusCode);
            if (answer.StatusCode == HttpStatusCode.TooManyRequests)
            {
                Assert.Contains("SessionMcp:Http:LegacySseMessagesPerSecond", await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
            }
        }

        // A burst of 40, then 20 a second: however slow the machine posted, no more than that got through.
        var allowed = 40 + (20 * ((int)posting.Elapsed.TotalSeconds + 1));
        var summary = string.Join(",", statuses.GroupBy(s => s).Select(g => $"{g.Key}: {g.Count()}")) + $" in {posting.Elapsed.TotalSeconds:0.0} s";
        Assert.Contains(HttpStatusCode.Accepted, statuses);
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.True(statuses.Count(s => s == HttpStatusCode.Accepted) <= allowed, summary);
    }

    private static async Task<string> ReadEndpointAsync(HttpResponseMessage stream)
    {
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken), leaveOpen: true);
        while (await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal) && line.Contains("sessionId=", StringComparison.Ordinal))
            {
                return line[6..];
            }
        }

        throw new EndOfStreamException("no endpoint event");
    }

    [Fact]
    public async Task Mcp_RefusesMissingOrWrongKey_With401AndAClearBody()
    {
        using var missing = await _http.SendAsync(Post(Initialize()), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, missing.StatusCode);
        Assert.Contains("an API key is required", await missing.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var wrong = await _http.SendAsync(Post(Initialize(), key: "guess"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Contains("not valid", await wrong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        var bearer = Post(Initialize());
        bearer.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AliceKey);
        using var ok = await _http.SendAsync(bearer, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Fact]
    public async Task Mcp_RefusesForeignOrigin_With403_AndDoesNothing()
    {
        var pool = Server.Services.GetRequiredService<BrowserSessionPool>();
        var before = pool.OpenCount;

        using var response = await _http.SendAsync(Post(CreateSessionCall(), AliceKey, origin: "https://evil.example"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin 'https://evil.example' may not call this server", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(before, pool.OpenCount);
    }

    [Fact]
    public async Task Mcp_AcceptsLoopbackOrigin()
    {
        using var response = await _http.SendAsync(Post(Initialize(), AliceKey, origin: "http://localhost:3000"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Mcp_RefusesForeignHost_With403()
    {
        using var response = await _http.SendAsync(Post(Initialize(), AliceKey, host: "attacker.example"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Host 'attacker.example' is not one this server answers to", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Healthz_ReportsBrowserAndOpenSessions()
    {
        await using var alice = await Server.ConnectAsync(AliceKey);
        await alice.CallOkAsync("create_browser_session", new());

        var health = await _http.GetFromJsonAsync<JsonElement>(new Uri(Server.BaseUrl, "healthz"), TestContext.Current.CancellationToken);
        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.Equal("up", health.GetProperty("browser").GetString());
        Assert.True(health.GetProperty("sessions_open").GetInt32() >= 1);
    }

    [Fact]
    public void Build_RefusesNonLoopbackBind_WithoutApiKey()
    {
        var error = Assert.Throws<InvalidOperationException>(() => HttpServerHost.Build(["--SessionMcp:Http:Urls=http://0.0.0.0:5999"]));
        Assert.Contains("beyond this machine, and no API key is configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("SessionMcp__Http__ApiKeys__<name>", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_AllowsNonLoopbackBind_WithApiKey_AndThenGuardsTheNetwork()
    {
        await using var app = HttpServerHost.Build(["--SessionMcp:Http:Urls=http://0.0.0.0:5999", "--SessionMcp:Http:ApiKeys:ops=k"], b => b.Logging.ClearProviders());
        var navigation = app.Services.GetRequiredService<SessionMcp.Core.SessionMcpOptions>().Navigation;

        Assert.True(navigation.GuardAllRequests);
        Assert.False(navigation.AllowPrivateNetworks);
        Assert.False(navigation.AllowLoopback);
        Assert.False(navigation.AllowLinkLocal);
    }

    [Fact]
    public void LoopbackServer_GuardsEveryRequest_ButAllowsLocalPages()
    {
        var navigation = Server.Services.GetRequiredService<SessionMcp.Core.SessionMcpOptions>().Navigation;

        Assert.True(navigation.GuardAllRequests);
        Assert.True(navigation.AllowLoopback);
        Assert.True(navigation.AllowPrivateNetworks);
        Assert.EndsWith("uploads", Server.Services.GetRequiredService<SessionMcp.Core.SessionMcpOptions>().UploadsPath, StringComparison.Ordinal);
    }
}

/// <summary>Without keys the HTTP server serves loopback callers as one local identity, like stdio.</summary>
public sealed class HttpWithoutKeysTests
{
    [Fact]
    public async Task Mcp_WorksWithoutKey_OnLoopback()
    {
        await using var server = await HttpServer.StartAsync();
        await using var client = await server.ConnectAsync();
        var id = (await client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();

        Assert.Equal("local", server.Services.GetRequiredService<BrowserSessionPool>().Get(id!, "local").Owner);
    }
}
