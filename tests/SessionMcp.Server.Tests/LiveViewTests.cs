using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Sessions;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>The live view: app_url, the frame stream over SSE from the screencast, and the dashboard.</summary>
public sealed class LiveViewTests(HttpKeysFixture fixture) : IClassFixture<HttpKeysFixture>, IAsyncLifetime
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly HttpClient _http = new();
    private LocalSite _site = null!;

    private HttpServer Server => fixture.Server;

    public async ValueTask InitializeAsync() => _site = await LocalSite.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    private async Task<(ModelContextProtocol.Client.McpClient Client, JsonElement Session)> CreateAsync(string key)
    {
        var client = await Server.ConnectAsync(key);
        var arguments = new Dictionary<string, object?> { ["start_url"] = _site.Url("/login") };
        var session = await client.CallOkAsync("create_browser_session", arguments);
        return (client, session);
    }

    /// <summary>The server's own object for a session the test created (its screencasts are counted there).</summary>
    private BrowserSession Live(JsonElement session) => Server.Services.GetRequiredService<BrowserSessionPool>()
        .FindForViewer(session.GetProperty("browser_session_id").GetString()!, session.GetProperty("frame_token").GetString()!)!;

    [Fact]
    public async Task CreateBrowserSession_ReturnsAppUrl_ThatServesTheLiveView()
    {
        var (client, session) = await CreateAsync(HttpKeysFixture.AliceKey);
        await using var _ = client;
        var appUrl = session.GetProperty("app_url").GetString()!;
        var token = session.GetProperty("frame_token").GetString()!;

        Assert.StartsWith(new Uri(Server.BaseUrl, "live/").AbsoluteUri, appUrl, StringComparison.Ordinal);
        Assert.Contains(Uri.EscapeDataString(token), appUrl, StringComparison.Ordinal);
        var page = await _http.GetStringAsync(appUrl, TestContext.Current.CancellationToken);
        Assert.Contains("new EventSource(", page, StringComparison.Ordinal);
        Assert.Contains("This session has closed", page, StringComparison.Ordinal);

        using var wrong = await _http.GetAsync(appUrl.Replace(Uri.EscapeDataString(token), "ft_guess", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, wrong.StatusCode);
    }

    [Fact]
    public async Task FrameStream_SendsScreencastFrames_FollowsNavigation_AndSaysWhenClosed()
    {
        var (client, session) = await CreateAsync(HttpKeysFixture.AliceKey);
        await using var _ = client;
        var id = session.GetProperty("browser_session_id").GetString()!;
        var token = session.GetProperty("frame_token").GetString()!;
        var url = new Uri(Server.BaseUrl, $"stream/sse?session_id={id}&token={Uri.EscapeDataString(token)}&width=640&with_boxes=true");

        using var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var events = new SseReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));

        var status = await events.NextAsync("status").WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal("running", status.GetProperty("status").GetString());
        var first = await events.NextAsync("frame").WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal((640, 360), ImageSize.Of(Convert.FromBase64String(first.GetProperty("image").GetString()!)));
        Assert.Equal(640, first.GetProperty("width").GetInt32());
        Assert.Contains(first.GetProperty("boxes").EnumerateArray(), b => b.GetProperty("name").GetString() == "Sign in");
        Assert.Equal(1, Live(session).OpenScreencasts);

        await client.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = _site.Url("/form") });
        JsonElement moved;
        do
        {
            moved = await events.NextAsync("frame").WaitAsync(Bound, TestContext.Current.CancellationToken);
        }
        while (moved.GetProperty("url").GetString() != _site.Url("/form"));

        Assert.True(moved.GetProperty("seq").GetInt64() > first.GetProperty("seq").GetInt64());
        Assert.Equal("Form", moved.GetProperty("title").GetString());

        await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
        var closed = await events.NextAsync("status").WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("closed", closed.GetProperty("close_reason").GetString());
    }

    [Fact]
    public async Task FrameStream_StopsCapturing_WhenTheViewerLeaves()
    {
        var (client, session) = await CreateAsync(HttpKeysFixture.AliceKey);
        await using var _ = client;
        var url = new Uri(Server.BaseUrl, $"stream/sse?session_id={session.GetProperty("browser_session_id").GetString()}&token={Uri.EscapeDataString(session.GetProperty("frame_token").GetString()!)}");
        Assert.Equal(0, Live(session).OpenScreencasts);

        using (var response = await _http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        using (var events = new SseReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)))
        {
            await events.NextAsync("frame").WaitAsync(Bound, TestContext.Current.CancellationToken);
            Assert.Equal(1, Live(session).OpenScreencasts);
        }

        // The server learns of the disconnect from the socket; there is no event to await from out here.
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (Live(session).OpenScreencasts != 0 && watch.Elapsed < Bound)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal(0, Live(session).OpenScreencasts);
    }

    [Fact]
    public async Task FrameStream_RefusesWrongToken()
    {
        var (client, session) = await CreateAsync(HttpKeysFixture.AliceKey);
        await using var _ = client;
        var id = session.GetProperty("browser_session_id").GetString();

        using var response = await _http.GetAsync(new Uri(Server.BaseUrl, $"stream/sse?session_id={id}&token=ft_wrong"), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_NeedsKey_ListsOnlyYourSessions_AndClosesThem()
    {
        var (alice, aliceSession) = await CreateAsync(HttpKeysFixture.AliceKey);
        var (bob, bobSession) = await CreateAsync(HttpKeysFixture.BobKey);
        await using var _ = alice;
        await using var __ = bob;
        var aliceId = aliceSession.GetProperty("browser_session_id").GetString()!;
        var bobId = bobSession.GetProperty("browser_session_id").GetString()!;

        using var anonymous = await _http.GetAsync(Server.BaseUrl, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("/?key=", await anonymous.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);

        using var handler = new HttpClientHandler { CookieContainer = new CookieContainer() };
        using var browser = new HttpClient(handler) { BaseAddress = Server.BaseUrl };
        var page = await browser.GetStringAsync($"/?key={HttpKeysFixture.AliceKey}", TestContext.Current.CancellationToken);
        Assert.Contains(aliceId, page, StringComparison.Ordinal);
        Assert.DoesNotContain(bobId, page, StringComparison.Ordinal);
        Assert.Contains(_site.Url("/login"), page, StringComparison.Ordinal);
        Assert.Contains("live view", page, StringComparison.Ordinal);

        using var close = await browser.PostAsync($"/sessions/{aliceId}/close", null, TestContext.Current.CancellationToken);
        Assert.True(close.IsSuccessStatusCode);
        Assert.Equal(BrowserSessionStatus.Closed, Server.Services.GetRequiredService<BrowserSessionPool>().Get(aliceId, "user:alice").Status);

        using var foreign = await browser.PostAsync($"/sessions/{bobId}/close", null, TestContext.Current.CancellationToken);
        Assert.Equal(BrowserSessionStatus.Running, Server.Services.GetRequiredService<BrowserSessionPool>().Get(bobId, "user:bob").Status);
    }
}
