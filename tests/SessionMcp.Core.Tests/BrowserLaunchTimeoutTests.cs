using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>A browser that starts but never says it is ready fails the create at the launch timeout, and is stopped.</summary>
public sealed class BrowserLaunchTimeoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("fake-browser-").FullName;

    [Fact(Timeout = 120_000)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task SilentBrowser_FailsTheCreate_IsKilled_AndTheNextCreateTriesAgain()
    {
        // Starts, prints nothing, waits: what a wrong binary or a wedged Chromium looks like to Playwright.
        var marker = $"{Random.Shared.Next(100_000, 999_999)}.5";
        var fake = Path.Combine(_folder, "chromium");
        await File.WriteAllTextAsync(fake, $"#!/bin/sh\nsleep {marker}\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var options = new SessionMcpOptions { BrowserExecutablePath = fake, BrowserLaunchTimeoutMs = 2_000, DataPath = Path.Combine(_folder, "data") };
        await using var browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await using var harness = new CoreHarness(browser, options, TimeProvider.System);

        var first = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync());
        var second = await Assert.ThrowsAsync<BrowserUnavailableException>(() => harness.CreateSessionAsync());

        Assert.Contains("did not start within 2,000 ms (SessionMcp:BrowserLaunchTimeoutMs)", first.Message, StringComparison.Ordinal);
        Assert.Equal(first.Message, second.Message);
        Assert.Equal(0, harness.Pool.OpenCount);
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(ChromiumProcesses.WithArgument($"sleep\0{marker}"), TimeSpan.FromSeconds(10)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
