// SessionMcp benchmark: one command (scripts/bench.sh), prints a table and writes bench-results/latest.json.
// Every figure is taken through the MCP protocol over stdio against the built server, on a site served here on 127.0.0.1.
using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SessionMcp.Benchmarks;
using SessionMcp.Tests.Common;

var serverDll = args.Length > 0 ? args[0] : Path.Combine(AppContext.BaseDirectory, "SessionMcp.Server.dll");
var runs = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 20;
const int MemorySessions = 20;

await using var site = await LocalSite.StartAsync();
var results = new List<Stats>();

// 1. Cold start: process start to tools/list answered.
var coldStarts = new List<double>();
for (var i = 0; i < 5; i++)
{
    var watch = Stopwatch.StartNew();
    await using var cold = await StartServerAsync(serverDll, Guid.NewGuid().ToString("N"));
    await cold.ListToolsAsync();
    coldStarts.Add(watch.Elapsed.TotalMilliseconds);
}

results.Add(Stats.Of("server start → tools/list", "ms", coldStarts));

var marker = Guid.NewGuid().ToString("N");
await using var client = await StartServerAsync(serverDll, marker);
await client.ListToolsAsync();
var serverPid = ProcessTree.FindByEnvironment("SESSIONMCP_BENCH_MARKER=" + marker) ?? throw new InvalidOperationException("server process not found");

// Let the warm-up finish: the first session waits for the browser if it is still starting.
await CloseAsync(client, (await CallAsync(client, "create_browser_session", new())).GetProperty("browser_session_id").GetString()!);

// 2. create_browser_session with a warm browser (closed again between creations, as a sequential agent would).
var creates = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var created = await CallAsync(client, "create_browser_session", new());
    creates.Add(watch.Elapsed.TotalMilliseconds);
    await CloseAsync(client, created.GetProperty("browser_session_id").GetString()!);
}

results.Add(Stats.Of("create_browser_session (warm)", "ms", creates));

// 3. First session ready: create + first navigation.
var firstReady = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var created = await CallAsync(client, "create_browser_session", new() { ["start_url"] = site.Url("/login") });
    firstReady.Add(watch.Elapsed.TotalMilliseconds);
    await CloseAsync(client, created.GetProperty("browser_session_id").GetString()!);
}

results.Add(Stats.Of("session + first navigation", "ms", firstReady));

// 4. Warm navigate + snapshot in one session, and the login flow, and a frame.
var sessionId = (await CallAsync(client, "create_browser_session", new())).GetProperty("browser_session_id").GetString()!;
var navigateSnapshot = new List<double>();
var snapshotChars = 0;
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var run = await CallAsync(client, "run_task", new()
    {
        ["browser_session_id"] = sessionId,
        ["url"] = site.Url("/login"),
        ["commands"] = new object[] { new { command = "snapshot" } },
    });
    navigateSnapshot.Add(watch.Elapsed.TotalMilliseconds);
    snapshotChars = run.GetProperty("output").GetString()!.Length;
}

results.Add(Stats.Of("warm navigate + snapshot", "ms", navigateSnapshot));

var logins = new List<double>();
for (var i = 0; i < runs; i++)
{
    var fresh = (await CallAsync(client, "create_browser_session", new())).GetProperty("browser_session_id").GetString()!;
    var watch = Stopwatch.StartNew();
    await CallAsync(client, "run_task", new()
    {
        ["browser_session_id"] = fresh,
        ["url"] = site.Url("/login"),
        ["commands"] = new object[]
        {
            new { command = "type_text", data = new { selector = "#email", text = LocalSite.Email } },
            new { command = "type_text", data = new { selector = "#password", text = LocalSite.Password } },
            new { command = "click", data = new { selector = "button[type=submit]" } },
            new { command = "wait_for_navigation", data = new { url = "**/dashboard" } },
        },
    });
    logins.Add(watch.Elapsed.TotalMilliseconds);
    await CloseAsync(client, fresh);
}

results.Add(Stats.Of("login flow (one run_task)", "ms", logins));

var frames = new List<double>();
for (var i = 0; i < runs; i++)
{
    var watch = Stopwatch.StartNew();
    var frame = await client.CallToolAsync("stream_frame", new Dictionary<string, object?> { ["browser_session_id"] = sessionId });
    frames.Add(watch.Elapsed.TotalMilliseconds);
    if (frame.IsError == true)
    {
        throw new InvalidOperationException("stream_frame failed");
    }
}

results.Add(Stats.Of("stream_frame (jpeg, 1280×720)", "ms", frames));
await CloseAsync(client, sessionId);

// 5. Memory: PSS of the server's whole process tree, idle and with 20 sessions open on the dashboard.
var idlePss = ProcessTree.PssMiB(serverPid);
var open = new List<string>();
for (var i = 0; i < MemorySessions; i++)
{
    var id = (await CallAsync(client, "create_browser_session", new() { ["start_url"] = site.Url("/dashboard") })).GetProperty("browser_session_id").GetString()!;
    open.Add(id);
}

var loadedPss = ProcessTree.PssMiB(serverPid);
foreach (var id in open)
{
    await CloseAsync(client, id);
}

var perSession = (loadedPss - idlePss) / MemorySessions;

Console.WriteLine();
Console.WriteLine($"SessionMcp benchmark — {Environment.ProcessorCount} cores, {Environment.OSVersion}, runs per figure: {runs}");
Console.WriteLine();
Console.WriteLine($"| {"figure",-34} | {"min",9} | {"median",9} | {"max",9} |");
Console.WriteLine($"|{new string('-', 36)}|{new string('-', 11)}|{new string('-', 11)}|{new string('-', 11)}|");
foreach (var s in results)
{
    Console.WriteLine($"| {s.Name,-34} | {s.Min,6:0.0} {s.Unit} | {s.Median,6:0.0} {s.Unit} | {s.Max,6:0.0} {s.Unit} |");
}

Console.WriteLine();
Console.WriteLine($"snapshot of the login page: {snapshotChars} characters");
Console.WriteLine($"memory (PSS, server + driver + Chromium): idle {idlePss:0} MiB, {MemorySessions} sessions {loadedPss:0} MiB, {perSession:0.0} MiB per extra session");

Directory.CreateDirectory("bench-results");
await File.WriteAllTextAsync("bench-results/latest.json", JsonSerializer.Serialize(new
{
    machine = new { cores = Environment.ProcessorCount, os = Environment.OSVersion.ToString() },
    runs,
    figures = results,
    snapshotChars,
    memory = new { idleMiB = idlePss, sessions = MemorySessions, loadedMiB = loadedPss, perSessionMiB = perSession },
}, new JsonSerializerOptions { WriteIndented = true }));
Console.WriteLine("written: bench-results/latest.json");

static async Task<McpClient> StartServerAsync(string serverDll, string marker) =>
    await McpClient.CreateAsync(
        new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "SessionMcp",
            Command = "dotnet",
            Arguments = [serverDll],
            EnvironmentVariables = new Dictionary<string, string?>
            {
                ["SESSIONMCP_BENCH_MARKER"] = marker,
                ["Logging__LogLevel__Default"] = "Warning",
                ["SessionMcp__DataPath"] = Path.Combine(Path.GetTempPath(), "sessionmcp-bench", marker),
            },
            StandardErrorLines = _ => { },
        }),
        new McpClientOptions { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan });

static async Task<JsonElement> CallAsync(McpClient client, string tool, Dictionary<string, object?> arguments)
{
    var result = await client.CallToolAsync(tool, arguments);
    var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    if (result.IsError == true)
    {
        throw new InvalidOperationException($"{tool}: {text}");
    }

    var json = JsonDocument.Parse(text).RootElement.Clone();
    if (json.TryGetProperty("status", out var status) && status.GetString() is "failed" or "timed_out")
    {
        throw new InvalidOperationException($"{tool}: {json.GetProperty("failure_reason").GetString()}");
    }

    return json;
}

static Task CloseAsync(McpClient client, string id) => CallAsync(client, "close_browser_session", new() { ["browser_session_id"] = id });
