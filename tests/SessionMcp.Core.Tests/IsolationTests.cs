using System.Net.Http.Json;
using System.Text.Json;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>isolation: process gives a session its own Chromium and DevTools endpoint; cdp_url attaches to a running one.</summary>
public sealed class IsolationTests(BrowserFixture fixture)
{
    [Fact]
    public async Task ProcessIsolation_HasItsOwnEndpoint_ThatCdpUrlAttachesTo_AndClosesWithTheSession()
    {
        using var http = new HttpClient();
        await using var harness = fixture.CreateHarness();
        var own = await harness.CreateSessionAsync(new BrowserSessionSettings { Isolation = IsolationMode.Process, StartUrl = fixture.Site.Url("/login") });
        Assert.Matches(@"^http://127\.0\.0\.1:\d+$", own.BrowserAddress);
        var version = await http.GetFromJsonAsync<JsonElement>(own.BrowserAddress + "/json/version", TestContext.Current.CancellationToken);
        Assert.StartsWith("ws://127.0.0.1", version.GetProperty("webSocketDebuggerUrl").GetString(), StringComparison.Ordinal);

        // A second session attaches to that browser as another tool would: it acts in the browser's own context
        // and page (here, the first session's), and closing it leaves them open.
        var attached = await harness.CreateSessionAsync(new BrowserSessionSettings { CdpUrl = own.BrowserAddress });
        var run = await harness.RunAsync(attached, ("navigate", $$"""{"url": "{{fixture.Site.Url("/form")}}"}"""), ("extract_text", """{"selector": "#bottom"}"""));
        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(own.BrowserAddress, attached.BrowserAddress);
        await harness.Pool.CloseAsync(attached, CloseReason.Closed);
        Assert.Equal("Form", await own.GetTitleAsync());
        Assert.False(own.ActiveTab!.Page.IsClosed);
        using (var stillUp = await http.GetAsync(own.BrowserAddress + "/json/version", TestContext.Current.CancellationToken))
        {
            Assert.True(stillUp.IsSuccessStatusCode);
        }

        await harness.Pool.CloseAsync(own, CloseReason.Closed);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(own.BrowserAddress + "/json/version", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task ProcessIsolation_BrowserKilled_SessionCrashed_OthersUnharmed_NextWorks_AndNoProcessIsLeft()
    {
        await using var harness = fixture.CreateHarness();
        var pooled = await harness.CreateSessionAsync();
        var own = await harness.CreateSessionAsync(new BrowserSessionSettings { Isolation = IsolationMode.Process, StartUrl = fixture.Site.Url("/login") });
        var killed = ChromiumProcesses.OfDevToolsEndpoint(own.BrowserAddress!);
        Assert.True(killed.Count > 1, $"expected the browser and its helpers, found {killed.Count} process(es)");

        foreach (var pid in killed)
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            process.Kill();
        }

        await own.Closed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Equal(CloseReason.Crashed, own.CloseReason);
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(killed, TimeSpan.FromSeconds(10)));

        // The shared browser never noticed; a new process-isolated session starts, and leaves nothing behind when closed.
        var still = await harness.RunAsync(pooled, ("navigate", $$"""{"url": "{{fixture.Site.Url("/login")}}"}"""), ("extract_text", """{"selector": "h1"}"""));
        Assert.True(still.Status == RunStatus.Completed, still.FailureReason);
        var next = await harness.CreateSessionAsync(new BrowserSessionSettings { Isolation = IsolationMode.Process });
        var run = await harness.RunAsync(next, ("navigate", $$"""{"url": "{{fixture.Site.Url("/login")}}"}"""), ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Log in", run.Output?.GetValue<string>());
        var replacement = ChromiumProcesses.OfDevToolsEndpoint(next.BrowserAddress!);
        Assert.NotEmpty(replacement);
        await harness.Pool.CloseAsync(next, CloseReason.Closed);
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(replacement, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task CdpUrl_FailsClearly_WhenNothingListens()
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { CdpUrl = "http://127.0.0.1:9" }));

        Assert.Contains("cdp_url 'http://127.0.0.1:9' could not be attached to", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task CdpUrl_ObeysTheAddressRules()
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { CdpUrl = "http://169.254.169.254:9222" }));
        Assert.Equal("cdp_url", error.Argument);
        Assert.Contains("link-local", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://x", IsolationMode.Context, null, "cdp_url")]
    [InlineData("http://127.0.0.1:9222", IsolationMode.Process, null, "isolation")]
    [InlineData("http://127.0.0.1:9222", IsolationMode.Context, "bp_x", "browser_profile_id")]
    public async Task CdpUrl_RefusesConflictingOptions(string cdpUrl, IsolationMode isolation, string? profile, string argument)
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            harness.CreateSessionAsync(new BrowserSessionSettings { CdpUrl = cdpUrl, Isolation = isolation, BrowserProfileId = profile }));
        Assert.Equal(argument, error.Argument);
    }
}
