using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;

namespace SessionMcp.Core.Tests;

/// <summary>
/// The first session on a server still warming up takes the context being made for it, rather than make a second
/// one at the same moment (each then takes twice as long on two cores), and the refill leaves its first page alone.
/// </summary>
public sealed class WarmContextTests
{
    [Fact]
    public async Task ASessionArrivingWhileTheWarmContextIsMade_TakesThatOne_AndTheNextIsMadeOnlyAfterItsFirstPage()
    {
        await using var provider = NewProvider();

        // The launch starts the refill: it is under way when the first session asks, as at start.
        var host = await provider.GetHostAsync(BrowserKind.Chromium, headless: true, TestContext.Current.CancellationToken);
        var taken = await host.TakeContextAsync(ContextSpec.Default);

        Assert.Equal(1, host.ContextCount);
        await taken.Page.GotoAsync("about:blank");
        Assert.Equal(1, host.ContextCount);

        // Then the pool is filled again, for the next session.
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (host.ContextCount < 2 && DateTimeOffset.UtcNow < deadline)
        {
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        Assert.Equal(2, host.ContextCount);
        var next = await host.TakeContextAsync(ContextSpec.Default);
        Assert.NotSame(taken.Context, next.Context);
    }

    [Fact]
    public async Task ASessionWaitingForTheBrowserBesideTheWarmUp_TakesTheWarmUpsContext()
    {
        await using var provider = NewProvider();

        // As on a server just started: the warm-up launches the browser while the first session waits for it, and
        // the session asks for a context the moment the browser is there.
        var warmUp = provider.WarmUpAsync(TestContext.Current.CancellationToken);
        var host = await provider.GetHostAsync(BrowserKind.Chromium, headless: true, TestContext.Current.CancellationToken);
        var taken = await host.TakeContextAsync(ContextSpec.Default);
        await warmUp;

        Assert.Equal(1, host.ContextCount);
        await taken.Page.GotoAsync("about:blank");
        Assert.Equal(1, host.ContextCount);
    }

    private static BrowserProvider NewProvider() => new(
        new SessionMcpOptions { WarmContexts = 1, DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N")) },
        NullLogger<BrowserProvider>.Instance);
}
