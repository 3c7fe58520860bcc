using SessionMcp.Core;
using SessionMcp.Server.Models;

namespace SessionMcp.Server;

/// <summary>SessionMcp over stdio, for Claude Desktop and IDEs: stdout carries the protocol, every log goes to stderr.</summary>
public static class StdioServerHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<SessionMcpOptions>(builder.Configuration.GetSection(SessionMcpOptions.SectionName));
        builder.Services.AddServerModel(builder.Configuration);
        builder.Services.AddSessionMcpServer().WithStdioServerTransport();
        return builder.Build();
    }
}
