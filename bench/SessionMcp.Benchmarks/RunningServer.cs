using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SessionMcp.Benchmarks;

/// <summary>An MCP server started as its users start it (a child process over stdio), with a client on it and its pid.</summary>
internal sealed class RunningServer : IAsyncDisposable
{
    private RunningServer(McpClient client, int pid)
    {
        Client = client;
        Pid = pid;
    }

    public McpClient Client { get; }

    /// <summary>The server process; its descendants (driver, browsers) count towards its memory.</summary>
    public int Pid { get; }

    /// <summary>
    /// SessionMcp over stdio on <paramref name="chromium"/>; <paramref name="maxSessions"/> raises the per-client cap
    /// for the parallel figures.
    /// </summary>
    public static Task<RunningServer> StartSessionMcpAsync(string serverDll, string chromium, int maxSessions = 50) =>
        StartAsync("SessionMcp", "dotnet", [serverDll], marker => new Dictionary<string, string?>
        {
            ["Logging__LogLevel__Default"] = "Warning",
            ["SessionMcp__BrowserExecutablePath"] = chromium,
            ["SessionMcp__DataPath"] = Path.Combine(Path.GetTempPath(), "sessionmcp-bench", marker),
            ["SessionMcp__MaxSessions"] = maxSessions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["SessionMcp__MaxSessionsPerIdentity"] = maxSessions.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

    /// <summary>Playwright MCP as its README starts it, on the same Chromium: one server (and browser) per agent.</summary>
    public static Task<RunningServer> StartPlaywrightMcpAsync(string cliJs, string chromium) =>
        StartAsync("Playwright MCP", "node", PlaywrightMcpArguments(cliJs, chromium), _ => []);

    public static string[] PlaywrightMcpArguments(string cliJs, string chromium) =>
        [cliJs, "--headless", "--isolated", "--browser", "chromium", "--executable-path", chromium, "--no-sandbox"];

    private static async Task<RunningServer> StartAsync(string name, string command, string[] arguments, Func<string, Dictionary<string, string?>> environment)
    {
        var marker = Guid.NewGuid().ToString("N");
        var variables = environment(marker);
        variables["SESSIONMCP_BENCH_MARKER"] = marker;
        var workingDirectory = NewWorkingDirectory(marker);
        var client = await McpClient.CreateAsync(
            new StdioClientTransport(new StdioClientTransportOptions
            {
                Name = name,
                Command = command,
                Arguments = arguments,
                EnvironmentVariables = variables,
                WorkingDirectory = workingDirectory,
                StandardErrorLines = _ => { },
            }),
            new McpClientOptions { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan, InitializationTimeout = TimeSpan.FromMinutes(2) });
        var pid = ProcessTree.FindByEnvironment("SESSIONMCP_BENCH_MARKER=" + marker) ?? throw new InvalidOperationException($"{name}: server process not found");
        return new RunningServer(client, pid);
    }

    /// <summary>A folder of its own for a server to run in: Playwright MCP writes its snapshots and console logs where it runs.</summary>
    public static string NewWorkingDirectory(string name) =>
        Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "sessionmcp-bench", "cwd-" + name)).FullName;

    /// <summary>Calls a tool; a tool error is an exception. Returns the text it carried (images left out).</summary>
    public async Task<string> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        var result = await Client.CallToolAsync(tool, arguments, cancellationToken: CancellationToken.None);
        var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
        if (result.IsError == true)
        {
            throw new InvalidOperationException($"{tool}: {text}");
        }

        return text;
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
