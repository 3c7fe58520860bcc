using System.IO.Compression;
using System.Net;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>create_browser_session {record: true}: a Playwright trace of what the session did, for its owner only.</summary>
public sealed class RecordingTests(HttpKeysFixture fixture) : IClassFixture<HttpKeysFixture>, IAsyncLifetime
{
    private readonly HttpClient _http = new();
    private LocalSite _site = null!;

    private HttpServer Server => fixture.Server;

    public async ValueTask InitializeAsync() => _site = await LocalSite.StartAsync();

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _site.DisposeAsync();
    }

    private async Task<HttpResponseMessage> DownloadAsync(string url, string? key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (key is not null)
        {
            request.Headers.Add("x-api-key", key);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task RecordedSession_GivesItsTrace_OnceClosed_ToItsOwnerOnly()
    {
        await using var client = await Server.ConnectAsync(HttpKeysFixture.AliceKey);
        var id = (await client.CallOkAsync("create_browser_session", new() { ["record"] = true })).GetProperty("browser_session_id").GetString()!;
        await client.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["url"] = _site.Url("/login"),
            ["commands"] = LocalSite.LoginCommands,
        });
        var traceUrl = new Uri(Server.BaseUrl, $"traces/{id}.zip").AbsoluteUri;
        using (var early = await DownloadAsync(traceUrl, HttpKeysFixture.AliceKey))
        {
            Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        }

        var closed = await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
        var described = await client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id });
        Assert.Equal(traceUrl, described.GetProperty("trace_url").GetString());
        var path = described.GetProperty("trace_path").GetString()!;
        Assert.True(File.Exists(path), path);
        Assert.Equal("closed", closed.GetProperty("status").GetString());

        using var response = await DownloadAsync(traceUrl, HttpKeysFixture.AliceKey);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("trace.trace", names);
        Assert.Contains("trace.network", names);
        Assert.Contains(names, n => n.EndsWith(".jpeg", StringComparison.Ordinal));
        using var events = new StreamReader(zip.GetEntry("trace.trace")!.Open());
        var trace = await events.ReadToEndAsync(TestContext.Current.CancellationToken);
        Assert.Contains(_site.Url("/dashboard"), trace, StringComparison.Ordinal);
        Assert.Contains("\"method\":\"fill\"", trace, StringComparison.Ordinal);

        using (var other = await DownloadAsync(traceUrl, HttpKeysFixture.BobKey))
        {
            Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        }

        using var anonymous = await DownloadAsync(traceUrl, null);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }

    [Fact]
    public async Task UnrecordedSession_HasNoTrace()
    {
        await using var client = await Server.ConnectAsync(HttpKeysFixture.AliceKey);
        var id = (await client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/") })).GetProperty("browser_session_id").GetString()!;
        var closed = await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });

        Assert.False(closed.TryGetProperty("trace_path", out var path), $"trace_path {path}");
        using var response = await DownloadAsync(new Uri(Server.BaseUrl, $"traces/{id}.zip").AbsoluteUri, HttpKeysFixture.AliceKey);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
