using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// Two hosts on one PostgreSQL database (started by the test on loopback), each with its own data folder and browser:
/// what one saves, the other reads, for the same API key's owner and no one else.
/// </summary>
public sealed class SharedStoreTests(PostgresFixture postgres) : IClassFixture<PostgresFixture>, IAsyncLifetime
{
    private const string AliceKey = "alice-key-0123456789";
    private const string BobKey = "bob-key-9876543210";

    private LocalSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await LocalSite.StartAsync();

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    private static Task<HttpServer> StartHostAsync(string name, string connectionString) => HttpServer.StartAsync(
        "--SessionMcp:Storage:Provider=Postgres",
        $"--SessionMcp:Storage:ConnectionString={connectionString}",
        $"--SessionMcp:Storage:HostName={name}",
        $"--SessionMcp:Http:ApiKeys:alice={AliceKey}",
        $"--SessionMcp:Http:ApiKeys:bob={BobKey}");

    [Fact]
    public async Task ProfileRunAndClosedSession_SavedOnOneHost_AreReadOnTheOther_ByTheirOwnerOnly()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var hostA = await StartHostAsync("host-a", database);
        await using var hostB = await StartHostAsync("host-b", database);
        await using var aliceOnA = await hostA.ConnectAsync(AliceKey);
        await using var aliceOnB = await hostB.ConnectAsync(AliceKey);
        await using var bobOnB = await hostB.ConnectAsync(BobKey);

        // On host A: log in, keep the login as a profile, finish a run, close the session.
        var session = (await aliceOnA.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") })).GetProperty("browser_session_id").GetString();
        var login = await aliceOnA.CallOkAsync("run_task", new() { ["browser_session_id"] = session, ["commands"] = LocalSite.LoginCommands });
        var runId = login.GetProperty("run_id").GetString();
        var profileId = (await aliceOnA.CallOkAsync("create_browser_profile", new() { ["browser_session_id"] = session, ["name"] = "invoices" })).GetProperty("browser_profile_id").GetString();
        await aliceOnA.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = session });

        // On host B, another browser: the profile logs a new session in, the run and the closed session are described.
        Assert.Contains((await aliceOnB.CallOkAsync("get_browser_profiles", new())).EnumerateArray(), p => p.GetProperty("browser_profile_id").GetString() == profileId);
        var resumed = await aliceOnB.CallOkAsync("create_browser_session", new() { ["browser_profile_id"] = profileId, ["start_url"] = _site.Url("/dashboard") });
        var user = await aliceOnB.CallOkAsync("run_task", new() { ["browser_session_id"] = resumed.GetProperty("browser_session_id").GetString(), ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "#user" } } } });
        Assert.Equal(LocalSite.Email, user.GetProperty("output").GetString());

        var run = await aliceOnB.CallOkAsync("get_run", new() { ["run_id"] = runId });
        Assert.Equal("completed", run.GetProperty("status").GetString());
        var closed = await aliceOnB.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = session });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("closed", closed.GetProperty("close_reason").GetString());
        Assert.Equal(_site.Url("/dashboard"), closed.GetProperty("url").GetString());

        // Bob, on the same host, sees none of it.
        Assert.Contains("not found", await bobOnB.CallErrorAsync("get_run", new() { ["run_id"] = runId }), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not found", await bobOnB.CallErrorAsync("get_browser_session", new() { ["browser_session_id"] = session }), StringComparison.OrdinalIgnoreCase);
        Assert.Empty((await bobOnB.CallOkAsync("get_browser_profiles", new())).EnumerateArray());
    }

    [Fact]
    public async Task AHostThatStops_LeavesTheOtherHostsLiveSessionsAlone_WhenItStartsAgain()
    {
        var database = await postgres.Server.CreateDatabaseAsync();
        await using var hostB = await StartHostAsync("host-b", database);
        await using var aliceOnB = await hostB.ConnectAsync(AliceKey);
        var onB = (await aliceOnB.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/") })).GetProperty("browser_session_id").GetString();

        // Host A starts, stops, and starts again (its start-up recovery runs each time) while B's session lives.
        await (await StartHostAsync("host-a", database)).DisposeAsync();
        await using var hostA = await StartHostAsync("host-a", database);
        await using var aliceOnA = await hostA.ConnectAsync(AliceKey);

        Assert.Equal("running", (await aliceOnA.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = onB })).GetProperty("status").GetString());
        var stillWorks = await aliceOnB.CallOkAsync("run_task", new() { ["browser_session_id"] = onB, ["url"] = _site.Url("/article") });
        Assert.Equal("completed", stillWorks.GetProperty("status").GetString());
    }
}
