using SessionMcp.Core.Errors;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>stream_frame answers by its deadline even when the page is stuck in a script, and the session recovers.</summary>
public sealed class StuckPageFrameTests(BrowserFixture fixture)
{
    [Theory(Timeout = 120_000)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Frame_OfAPageStuckInAScript_FailsByTheStepTimeout_ThenTheRecoveredPageIsCaptured(bool paintedFirst)
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 2_000);
        var session = await harness.CreateSessionAsync();
        var key = Guid.NewGuid().ToString("N");
        var request = new FrameRequest("jpeg", null, null, null, false);
        // Opened behind the runner's back, which would cut a stuck page off itself.
        await session.ActiveTab!.Page.GotoAsync(fixture.Site.Url($"/hang-once?key={key}&painted={paintedFirst}"), new() { WaitUntil = Microsoft.Playwright.WaitUntilState.Commit });
        await fixture.Site.WaitForArrivalAsync(key).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<PageNotRespondingException>(() => harness.Frames.CaptureAsync(session, request, TestContext.Current.CancellationToken))
            .WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.StartsWith("stream_frame: the page ", error.Message, StringComparison.Ordinal);
        if (paintedFirst)
        {
            // A page with a frame on screen makes the capture wait for a new one that never comes: the deadline speaks.
            Assert.Contains("did not answer within 2000 ms", error.Message, StringComparison.Ordinal);
        }

        // A run cuts the stuck page off and opens it again; then it can be seen.
        await harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));
        var frame = await harness.Frames.CaptureAsync(session, request, TestContext.Current.CancellationToken);
        Assert.Contains("/hang-once", frame.Url, StringComparison.Ordinal);
        Assert.True(frame.Data.Length > 1_000);
    }
}
