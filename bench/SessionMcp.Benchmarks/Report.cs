using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SessionMcp.Benchmarks;

/// <summary>Collects the figures, prints them as Markdown tables with ratios SessionMcp / Playwright MCP, and writes JSON.</summary>
internal sealed class Report(BenchOptions options)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly List<TimingRow> _timings = [];
    private readonly List<SnapshotRow> _snapshots = [];
    private readonly List<ParallelRow> _parallel = [];
    private readonly List<TimingRow> _overDirect = [];
    private TimingRow? _recording;
    private ThroughputRow? _throughput;
    private ThroughputRow? _throughputEqualCalls;
    private ParallelRun? _fifty;
    private ClusterRoutingRow? _cluster;

    public void Add(string name, string unit, Target target, Stats ours, Stats? theirs) =>
        _timings.Add(new TimingRow(name, unit, ours, theirs, theirs is null ? null : ours.Median / theirs.Median, target));

    /// <summary>SessionMcp against the same work done with Playwright .NET directly: what the MCP layer adds.</summary>
    public void AddOverDirect(string name, Stats ours, Stats direct) =>
        _overDirect.Add(new TimingRow(name, "ms", ours, direct, ours.Median / direct.Median, Target.AtMost(1.15)));

    /// <summary>What <c>record: true</c> costs: the same flow in a recorded session against an unrecorded one.</summary>
    public void AddRecordingCost(string name, Stats recorded, Stats plain) =>
        _recording = new TimingRow(name, "ms", recorded, plain, recorded.Median / plain.Median, Target.None);

    public void AddSnapshot(string page, int ourCharacters, int? ourInteractive, int? theirCharacters, int? theirInteractive, double? targetRatio) =>
        _snapshots.Add(new SnapshotRow(page, ourCharacters, ourInteractive, theirCharacters, theirInteractive, Ratio(ourCharacters, theirCharacters), targetRatio is { } r ? Target.AtMost(r) : Target.None));

    public void AddSnapshotExtra(string what, int ourCharacters, int? theirCharacters) =>
        _snapshots.Add(new SnapshotRow(what, ourCharacters, null, theirCharacters, null, Ratio(ourCharacters, theirCharacters), Target.None));

    public void AddParallel(int agents, (double Seconds, double PeakMiB, int Errors) ours, (double Seconds, double PeakMiB, int Errors)? theirs) =>
        _parallel.Add(new ParallelRow(
            agents,
            new ParallelRun(ours.Seconds, ours.PeakMiB, ours.Errors),
            theirs is { } t ? new ParallelRun(t.Seconds, t.PeakMiB, t.Errors) : null,
            agents == 8 ? Target.AtMost(0.5) : Target.None));

    /// <summary>Windows of (tool calls/s, operations/s) per server; figures and ratios are their medians.</summary>
    public void AddThroughput(IReadOnlyList<(double CallsPerSecond, double OperationsPerSecond)> ours, IReadOnlyList<(double CallsPerSecond, double OperationsPerSecond)>? theirs, bool equalCalls = false)
    {
        var row = new ThroughputRow(
            Stats.Of([.. ours.Select(w => w.CallsPerSecond)]),
            Stats.Of([.. ours.Select(w => w.OperationsPerSecond)]),
            theirs is null ? null : Stats.Of([.. theirs.Select(w => w.CallsPerSecond)]),
            theirs is null ? null : Stats.Of([.. theirs.Select(w => w.OperationsPerSecond)]),
            Target.AtLeast(2.0));
        if (equalCalls)
        {
            _throughputEqualCalls = row;
        }
        else
        {
            _throughput = row;
        }
    }

    /// <summary>A session's read sent to its own host, to another host of the cluster, and through the balancer.</summary>
    public void AddClusterRouting(Stats local, Stats routed, Stats balanced) => _cluster = new ClusterRoutingRow(local, routed, balanced);

    public void AddFifty((double Seconds, double PeakMiB, int Errors) run) => _fifty = new ParallelRun(run.Seconds, run.PeakMiB, run.Errors);

    public void Print()
    {
        var machine = Machine();
        Console.WriteLine();
        Console.WriteLine($"SessionMcp vs Playwright MCP {machine.PlaywrightMcp} — {machine.Cores} cores, {machine.MemoryGiB:0} GiB, {machine.Os}, {machine.Chromium}; {options.Runs} runs per figure; ratio = SessionMcp / Playwright MCP (medians)");
        Console.WriteLine();
        Console.WriteLine("| figure | SessionMcp median (min–max) | Playwright MCP median (min–max) | ratio | target |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var row in _timings)
        {
            Console.WriteLine($"| {row.Name} | {row.Ours} {row.Unit} | {(row.Theirs is null ? "—" : $"{row.Theirs} {row.Unit}")} | {RatioText(row.Ratio)} | {TargetText(row.Target, row.Ratio)} |");
        }

        if (_overDirect.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine("| SessionMcp over Playwright .NET directly (no MCP) | SessionMcp median (min–max) | Playwright .NET median (min–max) | ratio | target |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var row in _overDirect)
            {
                Console.WriteLine($"| {row.Name} | {row.Ours} {row.Unit} | {row.Theirs} {row.Unit} | {RatioText(row.Ratio)} | {TargetText(row.Target, row.Ratio)} |");
            }
        }

        if (_recording is { } recording)
        {
            Console.WriteLine();
            Console.WriteLine("| SessionMcp, record: true (a Playwright trace) against record: false | recorded median (min–max) | not recorded median (min–max) | ratio |");
            Console.WriteLine("|---|---|---|---|");
            Console.WriteLine($"| {recording.Name} | {recording.Ours} ms | {recording.Theirs} ms | {RatioText(recording.Ratio)} |");
        }

        Console.WriteLine();
        Console.WriteLine("| characters an agent receives | SessionMcp | Playwright MCP | ratio | interactive elements named (SessionMcp / Playwright MCP) | target |");
        Console.WriteLine("|---|---|---|---|---|---|");
        foreach (var row in _snapshots)
        {
            var interactive = row.OurInteractive is null ? "" : $"{row.OurInteractive} / {row.TheirInteractive?.ToString(CultureInfo.InvariantCulture) ?? "—"}";
            Console.WriteLine($"| {row.What} | {row.OurCharacters:N0} | {row.TheirCharacters?.ToString("N0", CultureInfo.InvariantCulture) ?? "—"} | {RatioText(row.Ratio)} | {interactive} | {TargetText(row.Target, row.Ratio)} |");
        }

        Console.WriteLine();
        Console.WriteLine("| agents in parallel (log in + read 25 rows) | SessionMcp wall | Playwright MCP wall | ratio | SessionMcp peak PSS | Playwright MCP peak PSS | ratio | target (PSS) |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var row in _parallel)
        {
            Console.WriteLine($"| {row.Agents} | {row.Ours.Seconds:0.00} s{Errors(row.Ours)} | {(row.Theirs is { } t ? $"{t.Seconds:0.00} s{Errors(t)}" : "—")} | {RatioText(row.WallRatio)} | {row.Ours.PeakMiB:N0} MiB | {(row.Theirs is { } m ? $"{m.PeakMiB:N0} MiB" : "—")} | {RatioText(row.MemoryRatio)} | {TargetText(row.Target, row.MemoryRatio)} |");
        }

        if (_throughput is { } throughput)
        {
            Console.WriteLine();
            Console.WriteLine("| 4 agents looping, 3 windows of " + options.ThroughputWindow.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s | SessionMcp median (min–max) | Playwright MCP median (min–max) | ratio | target |");
            Console.WriteLine("|---|---|---|---|---|");
            Console.WriteLine($"| tool calls per second | {throughput.OurCalls} | {throughput.TheirCalls?.ToString() ?? "—"} | {RatioText(Ratio(throughput.OurCalls.Median, throughput.TheirCalls?.Median))} | |");
            Console.WriteLine($"| browser operations per second | {throughput.OurOperations} | {throughput.TheirOperations?.ToString() ?? "—"} | {RatioText(throughput.OperationsRatio)} | {TargetText(throughput.Target, throughput.OperationsRatio)} |");
            if (_throughputEqualCalls is { } equal)
            {
                Console.WriteLine($"| at equal tool calls (navigate, read: one call each), browser operations per second | {equal.OurOperations} | {equal.TheirOperations?.ToString() ?? "—"} | {RatioText(equal.OperationsRatio)} | {TargetText(equal.Target, equal.OperationsRatio)} |");
            }
        }

        if (_cluster is { } cluster)
        {
            Console.WriteLine();
            Console.WriteLine("| cluster: one read (run_task extract_text) of a session | p50 | p95 | min–max |");
            Console.WriteLine("|---|---|---|---|");
            foreach (var (what, stats) in new[] { ("sent to the host that holds it", cluster.Local), ("sent to another host (routed by Orleans)", cluster.Routed), ("through nginx round-robin (every other call routed)", cluster.Balanced) })
            {
                Console.WriteLine($"| {what} | {stats.Median:0.0} ms | {stats.P95:0.0} ms | {stats.Min:0.0}–{stats.Max:0.0} ms |");
            }

            Console.WriteLine($"| added by routing | {cluster.Routed.Median - cluster.Local.Median:0.0} ms | {cluster.Routed.P95 - cluster.Local.P95:0.0} ms | |");
        }

        if (_fifty is { } fifty)
        {
            Console.WriteLine();
            Console.WriteLine($"50 agents at once in one SessionMcp server: {fifty.Seconds:0.0} s, peak PSS {fifty.PeakMiB:N0} MiB, {fifty.Errors} error(s) — {(fifty.Errors == 0 ? "met" : "missed")}");
        }
    }

    public async Task WriteJsonAsync(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(
            new { machine = Machine(), runs = options.Runs, timings = _timings, overDirect = _overDirect, recording = _recording, snapshots = _snapshots, parallel = _parallel, throughput = _throughput, throughputEqualCalls = _throughputEqualCalls, fiftyAgents = _fifty, clusterRouting = _cluster },
            JsonOptions));
        Console.WriteLine();
        Console.WriteLine("written: " + path);
    }

    private static double? Ratio(double ours, double? theirs) => theirs is > 0 ? ours / theirs : null;

    private static string RatioText(double? ratio) => ratio is { } r ? r.ToString("0.00", CultureInfo.InvariantCulture) + "×" : "—";

    private static string TargetText(Target target, double? ratio) => target.Ratio is null ? "" : $"{target.Describe()} {target.Verdict(ratio)}".Trim();

    private static string Errors(ParallelRun run) => run.Errors == 0 ? "" : $" ({run.Errors} failed)";

    private MachineInfo Machine()
    {
        var memory = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal)).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        return new MachineInfo(
            Environment.ProcessorCount,
            long.Parse(memory, CultureInfo.InvariantCulture) / 1024.0 / 1024.0,
            File.Exists("/etc/os-release") ? File.ReadLines("/etc/os-release").FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?[12..].Trim('"') ?? Environment.OSVersion.ToString() : Environment.OSVersion.ToString(),
            Output(options.Chromium, "--version"),
            options.PlaywrightMcpCli is { } cli ? "@playwright/mcp " + Output("node", cli, "--version") : "not measured",
            TimeProvider.System.GetUtcNow());
    }

    private static string Output(string command, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
            var text = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "unknown";
        }
    }

    private sealed record TimingRow(string Name, string Unit, Stats Ours, Stats? Theirs, double? Ratio, Target Target);

    private sealed record SnapshotRow(string What, int OurCharacters, int? OurInteractive, int? TheirCharacters, int? TheirInteractive, double? Ratio, Target Target);

    private sealed record ParallelRun(double Seconds, double PeakMiB, int Errors);

    private sealed record ClusterRoutingRow(Stats Local, Stats Routed, Stats Balanced);

    private sealed record ParallelRow(int Agents, ParallelRun Ours, ParallelRun? Theirs, Target Target)
    {
        public double? WallRatio => Theirs is { } t ? Ours.Seconds / t.Seconds : null;

        public double? MemoryRatio => Theirs is { } t ? Ours.PeakMiB / t.PeakMiB : null;
    }

    private sealed record ThroughputRow(Stats OurCalls, Stats OurOperations, Stats? TheirCalls, Stats? TheirOperations, Target Target)
    {
        public double? OperationsRatio => Ratio(OurOperations.Median, TheirOperations?.Median);
    }

    private sealed record MachineInfo(int Cores, double MemoryGiB, string Os, string Chromium, string PlaywrightMcp, DateTimeOffset TakenAt);
}
