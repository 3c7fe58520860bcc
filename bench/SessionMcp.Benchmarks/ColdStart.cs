using System.Diagnostics;
using System.Text.Json;

namespace SessionMcp.Benchmarks;

/// <summary>
/// Process start to <c>tools/list</c> answered, over raw JSON-RPC lines on stdio: the same three messages for every
/// server, so no client's own start-up or protocol probing counts.
/// </summary>
internal static class ColdStart
{
    public static async Task<Stats> MeasureAsync(int runs, string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment) =>
        (await MeasureAsync(runs, command, arguments, environment, null)).ToolsListed;

    /// <summary>
    /// Process start to the answer of <paramref name="firstCall"/> (a JSON-RPC <c>tools/call</c> params object) sent
    /// right after <c>tools/list</c>: what a scripted agent that starts the server and acts at once waits.
    /// </summary>
    public static async Task<(Stats ToolsListed, Stats FirstCall)> MeasureAsync(int runs, string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment, string? firstCall)
    {
        var times = new List<double>(runs);
        var firstCalls = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo(command, arguments)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = RunningServer.NewWorkingDirectory("cold-" + Guid.NewGuid().ToString("N")),
            };
            foreach (var (name, value) in environment)
            {
                start.Environment[name] = value;
            }

            start.Environment["SessionMcp__DataPath"] = Path.Combine(Path.GetTempPath(), "sessionmcp-bench", "cold-" + Guid.NewGuid().ToString("N"));
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            process.ErrorDataReceived += (_, _) => { };
            process.BeginErrorReadLine();
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18","capabilities":{},"clientInfo":{"name":"bench","version":"1"}}}""");
            await process.StandardInput.FlushAsync();
            await ReadResponseAsync(process, 1);
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","method":"notifications/initialized"}""");
            await process.StandardInput.WriteLineAsync("""{"jsonrpc":"2.0","id":2,"method":"tools/list"}""");
            await process.StandardInput.FlushAsync();
            await ReadResponseAsync(process, 2);
            times.Add(watch.Elapsed.TotalMilliseconds);
            if (firstCall is not null)
            {
                await process.StandardInput.WriteLineAsync($$"""{"jsonrpc":"2.0","id":3,"method":"tools/call","params":{{firstCall}}}""");
                await process.StandardInput.FlushAsync();
                var answer = await ReadResponseAsync(process, 3);
                firstCalls.Add(watch.Elapsed.TotalMilliseconds);
                Check.Equal("first call answered without error", answer.Contains("\"isError\":true", StringComparison.Ordinal), false);
            }

            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return (Stats.Of(times), firstCalls.Count > 0 ? Stats.Of(firstCalls) : Stats.Of(times));
    }

    private static async Task<string> ReadResponseAsync(Process process, int id)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var message = JsonDocument.Parse(line);
            if (message.RootElement.TryGetProperty("id", out var got) && got.GetInt32() == id)
            {
                return line;
            }
        }

        throw new InvalidOperationException("the server closed its output before answering");
    }
}
