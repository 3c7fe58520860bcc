using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>Three hosts as one cluster on a PostgreSQL server, with nginx round-robin in front: all started by the tests.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public const string AliceKey = "alice-key-0123456789";
    public const string BobKey = "bob-key-9876543210";
    public const string CarolKey = "carol-key-5555555555";

    /// <summary>Each identity's open sessions across all hosts.</summary>
    public const int CapPerIdentity = 3;

    public PostgresServer Postgres { get; private set; } = null!;

    public LocalSite Site { get; private set; } = null!;

    public string Database { get; private set; } = null!;

    public List<HttpHostProcess> Hosts { get; } = [];

    public NginxFront Front { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Postgres = await PostgresServer.StartAsync();
        Site = await LocalSite.StartAsync();
        Database = await Postgres.CreateDatabaseAsync();

        // The first host creates the schemas; the others then start together.
        Hosts.Add(await StartHostAsync("host-a"));
        Hosts.AddRange(await Task.WhenAll(StartHostAsync("host-b"), StartHostAsync("host-c")));
        Front = await NginxFront.StartAsync(Hosts.Select(h => h.BaseUrl));
    }

    public Task<HttpHostProcess> StartHostAsync(string name) => HttpHostProcess.StartAsync(
        RepoPaths.ServerDll,
        name,
        Echo,
        "--SessionMcp:Storage:Provider=Postgres",
        $"--SessionMcp:Storage:ConnectionString={Database}",
        $"--SessionMcp:Storage:HostName={name}",
        "--SessionMcp:Cluster:Enabled=true",
        $"--SessionMcp:Cluster:SiloPort={LoopbackPort.Free()}",
        $"--SessionMcp:Http:ApiKeys:alice={AliceKey}",
        $"--SessionMcp:Http:ApiKeys:bob={BobKey}",
        $"--SessionMcp:Http:ApiKeys:carol={CarolKey}",
        $"--SessionMcp:MaxSessionsPerIdentity={CapPerIdentity}",
        "--SessionMcp:Cluster:DrainSeconds=20",
        "--SessionMcp:StepTimeoutMs=10000",
        "--Logging:LogLevel:Orleans=Warning");

    private static void Echo(string line)
    {
        try
        {
            TestContext.Current.SendDiagnosticMessage(line);
        }
        catch (InvalidOperationException)
        {
            // No test is running any more.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Front.DisposeAsync();
        foreach (var host in Hosts)
        {
            await host.DisposeAsync();
        }

        await Site.DisposeAsync();
        await Postgres.DisposeAsync();
    }
}

/// <summary>
/// Any host serves any call: a session lives on the host that created it, and calls for it from the others (or
/// through the load balancer) go there; a host killed with SIGKILL takes only its own sessions, which the others then
/// report closed as host_lost.
/// </summary>
public sealed class ClusterTests(ClusterFixture cluster) : IClassFixture<ClusterFixture>
{
    private static Dictionary<string, object?> Session(string? id) => new() { ["browser_session_id"] = id };

    [Fact]
    public async Task ASession_IsUsedFromEveryHost_AndThroughTheLoadBalancer_ByItsOwnerOnly()
    {
        var (a, b, c) = (cluster.Hosts[0], cluster.Hosts[1], cluster.Hosts[2]);
        await using var onA = await a.ConnectAsync(ClusterFixture.AliceKey);
        await using var onB = await b.ConnectAsync(ClusterFixture.AliceKey);
        await using var onC = await c.ConnectAsync(ClusterFixture.AliceKey);
        await using var bobOnC = await c.ConnectAsync(ClusterFixture.BobKey);

        var id = (await onA.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/login") })).GetProperty("browser_session_id").GetString();

        // Logged in from host B, read from host C: the same browser, on host A.
        var login = await onB.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = LocalSite.LoginCommands });
        Assert.Equal("completed", login.GetProperty("status").GetString());
        var user = await onC.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "#user" } } } });
        Assert.Equal(LocalSite.Email, user.GetProperty("output").GetString());
        var seen = await onC.CallOkAsync("get_browser_session", Session(id));
        Assert.Equal("running", seen.GetProperty("status").GetString());
        Assert.Equal(cluster.Site.Url("/dashboard"), seen.GetProperty("url").GetString());
        Assert.StartsWith(c.BaseUrl + "live/" + id, seen.GetProperty("app_url").GetString(), StringComparison.Ordinal);

        // Bob, on a host that does not hold it, learns nothing of it.
        Assert.Contains("not found", await bobOnC.CallErrorAsync("get_browser_session", Session(id)), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("not found", await bobOnC.CallErrorAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = cluster.Site.Url("/") }), StringComparison.OrdinalIgnoreCase);

        // Through nginx, each call to the next host in turn.
        await using var front = await HttpHostProcess.Connect(cluster.Front.BaseUrl, ClusterFixture.AliceKey);
        for (var i = 0; i < 6; i++)
        {
            var read = await front.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "#user" } } } });
            Assert.Equal(LocalSite.Email, read.GetProperty("output").GetString());
        }

        // A profile saved from host C, of the session on host A, starts a logged-in session through the balancer.
        var profile = (await onC.CallOkAsync("create_browser_profile", new() { ["browser_session_id"] = id, ["name"] = "invoices" })).GetProperty("browser_profile_id").GetString();
        var resumed = (await front.CallOkAsync("create_browser_session", new() { ["browser_profile_id"] = profile, ["start_url"] = cluster.Site.Url("/dashboard") })).GetProperty("browser_session_id").GetString();
        var resumedUser = await front.CallOkAsync("run_task", new() { ["browser_session_id"] = resumed, ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "#user" } } } });
        Assert.Equal(LocalSite.Email, resumedUser.GetProperty("output").GetString());

        var closed = await onB.CallOkAsync("close_browser_session", Session(id));
        Assert.Equal("closed", closed.GetProperty("status").GetString());
        Assert.Equal("closed", (await onC.CallOkAsync("get_browser_session", Session(id))).GetProperty("close_reason").GetString());
        await front.CallOkAsync("close_browser_session", Session(resumed));
    }

    [Fact]
    public async Task AHostKilled_TakesOnlyItsOwnSessions_WhichTheOthersReportAsHostLost()
    {
        var victim = await cluster.StartHostAsync("host-d");
        var survivor = cluster.Hosts[1];
        await using var onVictim = await victim.ConnectAsync(ClusterFixture.AliceKey);
        await using var onSurvivor = await survivor.ConnectAsync(ClusterFixture.AliceKey);
        var lost = (await onVictim.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/") })).GetProperty("browser_session_id").GetString();
        var kept = (await onSurvivor.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/") })).GetProperty("browser_session_id").GetString();
        Assert.Equal("running", (await onSurvivor.CallOkAsync("get_browser_session", Session(lost))).GetProperty("status").GetString());
        var browsers = ChromiumProcesses.Under(victim.ProcessId);
        Assert.NotEmpty(browsers);

        victim.Kill();
        var sinceKill = Stopwatch.StartNew();
        JsonElement report;
        while (true)
        {
            var answer = await onSurvivor.CallCheckedAsync("get_browser_session", Session(lost));
            report = answer.IsError == true ? default : JsonDocument.Parse(ToolCalls.Text(answer)).RootElement.Clone();
            if (report.ValueKind == JsonValueKind.Object && report.GetProperty("status").GetString() == "closed")
            {
                break;
            }

            Assert.True(sinceKill.Elapsed < TimeSpan.FromSeconds(60), "the lost host's session was not reported closed within 60 s");
            await Task.Delay(250, TestContext.Current.CancellationToken);
        }

        TestContext.Current.SendDiagnosticMessage($"host-d killed: its session reported host_lost after {sinceKill.Elapsed.TotalSeconds:0.0} s");
        Assert.Equal("host_lost", report.GetProperty("close_reason").GetString());
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(browsers, TimeSpan.FromSeconds(15)));

        // The survivor's own session works on; new sessions land on live hosts, through the balancer too.
        var stillThere = await onSurvivor.CallOkAsync("run_task", new() { ["browser_session_id"] = kept, ["url"] = cluster.Site.Url("/article") });
        Assert.Equal("completed", stillThere.GetProperty("status").GetString());
        await using var front = await HttpHostProcess.Connect(cluster.Front.BaseUrl, ClusterFixture.AliceKey);
        for (var i = 0; i < 3; i++)
        {
            var fresh = (await front.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/") })).GetProperty("browser_session_id").GetString();
            await front.CallOkAsync("close_browser_session", Session(fresh));
        }

        await onSurvivor.CallOkAsync("close_browser_session", Session(kept));
        await victim.DisposeAsync();
    }

    [Fact]
    public async Task TheLiveView_FramesAndListings_WorkThroughAnyHost()
    {
        var (a, c) = (cluster.Hosts[0], cluster.Hosts[2]);
        await using var onA = await a.ConnectAsync(ClusterFixture.AliceKey);
        await using var onC = await c.ConnectAsync(ClusterFixture.AliceKey);
        var id = (await onA.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/article") })).GetProperty("browser_session_id").GetString()!;

        // Host C lists the session host A holds, as host A describes it, with a live view on host C.
        var listed = (await onC.CallOkAsync("get_browser_sessions", new())).EnumerateArray().Single(s => s.GetProperty("browser_session_id").GetString() == id);
        Assert.Equal(cluster.Site.Url("/article"), listed.GetProperty("url").GetString());
        var appUrl = listed.GetProperty("app_url").GetString()!;
        Assert.StartsWith(c.BaseUrl.ToString(), appUrl, StringComparison.Ordinal);
        var token = listed.GetProperty("frame_token").GetString()!;

        // The live view page, its frame stream and stream_frame, all through host C; the frames come from host A.
        using var http = new HttpClient();
        var page = await http.GetAsync(appUrl, TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, page.StatusCode);
        Assert.Contains(id, await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        using (var stream = await http.GetAsync(new Uri(c.BaseUrl, $"stream/sse?session_id={id}&token={Uri.EscapeDataString(token)}"), HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken))
        using (var events = new SseReader(await stream.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken)))
        {
            var frame = await events.NextAsync("frame").WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(cluster.Site.Url("/article"), frame.GetProperty("url").GetString());
            Assert.True(Convert.FromBase64String(frame.GetProperty("image").GetString()!).Length > 1000);
        }

        var wrongToken = await http.GetAsync(new Uri(c.BaseUrl, $"live/{id}?token=ft_wrong"), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, wrongToken.StatusCode);

        var shot = await onC.CallCheckedAsync("stream_frame", new() { ["browser_session_id"] = id, ["max_width"] = 320 });
        Assert.NotEqual(true, shot.IsError);
        var image = Assert.Single(shot.Content.OfType<ModelContextProtocol.Protocol.ImageContentBlock>());
        Assert.Equal(320, ImageSize.Of(image.DecodedData.ToArray()).Width);

        await onA.CallOkAsync("close_browser_session", Session(id));
    }

    [Fact]
    public async Task ARunGoingOnAnotherHost_IsReadFromAnyHost_WhileItRuns()
    {
        var (a, b, c) = (cluster.Hosts[0], cluster.Hosts[1], cluster.Hosts[2]);
        await using var onA = await a.ConnectAsync(ClusterFixture.AliceKey);
        await using var onB = await b.ConnectAsync(ClusterFixture.AliceKey);
        await using var onC = await c.ConnectAsync(ClusterFixture.AliceKey);
        var id = (await onA.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/") })).GetProperty("browser_session_id").GetString();

        var started = await onC.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["wait_for_completion"] = false, ["commands"] = new object[] { new { command = "wait", data = new { ms = 2000 } }, new { command = "extract_text", data = new { selector = "h1" } } } });
        var runId = started.GetProperty("run_id").GetString();
        Assert.Equal("running", started.GetProperty("status").GetString());
        Assert.Equal("running", (await onB.CallOkAsync("get_run", new() { ["run_id"] = runId })).GetProperty("status").GetString());

        var finished = await onB.WaitForRunAsync(runId!, status => status == "completed", TimeSpan.FromSeconds(30));
        Assert.Equal("Test site", finished.GetProperty("output").GetString());
        await onA.CallOkAsync("close_browser_session", Session(id));
    }

    [Fact]
    public async Task ThePerIdentityCap_CountsTheSessionsOfEveryHost()
    {
        var clients = new List<McpClient>();
        foreach (var host in cluster.Hosts)
        {
            clients.Add(await host.ConnectAsync(ClusterFixture.CarolKey));
        }

        var open = new List<string?>();
        for (var i = 0; i < ClusterFixture.CapPerIdentity; i++)
        {
            open.Add((await clients[i % clients.Count].CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString());
        }

        // One on each host: a fourth, on any host, is over the cap.
        await using var front = await HttpHostProcess.Connect(cluster.Front.BaseUrl, ClusterFixture.CarolKey);
        Assert.Contains($"you already have {ClusterFixture.CapPerIdentity} open browser sessions", await front.CallErrorAsync("create_browser_session", new()), StringComparison.Ordinal);

        // Closing one (through another host than its own) makes room again.
        await clients[2].CallOkAsync("close_browser_session", Session(open[1]));
        open[1] = (await front.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();
        foreach (var id in open)
        {
            await front.CallOkAsync("close_browser_session", Session(id));
        }

        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }
    }

    [Fact]
    public async Task AStoppingHost_TakesNoNewSessions_LetsItsRunEnd_AndClosesItsSessionsAsShutdown()
    {
        var leaving = await cluster.StartHostAsync("host-e");
        await using var onLeaving = await leaving.ConnectAsync(ClusterFixture.AliceKey);
        await using var onB = await cluster.Hosts[1].ConnectAsync(ClusterFixture.AliceKey);
        var id = (await onLeaving.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/") })).GetProperty("browser_session_id").GetString();
        var runId = (await onLeaving.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["wait_for_completion"] = false, ["commands"] = new object[] { new { command = "wait", data = new { ms = 3000 } }, new { command = "extract_text", data = new { selector = "h1" } } } })).GetProperty("run_id").GetString();

        var stopping = leaving.DisposeAsync().AsTask();
        using var http = new HttpClient();
        var waited = Stopwatch.StartNew();
        string? status;
        do
        {
            var health = await http.GetAsync(new Uri(leaving.BaseUrl, "healthz"), TestContext.Current.CancellationToken);
            status = JsonDocument.Parse(await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement.GetProperty("status").GetString();
        }
        while (status != "draining" && waited.Elapsed < TimeSpan.FromSeconds(5));

        Assert.Equal("draining", status);
        Assert.Contains("this host is stopping", await onLeaving.CallErrorAsync("create_browser_session", new()), StringComparison.Ordinal);
        await stopping;

        var run = await onB.CallOkAsync("get_run", new() { ["run_id"] = runId });
        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("shutdown", (await onB.CallOkAsync("get_browser_session", Session(id))).GetProperty("close_reason").GetString());
    }

    [Fact]
    public async Task ARunForwardedToTheHoldingHost_ReportsItsSteps_AndIsCancelledFromTheCallingHost()
    {
        var (a, b) = (cluster.Hosts[0], cluster.Hosts[1]);
        await using var onA = await a.ConnectAsync(ClusterFixture.AliceKey);
        await using var onB = await b.ConnectAsync(ClusterFixture.AliceKey);
        var id = (await onA.CallOkAsync("create_browser_session", new() { ["start_url"] = cluster.Site.Url("/login") })).GetProperty("browser_session_id").GetString();

        // Each step's end, heard on host B while host A runs it.
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var login = await onB.CallToolAsync(
            "run_task",
            new Dictionary<string, object?> { ["browser_session_id"] = id, ["commands"] = LocalSite.LoginCommands },
            new SynchronousProgress(p => heard.Enqueue(p.Message ?? "")),
            cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, login.IsError);
        var waited = Stopwatch.StartNew();
        while (heard.Count < 4 && waited.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(["step 1/4 type_text: ok", "step 2/4 type_text: ok", "step 3/4 click: ok", "step 4/4 wait_for_navigation: ok"], heard.Order(StringComparer.Ordinal));

        // A long run started through host B and cancelled there stops on host A.
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var longRun = onB.CallToolAsync("run_task", new Dictionary<string, object?> { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "wait", data = new { ms = 60_000 } } } }, cancellationToken: cancel.Token).AsTask();
        await Task.Delay(1500, TestContext.Current.CancellationToken);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => longRun);

        using var http = new HttpClient();
        http.DefaultRequestHeaders.Add("x-api-key", ClusterFixture.AliceKey);
        string? latest = null;
        waited.Restart();
        while (latest != "canceled" && waited.Elapsed < TimeSpan.FromSeconds(20))
        {
            var sessions = JsonDocument.Parse(await http.GetStringAsync(new Uri(a.BaseUrl, "dashboard/sessions"), TestContext.Current.CancellationToken)).RootElement;
            var mine = sessions.EnumerateArray().Single(s => s.GetProperty("id").GetString() == id);
            latest = mine.GetProperty("runs").EnumerateArray().First().GetProperty("status").GetString();
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }

        Assert.Equal("canceled", latest);
        await onA.CallOkAsync("close_browser_session", Session(id));
    }

    private sealed class SynchronousProgress(Action<ModelContextProtocol.ProgressNotificationValue> report) : IProgress<ModelContextProtocol.ProgressNotificationValue>
    {
        public void Report(ModelContextProtocol.ProgressNotificationValue value) => report(value);
    }
}
