using SessionMcp.Core.Tasks.Prompt;
using SessionMcp.Core;
using SessionMcp.Core.Tasks;
using SessionMcp.Server.Logging;
using SessionMcp.Server.Models;
using SessionMcp.Server.Telemetry;

namespace SessionMcp.Server;

/// <summary>SessionMcp over stdio, for Claude Desktop and IDEs: stdout carries the protocol, every log goes to stderr.</summary>
public static class StdioServerHost
{
    public static IHost Build(string[] args)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddSessionMcpTelemetry(builder.Configuration, http: false);
        builder.Services.RedactAllLogs(builder.Configuration);
        builder.Services.Configure<SessionMcpOptions>(builder.Configuration.GetSection(SessionMcpOptions.SectionName));
        builder.Services.AddServerModel(builder.Configuration);
        var input = new EndOfInputStream(Console.OpenStandardInput());
        builder.Services.AddSessionMcpServer().WithStreamServerTransport(input, Console.OpenStandardOutput());
        var host = builder.Build();

        // A client that quits or crashes mid-run cancels its runs (they are recorded as canceled).
        var runner = host.Services.GetRequiredService<TaskRunner>();
        input.Ended.Register(() => _ = runner.StopAllAsync("the client disconnected during the run"));
        return host;
    }
}
