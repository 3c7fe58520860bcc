using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// A Playwright trace of a session (<c>record: true</c>): actions, DOM snapshots, screenshots, network and console,
/// from the start of the session to its close, when it is written as a zip that <c>npx playwright show-trace</c> opens.
/// </summary>
internal sealed class SessionTrace
{
    private SessionTrace(string path) => Path = path;

    /// <summary>Where the trace is written at close.</summary>
    public string Path { get; }

    public static async Task<SessionTrace> StartAsync(IBrowserContext context, string folder, string sessionId)
    {
        Directory.CreateDirectory(folder);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true, Title = sessionId });
        return new SessionTrace(System.IO.Path.Combine(folder, sessionId + ".zip"));
    }

    public Task StopAsync(IBrowserContext context) => context.Tracing.StopAsync(new TracingStopOptions { Path = Path });

    public void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Left for the OS's temporary-file cleaning; nothing depends on it being gone.
        }
    }
}
