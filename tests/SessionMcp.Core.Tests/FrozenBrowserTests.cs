using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// A browser frozen with SIGSTOP (connected, answering nothing): calls fail at their deadlines instead of waiting for
/// ever, health says so, closing stops the frozen browser after a grace, and the next session gets a new one.
/// </summary>
public sealed class FrozenBrowserTests(BrowserFixture fixture)
{
    [Fact(Timeout = 180_000)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task FrozenBrowser_CallsFailAtTheirDeadlines_CloseStopsIt_AndThePoolRecovers()
    {
        var options = new SessionMcpOptions { StepTimeoutMs = 2_000, WarmContexts = 0, DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        await using var browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await using var harness = new CoreHarness(browser, options, TimeProvider.System);
        var first = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
        var frozen = Signal("STOP", first.Host.LaunchSwitch!);
        try
        {
            Assert.False(await browser.BrowsersRespondAsync(TimeSpan.FromSeconds(1)));

            // Closing waits a grace, then stops the browser that does not answer: the session is closed either way.
            await harness.Pool.CloseAsync(first, CloseReason.Closed).WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Equal(BrowserSessionStatus.Closed, first.Status);
            Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(frozen, TimeSpan.FromSeconds(10)));

            // The next session gets a new browser.
            var second = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
            var run = await harness.RunAsync(second, ("extract_text", """{"selector": "h1"}"""));
            Assert.Equal("Log in", run.Output!.GetValue<string>());

            // Frozen again: a create fails at its deadline, naming what happened, and stops it too.
            var again = Signal("STOP", second.Host.LaunchSwitch!);
            var error = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync())
                .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
            Assert.Contains("did not answer within 4 s", error.Message, StringComparison.Ordinal);
            Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(again, TimeSpan.FromSeconds(10)));
            await second.Closed.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
            Assert.Equal(CloseReason.Crashed, second.CloseReason);
        }
        finally
        {
            Signal("CONT", first.Host.LaunchSwitch!);
        }
    }

    /// <summary>Sends a signal to the browser launched with <paramref name="launchSwitch"/>; returns its process ids.</summary>
    private static IReadOnlyList<int> Signal(string signal, string launchSwitch)
    {
        var pids = ChromiumProcesses.WithArgument(launchSwitch);
        foreach (var pid in pids)
        {
            using var kill = Process.Start("kill", $"-{signal} {pid}");
            kill.WaitForExit();
        }

        return pids;
    }
}
