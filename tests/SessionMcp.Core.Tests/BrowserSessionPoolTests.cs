using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

public sealed class BrowserSessionPoolTests(BrowserFixture fixture)
{
    [Fact]
    public async Task CreateAsync_ReturnsRunningSession_WithPrefixedIdAndExpiry()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = 30, Name = "mine" });

        Assert.StartsWith("pbs_", session.Id, StringComparison.Ordinal);
        Assert.Equal(BrowserSessionStatus.Running, session.Status);
        Assert.Equal("mine", session.Settings.Name);
        Assert.Equal(session.StartedAt!.Value.AddMinutes(30), session.ExpiresAt);
        Assert.Equal(1, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task CreateAsync_OpensStartUrl()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        Assert.Equal(fixture.Site.Url("/login"), session.Url);
        Assert.Equal("Log in", await session.GetTitleAsync());
    }

    [Fact]
    public async Task CreateAsync_RefusesStartUrl_WithFileScheme()
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() =>
            harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = "file:///etc/passwd" }));

        Assert.Contains("start_url", error.Message, StringComparison.Ordinal);
        Assert.Contains("file:", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task CreateAsync_ThatFailsOnItsStartUrl_LeavesNoSessionBehind()
    {
        await using var harness = fixture.CreateHarness();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var error = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
                harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = "http://127.0.0.1:1/" }));
            Assert.Contains("could not be opened", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal(0, harness.Pool.OpenCount);
        Assert.Empty(harness.Pool.List(CoreHarness.Owner, includeClosed: true));
        Assert.Empty(await harness.Pool.ListStoredClosedAsync(CoreHarness.Owner, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task CreateAsync_AppliesViewportAndUserAgent()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { ViewportWidth = 800, ViewportHeight = 600, UserAgent = "SessionMcpTest/1.0" });
        var result = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url("/")}}"}"""));
        Assert.Equal(Tasks.RunStatus.Completed, result.Status);

        var page = session.ActiveTab!.Page;
        Assert.Equal("SessionMcpTest/1.0", await page.EvaluateAsync<string>("navigator.userAgent"));
        Assert.Equal(800, await page.EvaluateAsync<int>("window.innerWidth"));
    }

    [Theory]
    [InlineData(4, "timeout")]
    [InlineData(1441, "timeout")]
    public async Task CreateAsync_RejectsTimeoutOutOfRange(int minutes, string argument)
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = minutes }));

        Assert.Equal(argument, error.Argument);
        Assert.Contains("between 5 and 1440", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAsync_FailsClearly_WhenCapReached()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxSessions = 2);
        await harness.CreateSessionAsync();
        await harness.CreateSessionAsync();

        var error = await Assert.ThrowsAsync<SessionLimitException>(() => harness.CreateSessionAsync());
        Assert.Contains("maximum of 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task CreateAsync_CapsEachIdentity_WithoutLimitingOthers()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxSessionsPerIdentity = 1);
        await harness.CreateSessionAsync(owner: "alice");

        var error = await Assert.ThrowsAsync<SessionLimitException>(() => harness.CreateSessionAsync(owner: "alice"));
        Assert.Contains("you already have 1 open browser sessions", error.Message, StringComparison.Ordinal);
        Assert.Equal(BrowserSessionStatus.Running, (await harness.CreateSessionAsync(owner: "bob")).Status);
    }

    [Fact]
    public async Task CreateAsync_FreesCapSlot_WhenSessionCloses()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxSessions = 1);
        var first = await harness.CreateSessionAsync();
        await harness.Pool.CloseAsync(first.Id, CoreHarness.Owner);

        var second = await harness.CreateSessionAsync();
        Assert.Equal(BrowserSessionStatus.Running, second.Status);
    }

    [Fact]
    public async Task CloseAsync_IsIdempotent_WhenAlreadyClosed()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();

        var closed = await harness.Pool.CloseAsync(session.Id, CoreHarness.Owner);
        var closedAt = closed.ClosedAt;
        var again = await harness.Pool.CloseAsync(session.Id, CoreHarness.Owner);

        Assert.Equal(BrowserSessionStatus.Closed, again.Status);
        Assert.Equal(CloseReason.Closed, again.CloseReason);
        Assert.Equal(closedAt, again.ClosedAt);
        Assert.Equal(0, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task Get_KeepsClosedSessionVisible_AndGetRunningExplains()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        await harness.Pool.CloseAsync(session.Id, CoreHarness.Owner);

        Assert.Equal(BrowserSessionStatus.Closed, harness.Pool.Get(session.Id, CoreHarness.Owner).Status);
        var error = await Assert.ThrowsAsync<BrowserSessionClosedException>(() => harness.Pool.GetRunningAsync(session.Id, CoreHarness.Owner, CancellationToken.None));
        Assert.Contains("closed (closed)", error.Message, StringComparison.Ordinal);
        Assert.Contains("create_browser_session", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_TreatsAnotherOwnersSession_AsNotFound()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(owner: "alice");

        Assert.Throws<BrowserSessionNotFoundException>(() => harness.Pool.Get(session.Id, "bob"));
        Assert.Empty(harness.Pool.List("bob", includeClosed: true));
        Assert.Single(harness.Pool.List("alice", includeClosed: false));
    }

    [Fact]
    public async Task Get_RejectsMalformedId()
    {
        await using var harness = fixture.CreateHarness();
        var error = Assert.Throws<InvalidArgumentException>(() => harness.Pool.Get("1234", CoreHarness.Owner));
        Assert.Equal("browser_session_id", error.Argument);
    }

    [Fact]
    public async Task List_IncludesClosed_OnlyWhenAsked()
    {
        await using var harness = fixture.CreateHarness();
        var open = await harness.CreateSessionAsync();
        var closed = await harness.CreateSessionAsync();
        await harness.Pool.CloseAsync(closed.Id, CoreHarness.Owner);

        Assert.Equal([open.Id], harness.Pool.List(CoreHarness.Owner, includeClosed: false).Select(s => s.Id));
        Assert.Equal(2, harness.Pool.List(CoreHarness.Owner, includeClosed: true).Count);
    }

    [Fact]
    public async Task Sessions_AreIsolated_CookiesAndStorageNotShared()
    {
        await using var harness = fixture.CreateHarness();
        var first = await harness.CreateSessionAsync();
        var second = await harness.CreateSessionAsync();

        var login = await harness.RunAsync(first, LoginSteps(fixture.Site));
        Assert.Equal(Tasks.RunStatus.Completed, login.Status);

        var other = await harness.RunAsync(second, ("navigate", $$"""{"url": "{{fixture.Site.Url("/dashboard")}}"}"""), ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Log in", other.Output!.GetValue<string>());
    }

    [Fact]
    public async Task DisposeAsync_ClosesEverySession_AsShutdown()
    {
        var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        var page = session.ActiveTab!.Page;
        await harness.DisposeAsync();

        Assert.Equal(CloseReason.Shutdown, session.CloseReason);
        Assert.True(page.IsClosed);
    }

    internal static (string, string?)[] LoginSteps(LocalSite site) =>
    [
        ("navigate", $$"""{"url": "{{site.Url("/login")}}"}"""),
        ("type_text", $$"""{"selector": "#email", "text": "{{LocalSite.Email}}"}"""),
        ("type_text", $$"""{"selector": "#password", "text": "{{LocalSite.Password}}"}"""),
        ("click", """{"selector": "button[type=submit]"}"""),
        ("wait_for_navigation", """{"url": "**/dashboard"}"""),
    ];
}
