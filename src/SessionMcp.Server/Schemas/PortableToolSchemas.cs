using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace SessionMcp.Server.Schemas;

/// <summary>Gives every registered tool its portable input and output schemas, once, when the server's options are built.</summary>
internal sealed class PortableToolSchemas : IPostConfigureOptions<McpServerOptions>
{
    public void PostConfigure(string? name, McpServerOptions options)
    {
        foreach (var tool in options.ToolCollection ?? [])
        {
            var protocolTool = tool.ProtocolTool;
            protocolTool.InputSchema = PortableSchema.ForInput(protocolTool.InputSchema);
            if (protocolTool.OutputSchema is { } output)
            {
                protocolTool.OutputSchema = PortableSchema.ForOutput(output);
            }
        }
    }
}
