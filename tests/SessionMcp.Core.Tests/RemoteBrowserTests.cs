using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// A host whose sessions live in a browser it did not launch: a Playwright browser server (<c>run-server</c>, started by
/// the test), or a Chromium's DevTools endpoint. Sessions work the same; losing the browser closes them as crashed.
/// </summary>
public sealed class RemoteBrowserTests(BrowserFixture fixture)
{
    private static (string, string?)[] ReadUser(LocalSite site) =>
        [("navigate", $$"""{"url": "{{site.Url("/dashboard")}}"}"""), ("extract_text", """{"selector": "#user"}""")];

    [Fact]
    public async Task PlaywrightServer_HoldsTheSessions_AndItsLossClosesThemAsCrashed()
    {
        await using var server = await PlaywrightBrowserServer.StartAsync();
        var options = new SessionMcpOptions
        {
            StepTimeoutMs = 10_000,
            WarmContexts = 0,
            RemoteBrowser = { Url = server.Url, Headers = { ["x-playwright-launch-options"] = PlaywrightBrowserServer.LaunchOptions() } },
        };
        await using var provider = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await using var harness = new CoreHarness(provider, options, TimeProvider.System);

        var session = await harness.CreateSessionAsync();
        var login = await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));
        var user = await harness.RunAsync(session, ReadUser(fixture.Site));

        Assert.True(login.Status == RunStatus.Completed, login.FailureReason);
        Assert.Equal(LocalSite.Email, user.Output!.GetValue<string>());
        Assert.NotEmpty(ChromiumProcesses.Under(server.ProcessId));

        server.Kill();
        var deadline = Stopwatch.StartNew();
        while (session.Status == BrowserSessionStatus.Running && deadline.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(CloseReason.Crashed, session.CloseReason);
        var error = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync());
        Assert.Contains($"the remote browser at {server.Url.TrimEnd('/')} (SessionMcp:RemoteBrowser:Url, protocol Playwright) could not be reached", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DevToolsEndpoint_HoldsTheSessions()
    {
        var port = LoopbackPort.Free();
        var chromium = new BrowserLocator(new SessionMcpOptions()).Resolve(BrowserKind.Chromium).ExecutablePath!;
        var profile = Directory.CreateTempSubdirectory("sessionmcp-remote-cdp-");
        var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in LaunchArgs.For([$"--remote-debugging-port={port}", "--remote-debugging-address=127.0.0.1", "--headless", $"--user-data-dir={profile.FullName}", "about:blank"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var browser = Process.Start(start)!;
        browser.BeginErrorReadLine();
        browser.BeginOutputReadLine();
        try
        {
            var options = new SessionMcpOptions { StepTimeoutMs = 10_000, WarmContexts = 1, RemoteBrowser = { Url = $"http://127.0.0.1:{port}", Protocol = RemoteBrowserProtocol.Cdp } };
            await using var provider = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
            await using var harness = new CoreHarness(provider, options, TimeProvider.System);
            await WaitForDevToolsAsync(port);

            var session = await harness.CreateSessionAsync();
            var login = await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));
            var user = await harness.RunAsync(session, ReadUser(fixture.Site));

            Assert.True(login.Status == RunStatus.Completed, login.FailureReason);
            Assert.Equal(LocalSite.Email, user.Output!.GetValue<string>());
            Assert.Contains(browser.Id, ChromiumProcesses.OfDevToolsEndpoint($"http://127.0.0.1:{port}"));
        }
        finally
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync(TestContext.Current.CancellationToken);
            profile.Delete(recursive: true);
        }
    }

    [Fact]
    public void RemoteBrowser_WithTheEgressGuard_IsRefusedAtStart_WithTheFix()
    {
        var options = new SessionMcpOptions { RemoteBrowser = { Url = "ws://127.0.0.1:1/" }, Navigation = { GuardAllRequests = true } };

        var error = Assert.Throws<InvalidOperationException>(() => new BrowserProvider(options, NullLogger<BrowserProvider>.Instance));

        Assert.Contains("GuardAllRequests=false", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableRemote_IsNamed_WithoutItsToken()
    {
        var options = new SessionMcpOptions { WarmContexts = 0, BrowserLaunchTimeoutMs = 3_000, RemoteBrowser = { Url = $"ws://127.0.0.1:{LoopbackPort.Free()}/playwright?token=secret-token-123" } };
        await using var provider = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await using var harness = new CoreHarness(provider, options, TimeProvider.System);

        var error = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync());

        Assert.Contains("SessionMcp:RemoteBrowser:Url", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-token-123", error.Message, StringComparison.Ordinal);
    }

    private static async Task WaitForDevToolsAsync(int port)
    {
        using var http = new HttpClient();
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await http.GetStringAsync($"http://127.0.0.1:{port}/json/version");
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(100);
            }
        }
    }
}
