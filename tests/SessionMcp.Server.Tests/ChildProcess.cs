using System.Diagnostics;

namespace SessionMcp.Server.Tests;

/// <summary>A program the tests run to its end (the example, dotnet pack, an installed tool), with what it printed.</summary>
public static class ChildProcess
{
    public sealed record Ended(int ExitCode, string Output, string Errors);

    public static async Task<Ended> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment, TimeSpan limit)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(limit, TestContext.Current.CancellationToken);
        return new Ended(process.ExitCode, await output, await errors);
    }
}
