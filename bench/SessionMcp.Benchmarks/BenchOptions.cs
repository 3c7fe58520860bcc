namespace SessionMcp.Benchmarks;

/// <summary>
/// <c>--server &lt;SessionMcp.Server.dll&gt; [--playwright-mcp &lt;cli.js&gt;] [--chromium &lt;path&gt;] [--runs N] [--throughput-seconds S]</c>.
/// Without <c>--playwright-mcp</c> only SessionMcp is measured.
/// </summary>
internal sealed record BenchOptions(string ServerDll, string? PlaywrightMcpCli, string Chromium, int Runs, TimeSpan ThroughputWindow)
{
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
        return new BenchOptions(Path.GetFullPath(server), playwright, Value("--chromium") ?? "/usr/bin/chromium", runs, TimeSpan.FromSeconds(seconds));
    }
}
