using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SessionMcp.Core;
using SessionMcp.Server;

var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

// stdout carries the MCP protocol: every log line goes to stderr.
builder.Logging.ClearProviders();
builder.Logging.AddConsole(options => options.LogToStandardErrorThreshold = LogLevel.Trace);

builder.Services.Configure<SessionMcpOptions>(builder.Configuration.GetSection(SessionMcpOptions.SectionName));
builder.Services.AddSessionMcpServer().WithStdioServerTransport();

await builder.Build().RunAsync();
