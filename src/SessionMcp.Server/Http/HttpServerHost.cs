using Microsoft.AspNetCore.Authentication;
using SessionMcp.Core;

namespace SessionMcp.Server.Http;

/// <summary>
/// SessionMcp over HTTP: Streamable HTTP at <c>/mcp</c> (stateless: sessions are our own <c>pbs_</c> ids bound to
/// the caller's identity, not to an MCP session), the live view and its frame stream, the dashboard and
/// <c>/healthz</c>, behind Host/Origin checks and API keys.
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

        var http = new HttpOptions();
        builder.Configuration.GetSection(HttpOptions.SectionName).Bind(http);
        BindAddresses.EnsureSafe(http);
        builder.WebHost.UseUrls(http.Urls);

        // Reachable from elsewhere, the browser must not become a way into this machine or its network.
        var exposed = BindAddresses.Parse(http.Urls).Any(u => !BindAddresses.IsLoopback(u.Host));
        builder.Services.PostConfigure<SessionMcpOptions>(options =>
        {
            options.Navigation.GuardAllRequests ??= true;
            options.Navigation.AllowPrivateNetworks ??= !exposed;
            options.Navigation.AllowLoopback ??= !exposed;
        });

        builder.Services.AddSessionMcpServer().WithHttpTransport(options => options.Stateless = true);
        builder.Services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        builder.Services.AddAuthorization();
        builder.Services.AddSingleton<OriginGuard>();
        builder.Services.AddSingleton<LiveViewLinks>();

        var app = builder.Build();
        app.UseMiddleware<OriginGuard>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapHealth();
        app.MapLiveView();
        app.MapFrameEvents();
        app.MapDashboard(keysRequired: http.ApiKeys.Count > 0);
        var mcp = app.MapMcp("/mcp");
        if (http.ApiKeys.Count > 0)
        {
            mcp.RequireAuthorization();
        }

        return app;
    }
}
