using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Storage.Sqlite;

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
        var first = new SqliteSessionHistory(new SqliteDatabase(options), options, firstServer, clock);
        var open = Record("pbs_open", closedAt: null);
        var closed = Record("pbs_closed", closedAt: Started.AddMinutes(5), CloseReason.Timeout);
        await first.SaveAsync(open, TestContext.Current.CancellationToken);
        await first.SaveAsync(closed, TestContext.Current.CancellationToken);

        // The server dies here without closing pbs_open (its lock goes with it); a new one starts an hour later on the same folder.
        firstServer.Dispose();
        clock.Advance(TimeSpan.FromHours(1));
        var next = new SqliteSessionHistory(new SqliteDatabase(options), options, ServerInstance.Claim(options), clock);
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
        var desktopHistory = new SqliteSessionHistory(new SqliteDatabase(options), options, desktop, clock);
        await desktopHistory.SaveAsync(Record("pbs_desktop", closedAt: null), TestContext.Current.CancellationToken);

        // A second client starts its own server on the default folder while the first one works.
        using var ide = ServerInstance.Claim(options);
        var ideHistory = new SqliteSessionHistory(new SqliteDatabase(options), options, ide, clock);
        Assert.Equal(0, await ideHistory.RecoverAsync());
        Assert.Null((await ideHistory.GetAsync("pbs_desktop", "alice", TestContext.Current.CancellationToken))!.ClosedAt);
        Assert.Empty(await ideHistory.ListClosedAsync("alice", 10, TestContext.Current.CancellationToken));

        // The first server is killed; the next start on the folder closes what it left open.
        desktop.Dispose();
        var later = new SqliteSessionHistory(new SqliteDatabase(options), options, ServerInstance.Claim(options), clock);
        Assert.Equal(1, await later.RecoverAsync());
        Assert.Equal(CloseReason.Shutdown, (await later.GetAsync("pbs_desktop", "alice", TestContext.Current.CancellationToken))!.CloseReason);
    }

    [Fact]
    public async Task RowsOfEarlierVersions_WithEnumsAsNumbers_AreRewrittenByName_AndReadTheSame()
    {
        var token = TestContext.Current.CancellationToken;
        var options = new SessionMcpOptions { DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        var record = Record("pbs_old", Started.AddMinutes(5), CloseReason.Crashed);
        var run = new Tasks.RunResult("run_old", "pbs_old", Tasks.RunStatus.Failed, null, [], null, null, "boom", Started, Started.AddSeconds(2));

        // As 0.8 wrote them: reflection-based System.Text.Json, enums as numbers, at schema version 4.
        await new SqliteDatabase(options).UseAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = """
                    INSERT INTO sessions (id, owner, created_at, closed_at, record, instance) VALUES ('pbs_old', 'alice', '', '', $record, NULL);
                    INSERT INTO runs (id, owner, browser_session_id, status, finished_at, result) VALUES ('run_old', 'alice', 'pbs_old', 'Failed', '', $run);
                    PRAGMA user_version = 4;
                    """;
                command.Parameters.AddWithValue("$record", System.Text.Json.JsonSerializer.Serialize(record));
                command.Parameters.AddWithValue("$run", System.Text.Json.JsonSerializer.Serialize(run));
                return await command.ExecuteNonQueryAsync(token);
            },
            token);

        var reopened = new SqliteDatabase(options);
        var rows = await reopened.UseAsync(
            async connection =>
            {
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT (SELECT record FROM sessions), (SELECT result FROM runs);";
                await using var reader = await command.ExecuteReaderAsync(token);
                await reader.ReadAsync(token);
                return (Session: reader.GetString(0), Run: reader.GetString(1));
            },
            token);

        Assert.Contains("\"CloseReason\":\"Crashed\"", rows.Session, StringComparison.Ordinal);
        Assert.Contains("\"BrowserType\":\"Chromium\"", rows.Session, StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Failed\"", rows.Run, StringComparison.Ordinal);
        using var instance = ServerInstance.Claim(options);
        Assert.Equal(record, await new SqliteSessionHistory(reopened, options, instance, TimeProvider.System).GetAsync("pbs_old", "alice", token));
        Assert.Equal(run, (await new SqliteRunArchive(reopened).GetAsync("run_old", "alice", token))! with { Steps = run.Steps });
    }

    private static SessionRecord Record(string id, DateTimeOffset? closedAt, CloseReason? reason = null) => new(
        id, "alice", "invoices", BrowserKind.Chromium, 60, true, 1280, 720, null, "http://127.0.0.1/dashboard", "Dashboard",
        Started, Started, Started.AddHours(1), closedAt, reason, null);
}
