using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>One in-memory server and one test site for the contract tests of a class.</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    public InMemoryServer Server { get; private set; } = null!;

    public LocalSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await LocalSite.StartAsync();
        Server = await InMemoryServer.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        await Site.DisposeAsync();
    }
}
