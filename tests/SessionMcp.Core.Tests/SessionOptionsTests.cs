using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>The remaining session options on real Chromium: proxy, user agents, stealth, extensions.</summary>
public sealed class SessionOptionsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Proxy_CarriesTheSessionsTraffic()
    {
        await using var proxy = await RecordingProxy.StartAsync();
        await using var harness = fixture.CreateHarness();
        // "<-loopback>" makes Chromium send even 127.0.0.1 through the proxy, which it would otherwise skip.
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { Proxy = new ProxySettings(proxy.Address.AbsoluteUri, Bypass: "<-loopback>") });

        var run = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url("/login")}}"}"""), ("extract_text", """{"selector": "h1"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("Log in", run.Output!.GetValue<string>());
        Assert.Contains(fixture.Site.Url("/login"), proxy.Carried);
    }

    [Fact]
    public async Task RandomUserAgent_LooksLikeDesktopChrome()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { UseRandomUserAgent = true, StartUrl = fixture.Site.Url("/") });

        var agent = await session.ActiveTab!.Page.EvaluateAsync<string>("navigator.userAgent");
        Assert.Matches(@"^Mozilla/5\.0 \(.+\) AppleWebKit/537\.36 \(KHTML, like Gecko\) Chrome/\d+\.0\.0\.0 Safari/537\.36$", agent);
        Assert.DoesNotContain("Headless", agent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisableAutomationDetection_HidesWebdriverAndHeadlessAgent()
    {
        await using var harness = fixture.CreateHarness();
        var plain = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/") });
        var stealthy = await harness.CreateSessionAsync(new BrowserSessionSettings { DisableAutomationDetection = true, StartUrl = fixture.Site.Url("/") });

        Assert.True(await plain.ActiveTab!.Page.EvaluateAsync<bool>("navigator.webdriver === true"));
        var page = stealthy.ActiveTab!.Page;
        Assert.True(await page.EvaluateAsync<bool>("navigator.webdriver === undefined"));
        Assert.DoesNotContain("Headless", await page.EvaluateAsync<string>("navigator.userAgent"), StringComparison.Ordinal);
        Assert.Equal("en-US", await page.EvaluateAsync<string>("navigator.languages[0]"));
        Assert.True(await page.EvaluateAsync<bool>("navigator.plugins.length > 0 && !!window.chrome"));
    }

    [Fact]
    public async Task AdBlocker_BlocksListedHosts_InTheBrowser()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { Extensions = ["ad-blocker"] });
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        session.ActiveTab!.Page.RequestFailed += (_, request) => failures.Enqueue($"{request.Url} {request.Failure}");

        var run = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url("/ads")}}"}"""), ("extract_text", """{"selector": "h1"}"""));

        Assert.Equal("Article", run.Output!.GetValue<string>());
        Assert.Contains(failures, f => f.StartsWith("http://ads.doubleclick.net/pixel.gif", StringComparison.Ordinal) && f.Contains("ERR_BLOCKED_BY_CLIENT", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("captcha-solver", "'captcha-solver' is not available locally")]
    [InlineData("popup-killer", "'popup-killer' is not an extension; the extensions are ad-blocker and captcha-solver.")]
    public async Task Extensions_RefuseWhatCannotBeHonoured(string extension, string expected)
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { Extensions = [extension] }));
        Assert.Equal("extensions", error.Argument);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Options_RefuseBadProxyAndConflictingUserAgents()
    {
        await using var harness = fixture.CreateHarness();
        Assert.Equal("proxy.server", (await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { Proxy = new ProxySettings("ftp://x") }))).Argument);
        Assert.Equal("use_random_user_agent", (await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { UserAgent = "a", UseRandomUserAgent = true }))).Argument);
    }
}
