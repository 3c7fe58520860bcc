using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SessionMcp.Core;
using SessionMcp.Server;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The server's own registration (<see cref="McpServerSetup"/>) hosted in the test process, with an
/// <see cref="McpClient"/> connected through in-memory pipes: the contract without a process boundary.
/// </summary>
public sealed class InMemoryServer : IAsyncDisposable
{
    private readonly IHost _host;
    private readonly Pipe[] _pipes;

    private InMemoryServer(IHost host, McpClient client, params Pipe[] pipes)
    {
        _host = host;
        Client = client;
        _pipes = pipes;
    }

    public McpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    public static async Task<InMemoryServer> StartAsync(Action<SessionMcpOptions>? configure = null, Action<IServiceCollection>? services = null)
    {
        var clientToServer = new Pipe();
        var serverToClient = new Pipe();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<SessionMcpOptions>(o =>
        {
            o.StepTimeoutMs = 10_000;
            o.DataPath = Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N"));
            configure?.Invoke(o);
        });
        builder.Services.AddSessionMcpServer().WithStreamServerTransport(clientToServer.Reader.AsStream(), serverToClient.Writer.AsStream());
        services?.Invoke(builder.Services);
        var host = builder.Build();
        await host.StartAsync();
        var client = await McpClient.CreateAsync(new StreamClientTransport(clientToServer.Writer.AsStream(), serverToClient.Reader.AsStream()));
        return new InMemoryServer(host, client, clientToServer, serverToClient);
    }

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();

        // End the streams as a client's exit ends stdin; otherwise the server's session waits out the host's shutdown timeout.
        foreach (var pipe in _pipes)
        {
            await pipe.Writer.CompleteAsync();
        }

        await _host.StopAsync();
        _host.Dispose();
    }
}
