using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The built server started as a real process over stdio, with an <see cref="McpClient"/> on it; its stderr goes
/// to the test output. A marker in its environment lets the test find its process and its Chromium children.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly string _marker = Guid.NewGuid().ToString("N");

    private ServerProcess()
    {
    }

    public McpClient Client { get; private set; } = null!;

    /// <summary>
    /// A cold start on a busy machine can take longer than the SDK's 5-second server/discover probe; waiting
    /// for the whole handshake instead avoids a fallback that a server already answering the probe refuses.
    /// </summary>
    public static McpClientOptions Options { get; } = new() { DiscoverProbeTimeout = Timeout.InfiniteTimeSpan, InitializationTimeout = TimeSpan.FromSeconds(60) };

    public static async Task<ServerProcess> StartAsync(IDictionary<string, string?>? environment = null, CancellationToken cancellationToken = default) =>
        await StartAsync(environment, Options, cancellationToken);

    public static Task<ServerProcess> StartAsync(IDictionary<string, string?>? environment, McpClientOptions options, CancellationToken cancellationToken = default) =>
        StartAsync("dotnet", [RepoPaths.ServerDll], environment, options, cancellationToken);

    /// <summary>The server started by <paramref name="command"/> (an installed tool, <c>dnx</c>) instead of the built dll.</summary>
    public static async Task<ServerProcess> StartAsync(
        string command,
        IList<string> arguments,
        IDictionary<string, string?>? environment,
        McpClientOptions options,
        CancellationToken cancellationToken = default)
    {
        var server = new ServerProcess();
        var env = new Dictionary<string, string?>
        {
            ["SessionMcp__DataPath"] = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", server._marker),
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            env[name] = value;
        }

        env["SESSIONMCP_TEST_MARKER"] = server._marker;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = "SessionMcp",
            Command = command,
            Arguments = arguments,
            EnvironmentVariables = env,
            StandardErrorLines = line => TestContext.Current.SendDiagnosticMessage("[server] " + line),
            ShutdownTimeout = TimeSpan.FromSeconds(20),
        });
        server.Client = await McpClient.CreateAsync(transport, options, cancellationToken: cancellationToken);
        return server;
    }

    /// <summary>The server's process id, found by its environment marker.</summary>
    public int? ProcessId
    {
        get
        {
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), out var pid))
                {
                    continue;
                }

                try
                {
                    if (File.ReadAllText(Path.Combine(dir, "environ")).Contains("SESSIONMCP_TEST_MARKER=" + _marker, StringComparison.Ordinal))
                    {
                        return pid;
                    }
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // Not ours, or gone.
                }
            }

            return null;
        }
    }

    /// <summary>Ends the server as <c>kill -9</c> does: no shutdown code runs. Returns once the process is gone.</summary>
    public async Task KillAsync()
    {
        using var process = System.Diagnostics.Process.GetProcessById(ProcessId ?? throw new InvalidOperationException("the server process is not running."));
        process.Kill();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Chromium processes the server started, now.</summary>
    public IReadOnlyList<int> ChromiumProcesses() => ProcessId is { } pid ? Common.ChromiumProcesses.Under(pid) : [];

    /// <summary>Closes stdin (as a client that quits does) and waits for the process to exit.</summary>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
    }
}
