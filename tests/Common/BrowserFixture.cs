using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core;
using SessionMcp.Core.Browser;
using Xunit;

namespace SessionMcp.Tests.Common;

/// <summary>
/// One real Chromium and one test site for a whole test assembly, as a user's server has one browser for all
/// sessions. Each test builds its own pool and runner on it (<see cref="CreateHarness"/>), with its own settings.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public SessionMcpOptions Options { get; } = new() { WarmContexts = 2 };

    public BrowserProvider Provider { get; private set; } = null!;

    public LocalSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await LocalSite.StartAsync();
        Provider = new BrowserProvider(Options, NullLogger<BrowserProvider>.Instance);
        await Provider.WarmUpAsync(CancellationToken.None);
    }

    /// <summary>A pool, runner and frame source on the shared browser; tests that expect a step to fail set a short step timeout.</summary>
    public CoreHarness CreateHarness(Action<SessionMcpOptions>? configure = null, TimeProvider? time = null)
    {
        var options = new SessionMcpOptions { StepTimeoutMs = 10_000, RunTimeoutSeconds = 120 };
        configure?.Invoke(options);
        return new CoreHarness(Provider, options, time ?? TimeProvider.System);
    }

    public async ValueTask DisposeAsync()
    {
        await Provider.DisposeAsync();
        await Site.DisposeAsync();
    }
}
