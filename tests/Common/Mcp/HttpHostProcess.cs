using System.Collections.Concurrent;
using System.Diagnostics;
using ModelContextProtocol.Client;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The built server as a real process serving HTTP on a free loopback port (one host of a cluster, say), ready once
/// <c>/healthz</c> answers. Its log is kept for the test to read; <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class HttpHostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();
    private readonly Action<string>? _echo;

    private HttpHostProcess(Process process, Uri baseUrl, Action<string>? echo)
    {
        _process = process;
        BaseUrl = baseUrl;
        _echo = echo;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    public bool HasExited => _process.HasExited;

    public IReadOnlyCollection<string> Log => _log;

    /// <summary>Starts the server dll <paramref name="serverDll"/> as host <paramref name="name"/>; <paramref name="echo"/> sees each line it logs, prefixed with the name.</summary>
    public static async Task<HttpHostProcess> StartAsync(string serverDll, string name, Action<string>? echo, params string[] settings)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { serverDll, "--http", $"--SessionMcp:Http:Urls=http://127.0.0.1:{port}", $"--SessionMcp:DataPath={Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N"))}" }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var host = new HttpHostProcess(process, new Uri($"http://127.0.0.1:{port}/"), echo);
        process.OutputDataReceived += (_, e) => host.Keep(name, e.Data);
        process.ErrorDataReceived += (_, e) => host.Keep(name, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await host.WaitUntilHealthyAsync(name);
        return host;
    }

    /// <summary>An MCP client on this host's <c>/mcp</c>.</summary>
    public Task<McpClient> ConnectAsync(string? apiKey = null) => Connect(BaseUrl, apiKey);

    public static Task<McpClient> Connect(Uri baseUrl, string? apiKey)
    {
        var headers = apiKey is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["x-api-key"] = apiKey };
        return McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(baseUrl, "mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }));
    }

    /// <summary>SIGKILL, as a lost machine: nothing of the host runs its shutdown.</summary>
    public void Kill() => _process.Kill(entireProcessTree: false);

    private void Keep(string name, string? line)
    {
        if (line is not null)
        {
            _log.Enqueue(line);
            _echo?.Invoke($"[{name}] {line}");
        }
    }

    private async Task WaitUntilHealthyAsync(string name)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"host {name} exited ({_process.ExitCode}) while starting:\n{string.Join('\n', _log)}");
            }

            try
            {
                if ((await http.GetAsync(new Uri(BaseUrl, "healthz"))).IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"host {name} did not answer /healthz within 60 s:\n{string.Join('\n', _log)}");
            }

            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the host's own graceful stop.
            using (var kill = Process.Start("kill", ["-TERM", $"{_process.Id}"]))
            {
                await kill.WaitForExitAsync();
            }

            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
