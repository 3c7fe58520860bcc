using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

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
        var app = LoopbackWebApp.Create();
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
        proxy = new RecordingProxy(app, await LoopbackWebApp.StartAsync(app));
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        _upstream.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
