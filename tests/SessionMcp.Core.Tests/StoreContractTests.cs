using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Storage.Postgres;
using SessionMcp.Core.Storage.Sqlite;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// What every store promises, run on each provider: SQLite in a data folder, and PostgreSQL started by the test on
/// loopback. Owner scoping, round trips of nested results, newest-first listings, enums kept by name.
/// </summary>
public abstract class StoreContractTests
{
    protected static readonly DateTimeOffset Started = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    protected sealed record Stores(IProfileStore Profiles, ISessionHistory History, IRunArchive Runs, Func<string, Task<string>> RawRun);

    /// <summary>The three stores of one server life on a database the test class owns; <paramref name="options"/> names the host and data folder.</summary>
    protected abstract Task<Stores> OpenAsync(SessionMcpOptions options, ServerInstance instance, TimeProvider time);

    protected static SessionMcpOptions NewOptions(string host = "host-a") => new()
    {
        DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")),
        Storage = { HostName = host },
    };

    [Fact]
    public async Task Profiles_RoundTrip_ScopedToTheirOwner()
    {
        var token = TestContext.Current.CancellationToken;
        var options = NewOptions();
        using var instance = ServerInstance.Claim(options);
        var stores = await OpenAsync(options, instance, TimeProvider.System);
        var first = new BrowserProfile("bp_one", "alice", "invoices", Started, "pbs_a", """{"cookies":[],"origins":[]}""");
        var second = new BrowserProfile("bp_two", "alice", "mail", Started.AddMinutes(1), null, """{"cookies":[{"name":"sid"}],"origins":[]}""");
        await stores.Profiles.SaveAsync(second, token);
        await stores.Profiles.SaveAsync(first, token);
        await stores.Profiles.SaveAsync(first with { BrowserProfileId = "bp_bob", Owner = "bob" }, token);

        Assert.Equal(first, await stores.Profiles.GetAsync("bp_one", "alice", token));
        Assert.Null(await stores.Profiles.GetAsync("bp_one", "bob", token));
        Assert.Equal([first, second], await stores.Profiles.ListAsync("alice", token));
        Assert.False(await stores.Profiles.DeleteAsync("bp_one", "bob", token));
        Assert.True(await stores.Profiles.DeleteAsync("bp_one", "alice", token));
        Assert.Equal([second], await stores.Profiles.ListAsync("alice", token));
    }

    [Fact]
    public async Task History_KeepsTheLatestState_AndListsClosedNewestFirst_PerOwner()
    {
        var token = TestContext.Current.CancellationToken;
        var options = NewOptions();
        using var instance = ServerInstance.Claim(options);
        var stores = await OpenAsync(options, instance, TimeProvider.System);
        var open = Record("pbs_1", closedAt: null);
        await stores.History.SaveAsync(open, token);
        Assert.Equal(open, await stores.History.GetAsync("pbs_1", "alice", token));
        Assert.Empty(await stores.History.ListClosedAsync("alice", 10, token));

        var closed = open with { ClosedAt = Started.AddMinutes(3), CloseReason = CloseReason.Timeout, Url = "http://127.0.0.1/done" };
        await stores.History.SaveAsync(closed, token);
        await stores.History.SaveAsync(Record("pbs_2", Started.AddMinutes(9), CloseReason.Crashed), token);
        await stores.History.SaveAsync(Record("pbs_3", Started.AddMinutes(1), CloseReason.Closed), token);
        await stores.History.SaveAsync(Record("pbs_bob", Started.AddMinutes(2), CloseReason.Closed) with { Owner = "bob" }, token);

        Assert.Equal(closed, await stores.History.GetAsync("pbs_1", "alice", token));
        Assert.Null(await stores.History.GetAsync("pbs_1", "bob", token));
        Assert.Equal(["pbs_2", "pbs_1", "pbs_3"], (await stores.History.ListClosedAsync("alice", 10, token)).Select(r => r.BrowserSessionId));
        Assert.Equal(["pbs_2", "pbs_1"], (await stores.History.ListClosedAsync("alice", 2, token)).Select(r => r.BrowserSessionId));
        Assert.Equal(["pbs_bob"], (await stores.History.ListClosedAsync("bob", 10, token)).Select(r => r.BrowserSessionId));
    }

    [Fact]
    public async Task Runs_RoundTripNestedResults_WithStatusesKeptByName()
    {
        var token = TestContext.Current.CancellationToken;
        var options = NewOptions();
        using var instance = ServerInstance.Claim(options);
        var stores = await OpenAsync(options, instance, TimeProvider.System);
        var output = JsonNode.Parse("""{"rows":[{"name":"a","price":1.5,"tags":["x","y"]},{"name":"b","price":null,"tags":[]}],"total":2}""");
        var step = new StepRecord("extract", true, 12, null, output!.DeepClone(), [new SessionEvent("dialog", new Dictionary<string, string?> { ["message"] = "hi", ["answer"] = null })]);
        var run = new RunResult("run_1", "pbs_1", RunStatus.TimedOut, output, [step, step with { Command = "click", Ok = false, Error = "covered" }], "http://127.0.0.1/", "Home", "timed out", Started, Started.AddSeconds(4));
        await stores.Runs.SaveAsync("alice", run, token);

        var read = await stores.Runs.GetAsync("run_1", "alice", token);
        Assert.NotNull(read);
        Assert.True(JsonNode.DeepEquals(output, read.Output));
        Assert.True(JsonNode.DeepEquals(output, read.Steps[0].Result));
        Assert.Equal(run with { Output = null, Steps = [] }, read with { Output = null, Steps = [] });
        Assert.Equal(["extract", "click"], read.Steps.Select(s => s.Command));
        Assert.Equal("covered", read.Steps[1].Error);
        Assert.Equal("hi", read.Steps[0].Events[0].Details["message"]);
        Assert.Null(await stores.Runs.GetAsync("run_1", "bob", token));

        var raw = await stores.RawRun("run_1");
        Assert.Contains("\"TimedOut\"", raw, StringComparison.Ordinal);
        Assert.DoesNotContain("\"Status\":4", raw.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_ClosesWhatThisHostsEarlierLifeLeftOpen_AndNothingElse()
    {
        var token = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(Started);
        var options = NewOptions();
        var earlierLife = ServerInstance.Claim(options);
        var before = await OpenAsync(options, earlierLife, clock);
        await before.History.SaveAsync(Record("pbs_left_open", closedAt: null), token);
        await before.History.SaveAsync(Record("pbs_closed", Started.AddMinutes(2), CloseReason.Closed), token);

        // A second server on the same data folder, alive, keeps its own open session.
        using var neighbour = ServerInstance.Claim(options);
        await (await OpenAsync(options, neighbour, clock)).History.SaveAsync(Record("pbs_neighbour", closedAt: null), token);

        // The first server is killed; its next life starts an hour later.
        earlierLife.Dispose();
        clock.Advance(TimeSpan.FromHours(1));
        using var nextLife = ServerInstance.Claim(options);
        var after = await OpenAsync(options, nextLife, clock);
        Assert.Equal(1, await after.History.RecoverAsync());
        Assert.Equal(1, await after.History.RecoverAsync());

        var recovered = await after.History.GetAsync("pbs_left_open", "alice", token);
        Assert.Equal(CloseReason.Shutdown, recovered!.CloseReason);
        Assert.Equal(Started.AddHours(1), recovered.ClosedAt);
        Assert.Equal(CloseReason.Closed, (await after.History.GetAsync("pbs_closed", "alice", token))!.CloseReason);
        Assert.Null((await after.History.GetAsync("pbs_neighbour", "alice", token))!.ClosedAt);
    }

    protected static SessionRecord Record(string id, DateTimeOffset? closedAt, CloseReason? reason = null) => new(
        id, "alice", "invoices", BrowserKind.Chromium, 60, true, 1280, 720, null, "http://127.0.0.1/dashboard", "Dashboard",
        Started, Started, Started.AddHours(1), closedAt, reason, null);
}

public sealed class SqliteStoreContractTests : StoreContractTests
{
    protected override Task<Stores> OpenAsync(SessionMcpOptions options, ServerInstance instance, TimeProvider time)
    {
        var database = new SqliteDatabase(options);
        return Task.FromResult(new Stores(
            new SqliteProfileStore(database),
            new SqliteSessionHistory(database, options, instance, time),
            new SqliteRunArchive(database),
            id => database.UseAsync(
                async connection =>
                {
                    await using var command = connection.CreateCommand();
                    command.CommandText = "SELECT result FROM runs WHERE id = $id;";
                    command.Parameters.AddWithValue("$id", id);
                    return (string)(await command.ExecuteScalarAsync())!;
                },
                CancellationToken.None)));
    }
}

public sealed class PostgresStoreContractTests(PostgresFixture postgres) : StoreContractTests, IClassFixture<PostgresFixture>
{
    private readonly Lazy<Task<string>> _database = new(() => postgres.Server.CreateDatabaseAsync());

    protected override async Task<Stores> OpenAsync(SessionMcpOptions options, ServerInstance instance, TimeProvider time)
    {
        options.Storage.Provider = StorageProvider.Postgres;
        options.Storage.ConnectionString = await _database.Value;
        var database = new PostgresDatabase(options.Storage);
        return new Stores(
            new PostgresProfileStore(database),
            new PostgresSessionHistory(database, options, instance, time),
            new PostgresRunArchive(database),
            async id =>
            {
                await using var connection = new Npgsql.NpgsqlConnection(options.Storage.ConnectionString);
                await connection.OpenAsync();
                await using var command = new Npgsql.NpgsqlCommand("SELECT result::text FROM sessionmcp_runs WHERE id = @id;", connection);
                command.Parameters.AddWithValue("id", id);
                return (string)(await command.ExecuteScalarAsync())!;
            });
    }

    [Fact]
    public async Task Recovery_LeavesOtherHostsOpenSessionsAlone()
    {
        var token = TestContext.Current.CancellationToken;
        var clock = new FakeTimeProvider(Started);

        // Host B, on another machine (its own data folder), holds a session; host A's earlier life left one open.
        var hostB = NewOptions("host-b");
        using var hostBInstance = ServerInstance.Claim(hostB);
        await (await OpenAsync(hostB, hostBInstance, clock)).History.SaveAsync(Record("pbs_on_b", closedAt: null), token);
        var hostA = NewOptions("host-a");
        var hostAEarlier = ServerInstance.Claim(hostA);
        await (await OpenAsync(hostA, hostAEarlier, clock)).History.SaveAsync(Record("pbs_on_a", closedAt: null), token);
        hostAEarlier.Dispose();

        using var hostANext = ServerInstance.Claim(hostA);
        var restarted = await OpenAsync(hostA, hostANext, clock);
        Assert.Equal(1, await restarted.History.RecoverAsync());
        Assert.Equal(CloseReason.Shutdown, (await restarted.History.GetAsync("pbs_on_a", "alice", token))!.CloseReason);
        Assert.Null((await restarted.History.GetAsync("pbs_on_b", "alice", token))!.ClosedAt);
    }

    [Fact]
    public async Task Migrations_RunOnce_WhenHostsStartTogether()
    {
        var connectionString = await _database.Value;
        var hosts = Enumerable.Range(0, 4).Select(_ => new PostgresDatabase(new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = connectionString })).ToList();

        await Task.WhenAll(hosts.Select(h => h.UseAsync(_ => Task.FromResult(0), CancellationToken.None)));

        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM sessionmcp_schema;", connection);
        Assert.Equal(1L, await count.ExecuteScalarAsync(TestContext.Current.CancellationToken));
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    [Fact]
    public async Task UnreachableDatabase_IsAStoreError_ThatNamesTheSetting_AndKeepsThePasswordOut()
    {
        var options = NewOptions();
        options.Storage.Provider = StorageProvider.Postgres;
        options.Storage.ConnectionString = $"Host=127.0.0.1;Port={LoopbackPort.Free()};Username=sessionmcp;Password=hunter2;Timeout=2";
        await using var database = new PostgresDatabase(options.Storage);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => new PostgresProfileStore(database).ListAsync("alice", TestContext.Current.CancellationToken));

        Assert.Contains("cannot be reached; nothing was saved", error.Message, StringComparison.Ordinal);
        Assert.Contains("SessionMcp:Storage:ConnectionString", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADatabaseMissingAtFirst_IsUsedOnceItExists_WithoutARestart()
    {
        var token = TestContext.Current.CancellationToken;
        var name = "late_" + Guid.NewGuid().ToString("N")[..12];
        var options = NewOptions();
        options.Storage.Provider = StorageProvider.Postgres;
        options.Storage.ConnectionString = postgres.Server.ConnectionString(name);
        await using var database = new PostgresDatabase(options.Storage);
        using var instance = ServerInstance.Claim(options);
        var history = new PostgresSessionHistory(database, options, instance, TimeProvider.System);

        // Its first use fails (migration and start-up recovery with it); the database appears; the next use works.
        await Assert.ThrowsAsync<StoreUnavailableException>(() => history.SaveAsync(Record("pbs_late", closedAt: null), token));
        await postgres.Server.CreateDatabaseAsync(name);
        await history.SaveAsync(Record("pbs_late", closedAt: null), token);

        Assert.Equal(0, await history.RecoverAsync());
        Assert.Equal(Record("pbs_late", closedAt: null), await history.GetAsync("pbs_late", "alice", token));
    }

    [Fact]
    public async Task WrongDatabaseName_IsNamed_WithTheFix()
    {
        var options = NewOptions();
        options.Storage.Provider = StorageProvider.Postgres;
        options.Storage.ConnectionString = postgres.Server.ConnectionString("no_such_database");
        await using var database = new PostgresDatabase(options.Storage);

        var error = await Assert.ThrowsAsync<StoreUnavailableException>(() => new PostgresRunArchive(database).GetAsync("run_x", "alice", TestContext.Current.CancellationToken));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }
}
