using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>Session timeouts on a fake clock: nothing here waits for real minutes.</summary>
public sealed class SessionExpiryTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task CloseExpiredAsync_ClosesOnlySessionsPastTheirTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(time: clock);
        var short5 = await harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = 5 });
        var long10 = await harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = 10 });

        clock.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        Assert.Equal(0, await harness.Pool.CloseExpiredAsync());

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await harness.Pool.CloseExpiredAsync());
        Assert.Equal(CloseReason.Timeout, short5.CloseReason);
        Assert.Equal(clock.GetUtcNow(), short5.ClosedAt);
        Assert.Equal(BrowserSessionStatus.Running, long10.Status);
    }

    [Fact]
    public async Task ExpiryService_ClosesSession_WhenClockPassesTimeout()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(time: clock);
        using var service = new SessionExpiryService(harness.Pool, harness.Options, clock, NullLogger<SessionExpiryService>.Instance);
        await service.StartAsync(TestContext.Current.CancellationToken);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = 5 });

        clock.Advance(TimeSpan.FromMinutes(5) + harness.Options.ExpiryCheckInterval);
        await session.Closed.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(CloseReason.Timeout, session.CloseReason);
        await service.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Expiry_ClosesSession_EvenMidTask_AndItsRunsTimeOut_TheRunningOneAndAPendingOne()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 60_000, clock);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { TimeoutMinutes = 5 });
        var key = Guid.NewGuid().ToString("N");

        var run = harness.RunAsync(new RunRequest
        {
            BrowserSessionId = session.Id,
            Commands = CoreHarness.Commands(("navigate", $$"""{"url": "{{fixture.Site.Url($"/hold?key={key}")}}"}""")),
            TimeoutSeconds = 3600,
        });
        await fixture.Site.WaitForArrivalAsync(key).WaitAsync(Bound, TestContext.Current.CancellationToken);
        var pending = harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));

        clock.Advance(TimeSpan.FromMinutes(5));
        await harness.Pool.CloseExpiredAsync();
        var result = await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
        var queued = await pending.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.TimedOut, queued.Status);
        Assert.Contains("reached its timeout", queued.FailureReason, StringComparison.Ordinal);
        Assert.Equal(RunStatus.TimedOut, result.Status);
        Assert.Contains("the browser session reached its timeout (5 minutes) during the run", result.Steps[0].Error, StringComparison.Ordinal);
        Assert.Equal(CloseReason.Timeout, session.CloseReason);
    }

    [Fact]
    public async Task Run_TimesOut_OnFakeClock_WithoutWaitingForReal()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(time: clock);
        var session = await harness.CreateSessionAsync();

        var run = harness.RunAsync(new RunRequest
        {
            BrowserSessionId = session.Id,
            Commands = CoreHarness.Commands(("wait", """{"ms": 120000}""")),
            TimeoutSeconds = 60,
        });
        // The runner takes the session's lock before its first step: wait for that hand-off (bounded), not for time.
        var handOff = System.Diagnostics.Stopwatch.StartNew();
        while (session.RunLock.CurrentCount != 0 && !run.IsCompleted && handOff.Elapsed < Bound)
        {
            await Task.Yield();
        }

        clock.Advance(TimeSpan.FromSeconds(60));
        var result = await run.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.TimedOut, result.Status);
        Assert.Equal(BrowserSessionStatus.Running, session.Status);
    }
}
