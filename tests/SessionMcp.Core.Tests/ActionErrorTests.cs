using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>Steps that cannot act say why, early: a click on a covered element names what covers it, a value in the wrong form names the form.</summary>
public sealed class ActionErrorTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Click_OnACoveredElement_FailsNamingWhatCoversIt()
    {
        // A step timeout far beyond the cover check's: only the early failure names the cover.
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 60_000);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/covered") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#buy"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("selector '#buy' is covered by <div#cookie-banner.overlay.modal> \"We use cookies\", which would receive the click", run.Steps[0].Error, StringComparison.Ordinal);
        await AssertNotBoughtAsync(harness, session);
    }

    [Fact]
    public async Task Click_OnACoveredElement_OfAPageThatSaysNothingCoversIt_StillDoesNotReachIt()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 1_500);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/covered-lying") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#buy"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        await AssertNotBoughtAsync(harness, session);
    }

    [Theory]
    [InlineData("/covered?removeAfterMs=1000", "#buy", "bought")] // uncovered a second later: waits, then clicks
    [InlineData("/shadow-button", "#inside", "clicked")] // inside a shadow root, where only Playwright's CSS looks
    public async Task Click_OnAnElementThatCanBeClicked_ClicksIt(string page, string selector, string expected)
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url(page) });

        var run = await harness.RunAsync(session, ("click", $$"""{"selector": "{{selector}}"}"""), ("extract_text", """{"selector": "#out"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(expected, run.Output!.GetValue<string>());
    }

    private static async Task AssertNotBoughtAsync(CoreHarness harness, BrowserSession session)
    {
        var after = await harness.RunAsync(session, ("extract_text", """{"selector": "#out"}"""));
        Assert.Equal("", after.Output!.GetValue<string>());
    }

    [Theory]
    [InlineData("#when", "12/25/2024", "is an <input type=date>, which takes YYYY-MM-DD, such as 2024-12-25; got '12/25/2024'")]
    [InlineData("#at", "2pm", "is an <input type=time>, which takes HH:MM or HH:MM:SS in 24 hours")]
    [InlineData("#qty", "lots", "is an <input type=number>, which takes a number")]
    public async Task TypeText_InTheWrongForm_NamesTheFormExpected(string selector, string text, string expected)
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/inputs") });

        var run = await harness.RunAsync(session, ("type_text", $$"""{"selector": "{{selector}}", "text": "{{text}}"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains(expected, run.Steps[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypeText_InTheRightForm_SetsTheValue()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/inputs") });

        var run = await harness.RunAsync(session, ("type_text", """{"selector": "#when", "text": "2024-12-25"}"""), ("extract", """{"selector": "#when"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("2024-12-25", run.Output!["value"]!.GetValue<string>());
    }
}
