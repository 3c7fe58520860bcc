using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Tests;

/// <summary>Playwright's temporary profiles live in a folder of the server's own, and what a killed server left is reaped.</summary>
public sealed class BrowserTempFolderTests
{
    [Fact]
    public void ReapAbandoned_RemovesFoldersWhoseLockIsFree_AndKeepsHeldOnes()
    {
        using var alive = BrowserTempFolder.Claim();
        var abandoned = Path.Combine(BrowserTempFolder.Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.Combine(abandoned, "playwright_chromiumdev_profile-x", "Default"));
        File.WriteAllText(Path.Combine(abandoned, "playwright_chromiumdev_profile-x", "Default", "Cookies"), "left by a killed server");
        File.WriteAllText(abandoned + ".lock", "");

        BrowserTempFolder.ReapAbandoned();

        Assert.False(Directory.Exists(abandoned));
        Assert.False(File.Exists(abandoned + ".lock"));
        Assert.True(Directory.Exists(alive.Path));
    }

    [Fact]
    public async Task BrowserProfiles_AreMadeInTheServersFolder_AndGoWithIt()
    {
        var options = new SessionMcpOptions { DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) };
        var browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance);
        await browser.WarmUpAsync(TestContext.Current.CancellationToken);
        var ours = Directory.EnumerateDirectories(BrowserTempFolder.Root)
            .Where(folder => Directory.EnumerateDirectories(folder, "playwright_chromiumdev_profile-*").Any())
            .ToList();

        await browser.DisposeAsync();

        Assert.NotEmpty(ours);
        Assert.Contains(ours, folder => !Directory.Exists(folder));
    }
}
