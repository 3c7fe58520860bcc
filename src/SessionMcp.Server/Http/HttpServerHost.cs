using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Rewrite;
using ModelContextProtocol.AspNetCore;
using SessionMcp.Cluster;
using SessionMcp.Core;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Server.Logging;
using SessionMcp.Server.Telemetry;
using SessionMcp.Server.Models;

namespace SessionMcp.Server.Http;

/// <summary>
/// SessionMcp over HTTP: Streamable HTTP at <c>/mcp</c> (stateless for current clients: sessions are our own
/// <c>pbs_</c> ids bound to the caller's identity, not to an MCP session), legacy SSE at <c>/sse</c> for older
/// clients, the live view and its frame stream, the dashboard and <c>/healthz</c>, behind Host/Origin checks and API keys.
/// </summary>
public static class HttpServerHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<SessionMcpOptions>(builder.Configuration.GetSection(SessionMcpOptions.SectionName));
        builder.Services.AddOptions<HttpOptions>().Bind(builder.Configuration.GetSection(HttpOptions.SectionName)).ValidateDataAnnotations();
        configure?.Invoke(builder);
        var metricsEndpoint = builder.Services.AddSessionMcpTelemetry(builder.Configuration, http: true);
        builder.Services.RedactAllLogs(builder.Configuration);

        var http = new HttpOptions();
        builder.Configuration.GetSection(HttpOptions.SectionName).Bind(http);
        BindAddresses.EnsureSafe(http);
        builder.WebHost.UseUrls(http.Urls);

        // Reachable from elsewhere, the browser must not become a way into this machine or its network.
        var exposed = BindAddresses.Parse(http.Urls).Any(u => !BindAddresses.IsLoopback(u.Host));
        builder.Services.PostConfigure<SessionMcpOptions>(options =>
        {
            options.Navigation.GuardAllRequests ??= true;
            options.WaitForHuman ??= true;
            options.Navigation.AllowPrivateNetworks ??= !exposed;
            options.Navigation.AllowLoopback ??= !exposed;
            options.UploadsPath ??= Path.Combine(DataFolder.Of(options), "uploads");
        });

        builder.Services.AddServerModel(builder.Configuration);
        var clustered = builder.AddSessionMcpCluster();
        builder.Services.AddSessionMcpServer().WithHttpTransport(options =>
        {
            // Current clients (2026-07-28) are served statelessly; clients that still start with initialize get
            // the session they need, which the legacy SSE endpoint (/sse, /message) depends on. A host of a cluster
            // serves every request statelessly: behind a load balancer without stickiness, the next request of an
            // MCP session may reach any host (browser sessions are found wherever they live).
            options.SessionMode = clustered ? HttpServerSessionMode.Stateless : HttpServerSessionMode.StatefulForInitializeClients;
#pragma warning disable MCP9004 // Legacy SSE lacks backpressure; kept for older clients, behind the same keys, Host/Origin checks and session caps as /mcp.
            options.EnableLegacySse = !clustered;
#pragma warning restore MCP9004
        });
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<OriginGuard>();
        builder.Services.AddLegacySseRateLimit(http);
        builder.Services.AddSingleton<LiveViewLinks>();
        if (clustered)
        {
            builder.Services.AddHttpForwarder();
            builder.Services.AddSingleton<IThisHostAddress>(sp => new ThisHostAddress(
                sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>(),
                sp.GetRequiredService<SessionMcpClusterOptions>().AdvertisedAddress));
        }

        var app = builder.Build();
        app.UseMiddleware<OriginGuard>();
        if (clustered)
        {
            app.UseClusterLiveView();
        }

        // The SDK serves legacy SSE under the MCP route (/mcp/sse, /mcp/message); the contract names /sse.
        app.UseRewriter(new RewriteOptions().AddRewrite("^sse$", "mcp/sse", skipRemainingRules: true).AddRewrite("^message$", "mcp/message", skipRemainingRules: true));
        app.UseRateLimiter();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapLiveView();
        app.MapFrameEvents();
        app.MapHumanAnswers();
        app.MapLiveControl();
        var traces = app.MapTraceDownload();
        app.MapDashboard(keysRequired: http.ApiKeys.Count > 0);
        var dashboardData = app.MapDashboardData();
        var mcp = app.MapMcp("/mcp");
        var metrics = metricsEndpoint ? app.MapPrometheusScrapingEndpoint("/metrics") : null;
        if (http.ApiKeys.Count > 0)
        {
            mcp.RequireAuthorization();
            metrics?.RequireAuthorization();
            traces.RequireAuthorization();
            foreach (var endpoint in dashboardData)
            {
                endpoint.RequireAuthorization();
            }
        }

        return app;
    }
}
