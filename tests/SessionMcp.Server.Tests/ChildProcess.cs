using System.Diagnostics;

namespace SessionMcp.Server.Tests;

/// <summary>A program the tests run to its end (the example, dotnet pack, an installed tool), with what it printed.</summary>
public static class ChildProcess
{
    public sealed record Ended(int ExitCode, string Output, string Errors);

    /// <summary>Runs the program to its end; <paramref name="onOutputLine"/>, when given, sees each line it prints as it prints it.</summary>
    public static async Task<Ended> RunAsync(string file, IEnumerable<string> arguments, IDictionary<string, string?>? environment, TimeSpan limit, Func<string, Task>? onOutputLine = null)
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
        var output = ReadAsync(process, onOutputLine);
        var errors = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(limit, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            // Not left behind, and what it printed says where it stopped.
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not end within {limit.TotalSeconds:0} s; it printed:\n{await output}\n{await errors}");
        }

        return new Ended(process.ExitCode, await output, await errors);
    }

    private static async Task<string> ReadAsync(Process process, Func<string, Task>? onLine)
    {
        if (onLine is null)
        {
            return await process.StandardOutput.ReadToEndAsync();
        }

        var all = new System.Text.StringBuilder();
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            all.AppendLine(line);
            try
            {
                await onLine(line);
            }
            catch
            {
                // The test's side failed: the program would wait for it for ever.
                process.Kill(entireProcessTree: true);
                throw;
            }
        }

        return all.ToString();
    }
}
