using System.Net;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using Yarp.ReverseProxy.Forwarder;

namespace SessionMcp.Server.Http;

/// <summary>
/// In a cluster, a session's live view (page, frame stream, control, a person's answer) is watched through any host:
/// a request for a session another host holds is passed to that host as it is (YARP's forwarder), and the frames
/// come from there. The holding host checks the frame token, as for a request made to it directly.
/// </summary>
internal static class ClusterLiveView
{
    private static readonly HttpMessageInvoker Hosts = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    });

    public static void UseClusterLiveView(this WebApplication app)
    {
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Use(async (context, next) =>
        {
            // FindAsync answers null for a session this host holds, as for one no live host holds.
            var id = SessionOf(context.Request);
            var cluster = context.RequestServices.GetRequiredService<IRemoteSessions>();
            if (id is null || await cluster.FindAsync(id, context.RequestAborted) is not { } elsewhere)
            {
                await next(context);
                return;
            }

            string holder;
            try
            {
                holder = await elsewhere.HttpAddressAsync(context.RequestAborted);
            }
            catch (SessionHostUnavailableException)
            {
                // Its host is gone: answered here, as a session this host does not know.
                await next(context);
                return;
            }

            await forwarder.SendAsync(context, holder, Hosts, ForwarderRequestConfig.Empty, WithoutOrigin.Instance);
        });
    }

    /// <summary>The session a live-view request is about: <c>/live/{id}[/…]</c>, or <c>/stream/sse?session_id=</c>.</summary>
    private static string? SessionOf(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/live/", StringComparison.Ordinal))
        {
            var rest = path["/live/".Length..];
            var end = rest.IndexOf('/', StringComparison.Ordinal);
            return end < 0 ? rest : rest[..end];
        }

        return path == "/stream/sse" ? request.Query["session_id"].FirstOrDefault() : null;
    }

    /// <summary>This host checked the browser's Origin already; between hosts there is none to check.</summary>
    private sealed class WithoutOrigin : HttpTransformer
    {
        public static readonly WithoutOrigin Instance = new();

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            proxyRequest.Headers.Remove("Origin");
            proxyRequest.Headers.Host = null;
        }
    }
}
