using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>What a hostile page or a runaway client can pile up is bounded, named, and configurable.</summary>
public sealed class SessionLimitsTests(BrowserFixture fixture)
{
    [Fact]
    public async Task AlertLoop_RecordsAtMostTheEventLimit_AndCountsTheRest()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxEventsPerStep = 20);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/flood") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#alerts"}"""), ("wait_for_selector", """{"selector": "#done:has-text('done')"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        var events = run.Steps.SelectMany(s => s.Events).ToList();
        Assert.True(events.Count <= 2 * 21, $"{events.Count} events");
        var dropped = Assert.Single(events, e => e.Kind == SessionEvent.EventsDropped);
        Assert.Equal(200, events.Count(e => e.Kind == "dialog") + int.Parse(dropped.Details["dialog"]!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("SessionMcp:MaxEventsPerStep", dropped.Details["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task WindowOpenLoop_KeepsAtMostTheTabLimit_AndSaysSo()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxTabsPerSession = 5);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/flood") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#tabs"}"""), ("wait", """{"ms": 1000}"""), ("list_tabs", null));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(5, run.Output!.AsArray().Count);
        Assert.Equal(5, session.Tabs.Count);
        var refused = run.Steps.SelectMany(s => s.Events).Where(e => e.Kind == "tab_refused").ToList();
        Assert.NotEmpty(refused);
        Assert.Contains("SessionMcp:MaxTabsPerSession", refused[0].Details["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DownloadLoop_SavesAtMostTheDownloadLimit_AndCancelsTheRest()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxDownloadsPerSession = 2);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/download") });

        var run = await harness.RunAsync(session,
            ("click", """{"selector": "#get"}"""), ("click", """{"selector": "#get"}"""), ("click", """{"selector": "#get"}"""), ("click", """{"selector": "#get"}"""), ("wait", """{"ms": 500}"""));

        var events = run.Steps.SelectMany(s => s.Events).ToList();
        Assert.Equal(2, events.Count(e => e.Kind == "download"));
        var refused = events.Where(e => e.Kind == "download_refused").ToList();
        Assert.NotEmpty(refused);
        Assert.Contains("SessionMcp:MaxDownloadsPerSession", refused[0].Details["reason"], StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(session.Downloads.Folder).Length);
    }

    [Fact]
    public async Task EndlessDownload_IsCancelledAtTheByteLimit_AndNothingIsKept()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxDownloadBytesPerSession = 1024 * 1024);
        var key = Guid.NewGuid().ToString("N");
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url($"/endless-link?key={key}") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#get"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        var refused = Assert.Single(run.Steps.SelectMany(s => s.Events), e => e.Kind == "download_refused");
        Assert.Contains("SessionMcp:MaxDownloadBytesPerSession", refused.Details["reason"], StringComparison.Ordinal);
        await fixture.Site.WaitForArrivalAsync("gone:" + key).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Empty(Directory.Exists(session.Downloads.Folder) ? Directory.GetFiles(session.Downloads.Folder) : []);
        Assert.True(session.Downloads.Bytes == 0, $"{session.Downloads.Bytes} bytes still counted");
    }

    [Theory]
    [InlineData(600 * 1024, true)]
    [InlineData(2 * 1024 * 1024, false)]
    public async Task FinishedDownload_IsKeptUnderTheByteLimit_AndDeletedOverIt(int bytes, bool kept)
    {
        await using var harness = fixture.CreateHarness(o => o.MaxDownloadBytesPerSession = 1024 * 1024);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url($"/sized-link?bytes={bytes}") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#get"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        var events = run.Steps.SelectMany(s => s.Events).ToList();
        Assert.Equal(kept ? 1 : 0, events.Count(e => e.Kind == "download"));
        Assert.Equal(kept ? 0 : 1, events.Count(e => e.Kind == "download_refused"));
        var files = Directory.Exists(session.Downloads.Folder) ? Directory.GetFiles(session.Downloads.Folder) : [];
        Assert.Equal(kept ? [bytes] : [], files.Select(f => new FileInfo(f).Length));
    }

    [Fact]
    public async Task TooManyCommands_AreRefusedBeforeAnythingRuns()
    {
        await using var harness = fixture.CreateHarness(o => o.MaxCommands = 3);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.RunAsync(session,
            ("type_text", """{"selector": "#email", "text": "a"}"""), ("wait", """{"ms": 1}"""), ("wait", """{"ms": 1}"""), ("wait", """{"ms": 1}""")));

        Assert.Equal("commands", error.Argument);
        Assert.Contains("SessionMcp:MaxCommands", error.Message, StringComparison.Ordinal);
        var email = await harness.RunAsync(session, ("extract", """{"selector": "#email"}"""));
        Assert.Equal("", email.Output!["value"]!.GetValue<string>());
    }
}
