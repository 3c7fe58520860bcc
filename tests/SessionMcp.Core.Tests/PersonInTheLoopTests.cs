using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>wait_for_human's limit on a fake clock: the run waits until the clock passes timeout_ms, not a moment before.</summary>
public sealed class WaitForHumanTimeoutTests(BrowserFixture fixture)
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task NoAnswer_FailsTheStep_OnlyOnceTheClockPassesTimeoutMs()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(o => o.WaitForHuman = true, clock);
        var session = await harness.CreateSessionAsync();
        var run = harness.RunAsync(new RunRequest
        {
            BrowserSessionId = session.Id,
            Commands = CoreHarness.Commands(("wait_for_human", """{"message": "Approve?", "timeout_ms": 3600000}""")),
            TimeoutSeconds = 86_400,
        });
        while (session.WaitingForHuman is null)
        {
            await Task.Delay(20, TestContext.Current.CancellationToken);
        }

        Assert.Equal("Approve?", session.WaitingForHuman.Message);
        clock.Advance(TimeSpan.FromMinutes(59));
        await Task.Delay(200, TestContext.Current.CancellationToken);
        Assert.False(run.IsCompleted);
        Assert.NotNull(session.WaitingForHuman);

        clock.Advance(TimeSpan.FromMinutes(1));
        var result = await run.WaitAsync(Bound, TestContext.Current.CancellationToken);

        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains("no one answered 'Approve?' in the live view within 3600000 ms", result.FailureReason, StringComparison.Ordinal);
        Assert.Null(session.WaitingForHuman);
        Assert.False(session.AnswerHuman(new Sessions.HumanAnswer(true, null)));
    }
}

/// <summary>A person's control lapses on the clock, not on a closed tab's goodwill.</summary>
public sealed class LiveControlTests
{
    [Fact]
    public void Control_LastsWhileThePersonActs_AndLapsesAfterTheIdleLimit()
    {
        var start = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
        var control = new Sessions.LiveControl();
        Assert.Null(control.HeldSince(start));
        Assert.False(control.Touch(start));

        control.Take(start);
        var almost = start + Sessions.LiveControl.IdleLimit - TimeSpan.FromSeconds(1);
        Assert.Equal(start, control.HeldSince(almost));
        Assert.True(control.Touch(almost));
        Assert.Equal(start, control.HeldSince(almost + Sessions.LiveControl.IdleLimit - TimeSpan.FromSeconds(1)));

        Assert.Null(control.HeldSince(almost + Sessions.LiveControl.IdleLimit));
        Assert.False(control.Touch(almost + Sessions.LiveControl.IdleLimit));

        control.Take(start);
        control.Release();
        Assert.Null(control.HeldSince(start));
    }
}

/// <summary>A trace is written when its session closes, and goes with the session unless the server keeps traces.</summary>
public sealed class SessionTraceTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trace_IsWrittenAtClose_AndDeletedWhenItsSessionLeavesMemory_UnlessKept(bool keep)
    {
        await using var harness = fixture.CreateHarness(o =>
        {
            o.ClosedRetention = 1;
            o.KeepTraces = keep;
        });
        var first = await harness.CreateSessionAsync(new Sessions.BrowserSessionSettings { Record = true, StartUrl = fixture.Site.Url("/login") });
        Assert.Null(first.TracePath);
        await harness.Pool.CloseAsync(first, Sessions.CloseReason.Closed);
        var written = first.TracePath;
        Assert.NotNull(written);
        Assert.True(new FileInfo(written).Length > 1_000);

        var second = await harness.CreateSessionAsync(new Sessions.BrowserSessionSettings { Record = true });
        await harness.Pool.CloseAsync(second, Sessions.CloseReason.Closed);

        Assert.Equal(keep, File.Exists(written));
        Assert.NotNull(second.TracePath);
    }
}
