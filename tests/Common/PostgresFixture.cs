using Xunit;

namespace SessionMcp.Tests.Common;

/// <summary>One PostgreSQL server for a test class; each test takes a database of its own from it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
