using System.Diagnostics;
using System.Text.Json;
using SessionMcp.Core;
using SessionMcp.Core.Browser;

namespace SessionMcp.Tests.Common;

/// <summary>
/// <c>playwright run-server</c> from the Playwright driver that ships with Microsoft.Playwright (same version as the
/// client), on a free loopback port: the remote browser server a host can use instead of launching Chromium. It
/// launches a browser for each client, with the launch options the client sends (<c>--unsafe</c> lets those name this
/// machine's Chromium and its switches: Playwright's own browsers cannot be downloaded here).
/// </summary>
public sealed class PlaywrightBrowserServer : IAsyncDisposable
{
    private readonly Process _process;

    private PlaywrightBrowserServer(Process process, int port)
    {
        _process = process;
        Url = $"ws://127.0.0.1:{port}/";
    }

    public string Url { get; }

    public int ProcessId => _process.Id;

    /// <summary>What a client sends as <c>x-playwright-launch-options</c>: this machine's Chromium, with the server's own switches.</summary>
    public static string LaunchOptions() => JsonSerializer.Serialize(new
    {
        executablePath = new BrowserLocator(new SessionMcpOptions()).Resolve(BrowserKind.Chromium).ExecutablePath,
        args = LaunchArgs.For([]),
        headless = true,
    });

    public static async Task<PlaywrightBrowserServer> StartAsync()
    {
        var driver = Path.Combine(AppContext.BaseDirectory, ".playwright");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo(Path.Combine(driver, "node", "linux-x64", "node"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { Path.Combine(driver, "package", "cli.js"), "run-server", "--port", $"{port}", "--host", "127.0.0.1", "--unsafe" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data?.Contains("Listening on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await listening.Task.WaitAsync(TimeSpan.FromSeconds(30));
        return new PlaywrightBrowserServer(process, port);
    }

    /// <summary>Kills the server and the browsers it launched, as a lost machine would.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
