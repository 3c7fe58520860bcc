using System.Diagnostics;
using System.Text.Json;

namespace SessionMcp.Benchmarks;

/// <summary>
/// Process start to <c>tools/list</c> answered, over raw JSON-RPC lines on stdio: the same three messages for every
/// server, so no client's own start-up or protocol probing counts.
/// </summary>
internal static class ColdStart
{
    public static async Task<Stats> MeasureAsync(int runs, string command, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo(command, arguments) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
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
            process.StandardInput.Close();
            if (!process.WaitForExit(TimeSpan.FromSeconds(20)))
            {
                process.Kill(entireProcessTree: true);
            }
        }

        return Stats.Of(times);
    }

    private static async Task ReadResponseAsync(Process process, int id)
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            using var message = JsonDocument.Parse(line);
            if (message.RootElement.TryGetProperty("id", out var got) && got.GetInt32() == id)
            {
                return;
            }
        }

        throw new InvalidOperationException("the server closed its output before answering");
    }
}
