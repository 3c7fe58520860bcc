// SessionMcp against Playwright MCP, side by side: one command (scripts/bench.sh) prints tables and writes
// bench-results/latest.json. Both servers run as their users run them (stdio child processes, the same Chromium),
// driven through the MCP SDK's client against a site served here on 127.0.0.1.
using System.Diagnostics;
using SessionMcp.Benchmarks;
using SessionMcp.Tests.Common;

var options = BenchOptions.Parse(args);
await using var site = await LocalSite.StartAsync();
var report = new Report(options);
Console.Error.WriteLine($"benchmark: {options.Runs} runs per figure; Playwright MCP {(options.PlaywrightMcpCli is null ? "skipped" : "included")}");

// Cold start: process start to tools/list answered, and to the first page of the first session (browser launch
// included), as a scripted agent that starts the server and acts at once waits.
if (options.Includes("cold"))
{
    var firstPage = site.Url("/login");
    var ourCold = await ColdStart.MeasureAsync(5, "dotnet", [options.ServerDll], new Dictionary<string, string> { ["Logging__LogLevel__Default"] = "Warning", ["SessionMcp__BrowserExecutablePath"] = options.Chromium },
        $$$"""{"name":"create_browser_session","arguments":{"start_url":"{{{firstPage}}}"}}""");
    var theirCold = options.PlaywrightMcpCli is { } cliForCold
        ? await ColdStart.MeasureAsync(5, "node", RunningServer.PlaywrightMcpArguments(cliForCold, options.Chromium), new Dictionary<string, string>(),
            $$$"""{"name":"browser_navigate","arguments":{"url":"{{{firstPage}}}"}}""")
        : ((Stats, Stats)?)null;
    report.Add("server start → tools/list", "ms", Target.None, ourCold.ToolsListed, theirCold?.Item1);
    report.Add("server start → first page of the first session (cold)", "ms", Target.AtMost(0.7), ourCold.FirstCall, theirCold?.Item2);
}

await using var ours = await RunningServer.StartSessionMcpAsync(options.ServerDll, options.Chromium, maxSessions: 60);
await using (var warmUp = new SessionMcpAgent(ours))
{
    // The first session waits for the browser the server launches at start; agents arrive later than that.
    await warmUp.OpenAsync("about:blank");
}

if (options.Includes("first"))
{
    report.Add("first session ready (new session + first page)", "ms", Target.AtMost(0.25),
        await Measure.RepeatAsync(options.Runs, async watch =>
        {
            await using var agent = new SessionMcpAgent(ours);

            // Each agent arrives at a settled server (the last one's close and the warm-up behind it done), as each
            // Playwright MCP agent below starts with a fresh, idle server.
            await Task.Delay(TimeSpan.FromSeconds(2));
            watch.Restart();
            await agent.OpenAsync(site.Url("/login"));
            watch.Stop();
        }),
        options.PlaywrightMcpCli is { } cliForFirst
            ? await Measure.RepeatAsync(options.Runs, async watch =>
            {
                await using var agent = new PlaywrightMcpAgent(await RunningServer.StartPlaywrightMcpAsync(cliForFirst, options.Chromium));
                await agent.Server.Client.ListToolsAsync();
                watch.Restart();
                await agent.OpenAsync(site.Url("/login"));
                watch.Stop();
            })
            : null);
}

// One open session each, used for the per-step figures and the real pages.
if (options.Includes("steps") || options.Includes("docs"))
{
    var mine = new SessionMcpAgent(ours);
    await mine.OpenAsync("about:blank");
    var theirs = options.PlaywrightMcpCli is { } cli ? new PlaywrightMcpAgent(await RunningServer.StartPlaywrightMcpAsync(cli, options.Chromium)) : null;
    if (theirs is not null)
    {
        await theirs.OpenAsync("about:blank");
    }

    async Task CompareAsync(string name, Target target, Func<IBrowserAgent, Task> step)
    {
        report.Add(name, "ms", target,
            await Measure.RepeatAsync(options.Runs, async watch => await step(mine)),
            theirs is null ? null : await Measure.RepeatAsync(options.Runs, async watch => await step(theirs)));
    }

    if (options.Includes("steps"))
    {
        await CompareAsync("warm navigate", Target.None, agent => agent.NavigateAsync(site.Url("/login")));
        await CompareAsync("login flow (fill, fill, click, wait)", Target.AtMost(0.3), agent => agent.LoginAsync(site.Url("/login")));
        await CompareAsync("extract the 25 invoice numbers", Target.None, agent => agent.ExtractInvoicesAsync());
        await CompareAsync("one viewport frame / screenshot", Target.AtMost(1.0), agent => agent.FrameAsync());

        // The floor under every SessionMcp tool call: one that reads a finished run from memory, no browser and no
        // database (MCP's ping is gone from the protocol version the clients now speak).
        report.Add("a tool call that touches no browser (get_run of a finished run)", "ms", Target.None,
            await Measure.RepeatAsync(options.Runs * 5, async _ => await ours.CallAsync("get_run", new() { ["run_id"] = mine.LastRunId })),
            null);

        // What the MCP layer adds: the same work with Playwright .NET directly, on the same Chromium.
        await using var direct = await DirectPlaywright.StartAsync(options.Chromium);
        await direct.NavigateAsync("about:blank");
        var navigate = await Measure.InTurnsAsync(options.Runs, () => mine.NavigateAsync(site.Url("/login")), () => direct.NavigateAsync(site.Url("/login")));
        report.AddOverDirect("warm navigate", navigate.A, navigate.B);
        var login = await Measure.InTurnsAsync(options.Runs, () => mine.LoginAsync(site.Url("/login")), () => direct.LoginAsync(site.Url("/login")));
        report.AddOverDirect("login flow (fill, fill, click, wait)", login.A, login.B);
        var extract = await Measure.InTurnsAsync(options.Runs, () => mine.ExtractInvoicesAsync(), () => direct.ExtractInvoicesAsync());
        report.AddOverDirect("extract the 25 invoice numbers", extract.A, extract.B);

        // What a trace costs per step: the same login flow in a recorded session, in turns with the plain one.
        var recorded = new SessionMcpAgent(ours);
        await recorded.OpenAsync("about:blank", record: true);
        var recording = await Measure.InTurnsAsync(options.Runs, () => recorded.LoginAsync(site.Url("/login")), () => mine.LoginAsync(site.Url("/login")));
        report.AddRecordingCost("login flow (navigate, fill, fill, click, wait)", recording.A, recording.B);
        await recorded.DisposeAsync();
    }

    // Token cost: characters of text an agent receives, with the interactive elements each answer still names.
    foreach (var (page, path) in options.Includes("steps") ? new[] { ("heavy page (~2,000 elements)", "/heavy"), ("dashboard (25 rows)", "/dashboard") } : [])
    {
        await mine.NavigateAsync(site.Url(path));
        var ourSnapshot = await mine.SnapshotAsync();
        (int Characters, string Text)? theirSnapshot = null;
        if (theirs is not null)
        {
            await theirs.NavigateAsync(site.Url(path));
            theirSnapshot = await theirs.SnapshotAsync();
        }

        report.AddSnapshot(page, ourSnapshot.Characters, InteractiveRefs.Of(ourSnapshot.Text).Count, theirSnapshot?.Characters, theirSnapshot is { } t ? InteractiveRefs.Of(t.Text).Count : null, path == "/heavy" ? 0.5 : null);
    }

    // Real pages (Python's documentation), whole replies counted: the snapshot step and an agent's episode.
    await using var docs = options.Includes("docs") ? await DocsSite.StartAsync() : null;
    if (docs is not null)
    {
        foreach (var page in DocsSite.Pages)
        {
            await mine.NavigateAsync(docs.Url(page));
            var ourSnapshot = await mine.SnapshotAsync();
            (int Characters, string Text)? theirSnapshot = null;
            if (theirs is not null)
            {
                await theirs.NavigateAsync(docs.Url(page));
                theirSnapshot = await theirs.SnapshotAsync();
            }

            report.AddSnapshot($"docs: {page}, snapshot reply", ourSnapshot.Characters, InteractiveRefs.Of(ourSnapshot.Text).Count, theirSnapshot?.Characters, theirSnapshot is { } t ? InteractiveRefs.Of(t.Text).Count : null, 0.5);
        }

        foreach (var (page, link) in new[] { ("tutorial/index.html", "3. An Informal Introduction to Python"), ("library/os.path.html", "3.11.2 Documentation") })
        {
            report.AddSnapshot(
                $"episode: {page} → open, click \"{link}\", read",
                await mine.EpisodeAsync(docs.Url(page), link),
                null,
                theirs is null ? null : await theirs.EpisodeAsync(docs.Url(page), link),
                null,
                0.5);
        }
    }
    else if (options.Includes("docs"))
    {
        Console.Error.WriteLine($"docs figures skipped: {DocsSite.Folder} is missing (apt-get install python3-doc)");
    }

    if (options.Includes("steps"))
    {
        report.AddSnapshotExtra("login flow, all answers", await mine.LoginAsync(site.Url("/login")), theirs is null ? null : await theirs.LoginAsync(site.Url("/login")));
    }

    // The per-step sessions end here, so the memory figures below count only the agents they are about.
    await mine.DisposeAsync();
    if (theirs is not null)
    {
        await theirs.DisposeAsync();
    }
}

// K agents at once, each: a new session, log in, read the invoices (LoginAndExtractAsync: one run_task for
// SessionMcp, five tool calls for Playwright MCP). Playwright MCP: one server per agent, started before the clock
// (its browser starts with the agent's first step, inside the clock).
async Task<(double Seconds, double PeakMiB, int Errors)> ParallelAsync(int agents, bool playwright)
{
    var servers = new List<RunningServer>();
    if (playwright)
    {
        for (var i = 0; i < agents; i++)
        {
            servers.Add(await RunningServer.StartPlaywrightMcpAsync(options.PlaywrightMcpCli!, options.Chromium));
        }
    }

    await using var memory = new PeakMemory(playwright ? [.. servers.Select(s => s.Pid)] : [ours.Pid]);
    var watch = Stopwatch.StartNew();
    var outcomes = await Task.WhenAll(Enumerable.Range(0, agents).Select(async i =>
    {
        await using IBrowserAgent agent = playwright ? new PlaywrightMcpAgent(servers[i]) : new SessionMcpAgent(ours);
        try
        {
            if (!playwright)
            {
                await agent.OpenAsync("about:blank");
            }

            await agent.LoginAndExtractAsync(site.Url("/login"));
            return 0;
        }
        catch (Exception ex)
        {
            Console.Error.WriteLine($"  agent {i} failed: {ex.Message}");
            return 1;
        }
    }));
    var seconds = watch.Elapsed.TotalSeconds;
    return (seconds, await memory.StopAsync(), outcomes.Sum());
}

foreach (var agents in options.Includes("parallel") ? options.ParallelAgents : [])
{
    Console.Error.WriteLine($"parallel: {agents} agent(s)");
    var mineParallel = await ParallelAsync(agents, playwright: false);
    (double, double, int)? theirsParallel = options.PlaywrightMcpCli is null ? null : await ParallelAsync(agents, playwright: true);
    report.AddParallel(agents, mineParallel, theirsParallel);
}

// Throughput: 4 agents loop log in + read the invoices for a fixed window; operations are browser actions
// (navigate, fill, fill, click, wait, read: 6 per loop) and tool calls are what each needed for them (1 and 5).
async Task<(double CallsPerSecond, double OperationsPerSecond)> ThroughputAsync(Func<Task<IBrowserAgent>> newAgent, bool equalCalls = false)
{
    var agents = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => newAgent()));
    if (equalCalls)
    {
        // Logged in once; each loop is then two tool calls for both servers: navigate, read.
        await Task.WhenAll(agents.Select(a => a.LoginAsync(site.Url("/login"))));
    }

    var callsBefore = agents.Sum(a => a.ToolCalls);
    var loops = 0;
    var until = Stopwatch.StartNew();
    await Task.WhenAll(agents.Select(async agent =>
    {
        while (until.Elapsed < options.ThroughputWindow)
        {
            if (equalCalls)
            {
                await agent.NavigateAsync(site.Url("/dashboard"));
                await agent.ExtractInvoicesAsync();
            }
            else
            {
                await agent.LoginAndExtractAsync(site.Url("/login"));
            }

            Interlocked.Increment(ref loops);
        }
    }));
    var seconds = until.Elapsed.TotalSeconds;
    var calls = agents.Sum(a => a.ToolCalls) - callsBefore;
    foreach (var agent in agents)
    {
        await agent.DisposeAsync();
    }

    return (calls / seconds, loops * (equalCalls ? 2 : 6) / seconds);
}

// Three windows each, taken in turns (ours, theirs, ours...), so a host that turns busy for a while weighs on both.
if (options.Includes("throughput"))
{
    var ourWindows = new List<(double, double)>();
    var theirWindows = new List<(double, double)>();
    for (var window = 0; window < 3; window++)
    {
        Console.Error.WriteLine($"throughput: window {window + 1} of 3");
        ourWindows.Add(await ThroughputAsync(async () =>
        {
            var agent = new SessionMcpAgent(ours);
            await agent.OpenAsync("about:blank");
            return agent;
        }));
        if (options.PlaywrightMcpCli is { } cliForThroughput)
        {
            theirWindows.Add(await ThroughputAsync(async () =>
            {
                var agent = new PlaywrightMcpAgent(await RunningServer.StartPlaywrightMcpAsync(cliForThroughput, options.Chromium));
                await agent.OpenAsync("about:blank");
                return agent;
            }));
        }
    }

    report.AddThroughput(ourWindows, theirWindows.Count > 0 ? theirWindows : null);

    // The same number of tool calls for both: navigate, then read, one call each.
    var ourEqual = new List<(double, double)>();
    var theirEqual = new List<(double, double)>();
    for (var window = 0; window < 3; window++)
    {
        Console.Error.WriteLine($"throughput at equal tool calls: window {window + 1} of 3");
        ourEqual.Add(await ThroughputAsync(async () =>
        {
            var agent = new SessionMcpAgent(ours);
            await agent.OpenAsync("about:blank");
            return agent;
        }, equalCalls: true));
        if (options.PlaywrightMcpCli is { } cliForEqual)
        {
            theirEqual.Add(await ThroughputAsync(async () =>
            {
                var agent = new PlaywrightMcpAgent(await RunningServer.StartPlaywrightMcpAsync(cliForEqual, options.Chromium));
                await agent.OpenAsync("about:blank");
                return agent;
            }, equalCalls: true));
        }
    }

    report.AddThroughput(ourEqual, theirEqual.Count > 0 ? theirEqual : null, equalCalls: true);
}

// 50 agents at once in one SessionMcp server.
if (options.Includes("fifty"))
{
    Console.Error.WriteLine("parallel: 50 agents in one SessionMcp server");
    report.AddFifty(await ParallelAsync(50, playwright: false));
}

// Two hosts of a cluster: a call routed to the host that holds the session against one made there.
if (options.Includes("cluster"))
{
    Console.Error.WriteLine("cluster: two hosts on PostgreSQL, nginx in front");
    if (await ClusterRouting.MeasureAsync(options.ServerDll, site, Math.Max(20, options.Runs * 3)) is { } routing)
    {
        report.AddClusterRouting(routing.Local, routing.Routed, routing.Balanced);
    }
}

report.Print();
await report.WriteJsonAsync("bench-results/latest.json");
