using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>A tab whose renderer dies does not leave a zombie session: the next step runs in a fresh tab, still logged in.</summary>
public sealed class PageCrashTests(BrowserFixture fixture)
{
    [Fact(Timeout = 120_000)]
    public async Task CrashedRenderer_IsReported_AndTheSessionGoesOnLoggedIn()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        var login = await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));
        Assert.True(login.Status == RunStatus.Completed, login.FailureReason);
        var crashed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var page = session.ActiveTab!.Page;
        page.Crash += (_, _) => crashed.TrySetResult();

        // What an out-of-memory page or a killed renderer does, asked of Chromium directly.
        var devTools = await session.ActiveTab.GetDevToolsAsync(session.Context);
        _ = devTools.SendAsync("Page.crash");
        await crashed.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var after = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url("/dashboard")}}"}"""), ("extract_text", """{"selector": "h1"}"""));

        Assert.Equal(BrowserSessionStatus.Running, session.Status);
        Assert.True(after.Status == RunStatus.Completed, after.FailureReason);
        Assert.Equal("Invoices", after.Output!.GetValue<string>());
        Assert.Contains(after.Steps.SelectMany(s => s.Events), e => e.Kind == BrowserSession.PageCrashed);
        Assert.True(page.IsClosed);
    }
}
