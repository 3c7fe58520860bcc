using Microsoft.Playwright;

namespace SessionMcp.Core.Browser;

/// <summary>
/// Playwright's driver, a Node.js process that inherits this one's environment and takes about half a second of
/// CPU to start. The server starts it first thing (<see cref="StartEarly"/>), alongside its own start-up, so the
/// first session does not wait for the two one after the other.
/// </summary>
public static class PlaywrightDriver
{
    private static Task<IPlaywright>? _early;

    /// <summary>Starts a driver in the background, for the first <see cref="BrowserProvider"/> to take.</summary>
    public static void StartEarly() => Interlocked.CompareExchange(ref _early, Task.Run(StartAsync), null);

    /// <summary>The driver started early, once; otherwise (or if that one failed) a new one.</summary>
    internal static async Task<IPlaywright> TakeAsync()
    {
        if (Interlocked.Exchange(ref _early, null) is { } early)
        {
            try
            {
                return await early;
            }
            catch (PlaywrightException)
            {
                // Start again below: the error, if it repeats, is then the caller's to report.
            }
        }

        return await StartAsync();
    }

    /// <summary>A 1 MB young generation keeps the driver's heap near what it uses: about 25 MiB less for one driver that serves every session.</summary>
    private static Task<IPlaywright> StartAsync()
    {
        var nodeOptions = Environment.GetEnvironmentVariable("NODE_OPTIONS") ?? "";
        if (!nodeOptions.Contains("--max-semi-space-size", StringComparison.Ordinal))
        {
            Environment.SetEnvironmentVariable("NODE_OPTIONS", (nodeOptions + " --max-semi-space-size=1").Trim());
        }

        return Playwright.CreateAsync();
    }
}
