using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Tests;

/// <summary>The temporary folders of a killed server's browsers are removed by the next server, and only those.</summary>
public sealed class BrowserLeftoversTests
{
    [Fact]
    public void ReapAbandoned_RemovesTheFoldersAnEndedServerListed_AndNothingElse()
    {
        using var alive = BrowserLeftovers.Claim();
        var id = Guid.NewGuid().ToString("N");
        var profile = Directory.CreateTempSubdirectory("playwright_chromiumdev_profile-").FullName;
        var notListed = Directory.CreateTempSubdirectory("playwright_chromiumdev_profile-").FullName;
        File.WriteAllText(Path.Combine(profile, "Cookies"), "left by a killed server");
        File.WriteAllLines(Path.Combine(BrowserLeftovers.Root, id + ".dirs"), [profile]);
        File.WriteAllText(Path.Combine(BrowserLeftovers.Root, id + ".lock"), "");
        try
        {
            BrowserLeftovers.ReapAbandoned();

            Assert.False(Directory.Exists(profile));
            Assert.False(File.Exists(Path.Combine(BrowserLeftovers.Root, id + ".lock")));
            Assert.True(Directory.Exists(notListed));
            Assert.DoesNotContain(BrowserLeftovers.FindAbandoned(), l => l.Contains(id, StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(notListed, recursive: true);
        }
    }

    [Fact]
    public async Task Launch_ListsItsProfile_AndAGracefulStopLeavesNothing()
    {
        var options = new SessionMcpOptions { DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        var browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await browser.WarmUpAsync(TestContext.Current.CancellationToken);
        var list = browser.LeftoversList!;
        var listed = BrowserLeftovers.Listed(list);

        await browser.DisposeAsync();

        Assert.Contains(listed, f => Path.GetFileName(f).StartsWith("playwright_chromiumdev_profile-", StringComparison.Ordinal));
        Assert.False(File.Exists(list));
    }
}
