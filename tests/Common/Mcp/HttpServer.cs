using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ModelContextProtocol.Client;
using SessionMcp.Server.Http;

namespace SessionMcp.Tests.Common;

/// <summary>The server's HTTP host (<see cref="HttpServerHost"/>) in the test process, on an ephemeral 127.0.0.1 port.</summary>
public sealed class HttpServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HttpServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IServiceProvider Services => _app.Services;

    public static Task<HttpServer> StartAsync(params string[] settings) => StartAsync(null, settings);

    /// <summary>Starts the server with every log line, at every level, going to <paramref name="logs"/>.</summary>
    public static Task<HttpServer> StartAsync(CapturedLogs? logs, params string[] settings) => StartAsync(logs, null, settings);

    /// <summary>Starts the server with <paramref name="configure"/> adding to its host (exporters, services).</summary>
    public static async Task<HttpServer> StartAsync(CapturedLogs? logs, Action<WebApplicationBuilder>? configure, params string[] settings)
    {
        string[] args = ["--SessionMcp:Http:Urls=http://127.0.0.1:0", "--SessionMcp:StepTimeoutMs=10000", $"--SessionMcp:DataPath={Path.Combine(Path.GetTempPath(), "sessionmcp-tests", Guid.NewGuid().ToString("N"))}", .. settings];
        var app = HttpServerHost.Build(args, builder =>
        {
            builder.Logging.ClearProviders();
            if (logs is not null)
            {
                builder.Logging.AddProvider(logs);
                builder.Logging.SetMinimumLevel(LogLevel.Trace);
                builder.Logging.AddFilter((_, _) => true);
            }

            configure?.Invoke(builder);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpServer(app, new Uri(address + "/"));
    }

    /// <summary>An MCP client on <c>/mcp</c> (or legacy SSE on <c>/sse</c>), presenting <paramref name="apiKey"/> as x-api-key when given.</summary>
    public Task<McpClient> ConnectAsync(string? apiKey = null, bool legacySse = false)
    {
        var headers = new Dictionary<string, string>();
        if (apiKey is not null)
        {
            headers["x-api-key"] = apiKey;
        }

        return McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(BaseUrl, legacySse ? "sse" : "mcp"),
            TransportMode = legacySse ? HttpTransportMode.Sse : HttpTransportMode.StreamableHttp,
            AdditionalHeaders = headers,
        }));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
