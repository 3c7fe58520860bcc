using Microsoft.Data.Sqlite;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>What a server on the same data folder still knows after the last one was killed, or its client went away.</summary>
public sealed class RestartTests : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N"));
    private LocalSite _site = null!;

    private Dictionary<string, string?> Environment => new() { ["SessionMcp__DataPath"] = _dataPath };

    public async ValueTask InitializeAsync() => _site = await LocalSite.StartAsync();

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task GracefulRestart_KeepsRunsAndProfiles_AndDescribesOpenSessionsAsShutdown()
    {
        var (site, dataPath) = (_site, _dataPath);
        string runId;
        string profileId;
        string? session;
        await using (var before = await InMemoryServer.StartAsync(o => o.DataPath = dataPath))
        {
            var run = await before.Client.CallOkAsync("run_task", new() { ["url"] = site.Url("/login"), ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } } });
            runId = run.GetProperty("run_id").GetString()!;
            session = (await before.Client.CallOkAsync("create_browser_session", new() { ["start_url"] = site.Url("/") })).GetProperty("browser_session_id").GetString();
            await before.Client.CallOkAsync("run_task", new() { ["browser_session_id"] = session, ["url"] = site.Url("/article") });
            profileId = (await before.Client.CallOkAsync("create_browser_profile", new() { ["browser_session_id"] = session })).GetProperty("browser_profile_id").GetString()!;
        }

        await using var after = await InMemoryServer.StartAsync(o => o.DataPath = dataPath);
        var kept = await after.Client.CallOkAsync("get_run", new() { ["run_id"] = runId });
        Assert.Equal("completed", kept.GetProperty("status").GetString());
        Assert.Equal("Log in", kept.GetProperty("output").GetString());
        Assert.Equal("extract_text", kept.GetProperty("steps")[1].GetProperty("command").GetString());
        Assert.Contains((await after.Client.CallOkAsync("get_browser_profiles", new())).EnumerateArray(), p => p.GetProperty("browser_profile_id").GetString() == profileId);

        // The session open at the stop is described as it was then, closed by the shutdown.
        var closed = await after.Client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = session });
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("shutdown", closed.GetProperty("close_reason").GetString());
        Assert.Equal(site.Url("/article"), closed.GetProperty("url").GetString());
        Assert.Equal("Article", closed.GetProperty("title").GetString());
    }

    [Fact]
    public async Task TwoStdioServersOnOneFolder_TheSecondLeavesTheFirstsLiveSessionAlone()
    {
        await using var desktop = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        var id = (await desktop.Client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") })).GetProperty("browser_session_id").GetString();

        // A second client on the same machine starts its own server with the same data folder.
        await using var ide = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        var seen = await ide.Client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id });
        var listed = await ide.Client.CallOkAsync("get_browser_sessions", new() { ["status"] = "all" });

        Assert.Equal("running", seen.GetProperty("status").GetString());
        Assert.DoesNotContain(id, listed.EnumerateArray().Select(s => s.GetProperty("browser_session_id").GetString()));
        var run = await desktop.Client.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } } });
        Assert.Equal("Log in", run.GetProperty("output").GetString());
        Assert.Equal("running", (await desktop.Client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id })).GetProperty("status").GetString());
    }

    [Fact]
    public async Task KillNine_LosesNoCommittedProfileOrRun_OpenSessionsReadAsShutdown_AndNoChromiumIsLeft()
    {
        string sessionId;
        string profileId;
        string runId;
        IReadOnlyList<int> chromium;
        var killed = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        await using (killed)
        {
            var client = killed.Client;
            sessionId = (await client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") })).GetProperty("browser_session_id").GetString()!;
            var login = await client.CallOkAsync("run_task", new() { ["browser_session_id"] = sessionId, ["commands"] = LocalSite.LoginCommands });
            Assert.Equal("completed", login.GetProperty("status").GetString());
            runId = login.GetProperty("run_id").GetString()!;
            profileId = (await client.CallOkAsync("create_browser_profile", new() { ["browser_session_id"] = sessionId, ["name"] = "invoices" })).GetProperty("browser_profile_id").GetString()!;
            chromium = killed.ChromiumProcesses();
            Assert.NotEmpty(chromium);

            await killed.KillAsync();
        }

        // No shutdown code ran, yet the browser went with the server (its driver lost its pipe and closed it).
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(chromium, TimeSpan.FromSeconds(15)));

        await using var restarted = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        var after = restarted.Client;
        var session = await after.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = sessionId });
        Assert.Equal("closed", session.GetProperty("status").GetString());
        Assert.Equal("shutdown", session.GetProperty("close_reason").GetString());
        Assert.Contains(
            (await after.CallOkAsync("get_browser_sessions", new() { ["status"] = "all" })).EnumerateArray(),
            s => s.GetProperty("browser_session_id").GetString() == sessionId);
        Assert.Empty((await after.CallOkAsync("get_browser_sessions", new())).EnumerateArray());
        var refused = await after.CallErrorAsync("run_task", new() { ["browser_session_id"] = sessionId, ["url"] = _site.Url("/") });
        Assert.Contains($"browser_session_id '{sessionId}' closed (shutdown)", refused, StringComparison.Ordinal);

        var run = await after.CallOkAsync("get_run", new() { ["run_id"] = runId });
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal(4, run.GetProperty("steps").GetArrayLength());

        // The profile still logs a new session in.
        var fromProfile = (await after.CallOkAsync("create_browser_session", new() { ["browser_profile_id"] = profileId })).GetProperty("browser_session_id").GetString();
        var invoices = await after.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = fromProfile,
            ["url"] = _site.Url("/dashboard"),
            ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "td.num", all = true } } },
        });
        Assert.Equal(LocalSite.InvoiceNumbers, invoices.GetProperty("output").EnumerateArray().Select(e => e.GetString()));

    }

    [Fact]
    public async Task KilledWithItsDriverAndBrowser_TheServersTemporaryProfileIsReapedByTheNextOne()
    {
        string profile;
        string list;
        var killed = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        await using (killed)
        {
            await killed.Client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") });
            profile = killed.ChromiumProcesses()
                .SelectMany(pid => File.ReadAllText($"/proc/{pid}/cmdline").Split('\0'))
                .First(a => a.StartsWith("--user-data-dir=", StringComparison.Ordinal))["--user-data-dir=".Length..];
            list = Directory.EnumerateFiles(Core.Browser.BrowserLeftovers.Root, "*.dirs").Single(l => Core.Browser.BrowserLeftovers.Listed(l).Contains(profile));

            // The whole tree at once, as a container stop or the OOM killer does: no process is left to clean up.
            using var server = System.Diagnostics.Process.GetProcessById(killed.ProcessId!.Value);
            server.Kill(entireProcessTree: true);
        }

        // Left behind, unless a server of another test started meanwhile and already reaped it with its list.
        Assert.True(Directory.Exists(profile) || !File.Exists(list), "the driver cleaned up after all: this is not the case under test");

        await using var next = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        await next.Client.CallOkAsync("create_browser_session", new());

        Assert.False(Directory.Exists(profile));
        Assert.False(File.Exists(list));
    }

    [Fact]
    public async Task ClientDisconnectMidRun_CancelsTheRun_KeepsIt_AndLeavesNoChromium()
    {
        string sessionId;
        IReadOnlyList<int> chromium;
        var server = await ServerProcess.StartAsync(Environment, TestContext.Current.CancellationToken);
        await using (server)
        {
            sessionId = (await server.Client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString()!;
            var waiting = server.Client.CallToolAsync(
                "run_task",
                new Dictionary<string, object?>
                {
                    ["browser_session_id"] = sessionId,
                    ["url"] = _site.Url("/login"),
                    ["commands"] = new object[] { new { command = "navigate", data = new { url = _site.Url("/hold?key=disconnect") } } },
                },
                cancellationToken: TestContext.Current.CancellationToken);
            await _site.WaitForArrivalAsync("disconnect").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            chromium = server.ChromiumProcesses();
            Assert.False(waiting.IsCompleted);
        }

        // Disposing the client closed the server's stdin mid-step: the server cancelled the run, recorded it, and exited.
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(chromium, TimeSpan.FromSeconds(10)));
        var (status, result) = await StoredRunOfAsync(sessionId);
        Assert.Equal("Canceled", status);
        Assert.Contains("the client disconnected during the run", result, StringComparison.Ordinal);
        Assert.Contains("\"Command\":\"navigate\"", result, StringComparison.Ordinal);
    }

    /// <summary>The run the database holds for a session: a client that went away never learned its id.</summary>
    private async Task<(string Status, string Result)> StoredRunOfAsync(string sessionId)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataPath, "sessionmcp.db")};Pooling=False");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, result FROM runs WHERE browser_session_id = $session;";
        command.Parameters.AddWithValue("$session", sessionId);
        await using var reader = await command.ExecuteReaderAsync(TestContext.Current.CancellationToken);
        Assert.True(await reader.ReadAsync(TestContext.Current.CancellationToken), "the run was not recorded");
        return (reader.GetString(0), reader.GetString(1));
    }
}
