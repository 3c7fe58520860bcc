using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Protocol;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;
using SessionMcp.Core;
using SessionMcp.Server.Filters;
using SessionMcp.Server.Schemas;
using SessionMcp.Server.Tools;

namespace SessionMcp.Server;

/// <summary>The MCP server's registration, shared by Program and the tests so both serve the same tools the same way.</summary>
public static class McpServerSetup
{
    public const string ServerName = "SessionMcp";

    public static IMcpServerBuilder AddSessionMcpServer(this IServiceCollection services, bool warmUpBrowser = true)
    {
        services.AddSessionMcpCore(warmUpBrowser);
        services.AddSingleton<IPostConfigureOptions<McpServerOptions>, PortableToolSchemas>();
        return services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new Implementation
                {
                    Name = ServerName,
                    Title = "SessionMcp: live browser sessions for agents",
                    Version = ServerVersion.Full ?? "0.1.0",
                };
                options.ServerInstructions =
                    "Browser sessions that stay alive between calls. create_browser_session, then run_task with its browser_session_id " +
                    "(commands such as navigate, snapshot, click {ref}, type_text, extract_text), stream_frame to look, close_browser_session when done. " +
                    "snapshot returns the page's accessibility tree with refs (e12) that click/type_text accept; it costs far fewer tokens than a screenshot.";
            })
            .WithTools<SessionTools>(SessionMcpJson.Options)
            .WithTools<TaskTools>(SessionMcpJson.Options)
            .WithTools<FrameTools>(SessionMcpJson.Options)
            .WithTools<ProfileTools>(SessionMcpJson.Options)
            .WithMessageFilters(filters => filters.AddIncomingFilter(ToolCallShapeFilter.Wrap))
            .WithRequestFilters(filters => filters
                .AddCallToolFilter(ToolTelemetryFilter.Wrap)
                .AddCallToolFilter(ToolErrorFilter.Wrap)
                .AddCallToolFilter(StructuredTextFilter.Wrap)
                .AddCallToolFilter(ArgumentSizeFilter.Wrap)
                .AddCallToolFilter(ArgumentPresenceFilter.Wrap));
    }
}
