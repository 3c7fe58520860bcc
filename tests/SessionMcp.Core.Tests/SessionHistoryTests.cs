using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;

namespace SessionMcp.Core.Tests;

/// <summary>The sessions table: what a later run of the server reads back, and how it ends sessions left open.</summary>
public sealed class SessionHistoryTests
{
    private static readonly DateTimeOffset Started = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SessionsLeftOpen_AreClosedAsShutdown_AtTheNextStart_OnlyOnce_AndOnlyForTheirOwner()
    {
        var options = new SessionMcpOptions { DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        var clock = new FakeTimeProvider(Started);
        var firstServer = ServerInstance.Claim(options);
        var first = new SessionHistory(new SqliteDatabase(options), options, firstServer, clock);
        var open = Record("pbs_open", closedAt: null);
        var closed = Record("pbs_closed", closedAt: Started.AddMinutes(5), CloseReason.Timeout);
        await first.SaveAsync(open, TestContext.Current.CancellationToken);
        await first.SaveAsync(closed, TestContext.Current.CancellationToken);

        // The server dies here without closing pbs_open (its lock goes with it); a new one starts an hour later on the same folder.
        firstServer.Dispose();
        clock.Advance(TimeSpan.FromHours(1));
        var next = new SessionHistory(new SqliteDatabase(options), options, ServerInstance.Claim(options), clock);
        Assert.Equal(1, await next.RecoverAsync());
        Assert.Equal(1, await next.RecoverAsync());

        var recovered = await next.GetAsync("pbs_open", "alice", TestContext.Current.CancellationToken);
        Assert.Equal(open with { ClosedAt = Started.AddHours(1), CloseReason = CloseReason.Shutdown }, recovered);
        Assert.Equal(closed, await next.GetAsync("pbs_closed", "alice", TestContext.Current.CancellationToken));
        Assert.Null(await next.GetAsync("pbs_open", "bob", TestContext.Current.CancellationToken));
        Assert.Equal(["pbs_open", "pbs_closed"], (await next.ListClosedAsync("alice", 10, TestContext.Current.CancellationToken)).Select(r => r.BrowserSessionId));
        Assert.Empty(await next.ListClosedAsync("bob", 10, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task SecondServerOnTheSameFolder_LeavesTheFirstServersOpenSessionsAlone_UntilThatServerEnds()
    {
        var options = new SessionMcpOptions { DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        var clock = new FakeTimeProvider(Started);
        using var desktop = ServerInstance.Claim(options);
        var desktopHistory = new SessionHistory(new SqliteDatabase(options), options, desktop, clock);
        await desktopHistory.SaveAsync(Record("pbs_desktop", closedAt: null), TestContext.Current.CancellationToken);

        // A second client starts its own server on the default folder while the first one works.
        using var ide = ServerInstance.Claim(options);
        var ideHistory = new SessionHistory(new SqliteDatabase(options), options, ide, clock);
        Assert.Equal(0, await ideHistory.RecoverAsync());
        Assert.Null((await ideHistory.GetAsync("pbs_desktop", "alice", TestContext.Current.CancellationToken))!.ClosedAt);
        Assert.Empty(await ideHistory.ListClosedAsync("alice", 10, TestContext.Current.CancellationToken));

        // The first server is killed; the next start on the folder closes what it left open.
        desktop.Dispose();
        var later = new SessionHistory(new SqliteDatabase(options), options, ServerInstance.Claim(options), clock);
        Assert.Equal(1, await later.RecoverAsync());
        Assert.Equal(CloseReason.Shutdown, (await later.GetAsync("pbs_desktop", "alice", TestContext.Current.CancellationToken))!.CloseReason);
    }

    private static SessionRecord Record(string id, DateTimeOffset? closedAt, CloseReason? reason = null) => new(
        id, "alice", "invoices", BrowserKind.Chromium, 60, true, 1280, 720, null, "http://127.0.0.1/dashboard", "Dashboard",
        Started, Started, Started.AddHours(1), closedAt, reason, null);
}
