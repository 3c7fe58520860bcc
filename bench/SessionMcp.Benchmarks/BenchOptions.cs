namespace SessionMcp.Benchmarks;

/// <summary>
/// <c>--server &lt;SessionMcp.Server.dll&gt; [--playwright-mcp &lt;cli.js&gt;] [--chromium &lt;path&gt;] [--runs N] [--throughput-seconds S]
/// [--only group,group] [--agents 1,4,8,20]</c>. Without <c>--playwright-mcp</c> only SessionMcp is measured; <c>--only</c> picks some of
/// the figure groups (<see cref="Groups"/>), for a quick look at one change.
/// </summary>
internal sealed record BenchOptions(string ServerDll, string? PlaywrightMcpCli, string Chromium, int Runs, TimeSpan ThroughputWindow, IReadOnlySet<string> Only, IReadOnlyList<int> ParallelAgents)
{
    public static readonly IReadOnlyList<string> Groups = ["cold", "first", "steps", "docs", "parallel", "throughput", "fifty", "cluster"];

    public bool Includes(string group) => Only.Count == 0 || Only.Contains(group);

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var at = Array.IndexOf(args, name);
            return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
        }

        var server = Value("--server") ?? Path.Combine(AppContext.BaseDirectory, "SessionMcp.Server.dll");
        var runs = int.Parse(Value("--runs") ?? "10", System.Globalization.CultureInfo.InvariantCulture);
        var seconds = int.Parse(Value("--throughput-seconds") ?? "15", System.Globalization.CultureInfo.InvariantCulture);
        // Absolute: the servers run in folders of their own (Playwright MCP writes its snapshots and screenshots there).
        var playwright = Value("--playwright-mcp") is { } cli ? Path.GetFullPath(cli) : null;
        var only = (Value("--only") ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();
        if (only.Except(Groups).FirstOrDefault() is { } unknown)
        {
            throw new ArgumentException($"--only: unknown group '{unknown}'; groups are {string.Join(", ", Groups)}");
        }

        var agents = (Value("--agents") ?? "1,4,8,20").Split(',').Select(a => int.Parse(a, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new BenchOptions(Path.GetFullPath(server), playwright, Value("--chromium") ?? DefaultChromium(), runs, TimeSpan.FromSeconds(seconds), only, agents);
    }

    /// <summary>What SessionMcp launches for headless sessions here: Chromium's headless shell where installed.</summary>
    private static string DefaultChromium() =>
        File.Exists("/usr/bin/chromium-headless-shell") ? "/usr/bin/chromium-headless-shell" : "/usr/bin/chromium";
}
