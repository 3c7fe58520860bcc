using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace SessionMcp.Tests.Common;

/// <summary>A plain HTTP forward proxy on 127.0.0.1 that passes GET requests on and remembers the URLs it carried.</summary>
public sealed class RecordingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream = new(new HttpClientHandler { AllowAutoRedirect = false, UseProxy = false });

    private RecordingProxy(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    public ConcurrentQueue<string> Carried { get; } = new();

    public static async Task<RecordingProxy> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        RecordingProxy? proxy = null;
        app.Run(async context =>
        {
            // A proxied request names the origin in its Host header; the path is the origin's.
            var target = $"http://{context.Request.Host}{context.Request.Path}{context.Request.QueryString}";
            proxy!.Carried.Enqueue(target);
            using var response = await proxy._upstream.GetAsync(target, context.RequestAborted);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body, context.RequestAborted);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy = new RecordingProxy(app, new Uri(address));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
