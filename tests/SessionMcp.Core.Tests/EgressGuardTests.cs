using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// With every request guarded, a refused host never receives a connection, however a page tries: redirect hops,
/// a meta refresh, a script, a WebSocket, an iframe, a form post, a popup, a fetch, a preconnect, or a name the
/// browser itself would resolve to it. The refused server counts TCP connections, not requests.
/// </summary>
public sealed class EgressGuardTests(BrowserFixture fixture) : IAsyncLifetime
{
    private readonly TcpListener _refused = new(IPAddress.Loopback, 0);
    private int _connections;
    private Task _accepting = Task.CompletedTask;
    private BrowserProvider _browser = null!;
    private CoreHarness _harness = null!;

    private int RefusedPort => ((IPEndPoint)_refused.LocalEndpoint).Port;

    private string Secret => $"http://127.0.0.1:{RefusedPort}/secret";

    public async ValueTask InitializeAsync()
    {
        _refused.Start();
        _accepting = AcceptAsync();
        var options = new SessionMcpOptions { StepTimeoutMs = 5_000, DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        options.Navigation.GuardAllRequests = true;
        options.Navigation.BlockedOrigins.Add($"http://127.0.0.1:{RefusedPort}");
        // The browser's own resolver would send this name to the refused server.
        options.ExtraBrowserArgs.Add("--host-resolver-rules=MAP rebind.test 127.0.0.1");
        _browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        _harness = new CoreHarness(_browser, options, TimeProvider.System);
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("/redirect?to={0}")]
    [InlineData("/go/307?to={0}")]
    [InlineData("/go/chain?n=4&to={0}")]
    [InlineData("/go/refresh?to={0}")]
    [InlineData("/go/script?to={0}")]
    [InlineData("/go/websocket?to={1}")]
    [InlineData("/go/iframe?to={0}")]
    [InlineData("/go/form?to={0}")]
    [InlineData("/go/open?to={0}")]
    [InlineData("/go/fetch?to={0}")]
    [InlineData("/go/preconnect?to={0}")]
    public async Task RefusedHost_ReceivesNoConnection_WhateverThePageDoes(string path)
    {
        var session = await _harness.CreateSessionAsync();
        var url = fixture.Site.Url(string.Format(System.Globalization.CultureInfo.InvariantCulture, path, Uri.EscapeDataString(Secret), Uri.EscapeDataString($"ws://127.0.0.1:{RefusedPort}/socket")));

        var run = await _harness.RunAsync(session, ("navigate", $$"""{"url": "{{url}}"}"""), ("wait", """{"ms": 1500}"""));

        Assert.Equal(0, Volatile.Read(ref _connections));
        Assert.False(session.Url.Contains($":{RefusedPort}", StringComparison.Ordinal), $"left at {session.Url}: {run.Status} {run.FailureReason} {System.Text.Json.JsonSerializer.Serialize(run.Steps.Select(s => new { s.Command, s.Error, Events = s.Events.Select(e => e.Kind + " " + string.Join(",", e.Details)) }))}");
        Assert.NotEqual(RunStatus.TimedOut, run.Status);
    }

    [Fact]
    public async Task NameTheBrowserWouldResolveToARefusedAddress_IsResolvedByTheServer_AndRefused()
    {
        var session = await _harness.CreateSessionAsync();

        var run = await _harness.RunAsync(session, ("navigate", $$"""{"url": "http://rebind.test:{{RefusedPort}}/secret"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(0, Volatile.Read(ref _connections));
    }

    [Fact]
    public async Task AllowedPages_StillWork_ThroughTheGuard()
    {
        var session = await _harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        var run = await _harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.True(_browser.GuardsConnections);
    }

    public async ValueTask DisposeAsync()
    {
        await _harness.DisposeAsync();
        await _browser.DisposeAsync();
        _refused.Stop();
        await _accepting;
    }

    private async Task AcceptAsync()
    {
        while (true)
        {
            try
            {
                using var client = await _refused.AcceptTcpClientAsync();
                Interlocked.Increment(ref _connections);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                return;
            }
        }
    }
}
