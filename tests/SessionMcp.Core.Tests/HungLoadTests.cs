using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>A load that never finishes fails its step once; the steps after it do not wait for it again.</summary>
public sealed class HungLoadTests(BrowserFixture fixture)
{
    [Fact]
    public async Task StepAfterAHungLoad_ActsOnThePageAsItIs()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 2_000);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
        var key = Guid.NewGuid().ToString("N");

        var hung = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url($"/hold?key={key}&ms=60000")}}"}"""));
        var next = await harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));

        Assert.Equal(RunStatus.Failed, hung.Status);
        Assert.Contains("its load was stopped (the tab shows " + fixture.Site.Url("/login"), hung.FailureReason, StringComparison.Ordinal);

        // Before, the pending load held this step until the stuck-page cut-off closed the tab.
        Assert.True(next.Status == RunStatus.Completed, next.FailureReason);
        Assert.Equal("Log in", next.Output!.GetValue<string>());
    }
}
