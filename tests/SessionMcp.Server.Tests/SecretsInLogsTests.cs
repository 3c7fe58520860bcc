using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// API keys, frame tokens, typed text and proxy passwords appear at no log level, whichever way they reach the
/// server: a dashboard sign-in link, a probing query string, a live-view link, a tool's arguments or result.
/// </summary>
public sealed class SecretsInLogsTests : IAsyncLifetime
{
    private const string Key = "sk-secret-key-4f9c1e";
    private const string Typed = "typed-secret-7d2a";
    private const string ProxyPassword = "proxy-pass-9b3e";

    private readonly CapturedLogs _logs = new();
    private readonly HttpClient _http = new();
    private HttpServer _server = null!;
    private LocalSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await LocalSite.StartAsync();
        _server = await HttpServer.StartAsync(_logs, $"--SessionMcp:Http:ApiKeys:alice={Key}");
    }

    [Fact]
    public async Task KeysTokensTypedTextAndProxyPasswords_AreNeverLogged_AtAnyLevel()
    {
        (await _http.GetAsync(new Uri(_server.BaseUrl, $"?key={Key}"), TestContext.Current.CancellationToken)).Dispose();
        (await _http.GetAsync(new Uri(_server.BaseUrl, $"healthz?api_key={Key}"), TestContext.Current.CancellationToken)).Dispose();

        await using var client = await _server.ConnectAsync(Key);
        var session = await client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") });
        var id = session.GetProperty("browser_session_id").GetString()!;
        var token = session.GetProperty("frame_token").GetString()!;
        await client.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["commands"] = new object[] { new { command = "type_text", data = new { selector = "#password", text = Typed } } },
        });
        var proxied = await client.CallOkAsync("create_browser_session", new() { ["proxy"] = new { server = "http://127.0.0.1:1", username = "u", password = ProxyPassword } });
        await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = proxied.GetProperty("browser_session_id").GetString() });

        using (var live = await _http.GetAsync(new Uri(_server.BaseUrl, $"live/{id}?token={token}"), TestContext.Current.CancellationToken))
        {
            Assert.True(live.IsSuccessStatusCode);
        }

        using (var stream = await _http.GetAsync(new Uri(_server.BaseUrl, $"stream/sse?session_id={id}&token={token}"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        {
            using var frames = new SseReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
            await frames.NextAsync("frame").WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);
        }

        await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });

        var lines = _logs.Lines.ToList();
        Assert.NotEmpty(lines);
        foreach (var secret in new[] { Key, token, Typed, ProxyPassword })
        {
            var leaks = lines.Where(l => l.Contains(secret, StringComparison.Ordinal)).Take(3).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' was logged:\n{string.Join("\n", leaks)}");
        }

        // Requests are still logged, their query strings cut off.
        Assert.Contains(lines, l => l.Contains("/stream/sse", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        await _site.DisposeAsync();
    }
}
