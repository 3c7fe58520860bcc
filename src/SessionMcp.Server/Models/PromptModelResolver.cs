using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Prompt;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server.Models;

/// <summary>
/// Picks the model for a prompt run: the server's own first; otherwise the client's, through MCP sampling, when
/// the client offers it; otherwise none (the run is refused with advice on configuring one).
/// </summary>
internal static class PromptModelResolver
{
    public static (IChatClient? Model, string? Source) Resolve(RequestContext<CallToolRequestParams> context)
    {
        if (context.Services?.GetService<ServerModel>() is { } server)
        {
            return (server.Client, server.Description);
        }

#pragma warning disable MCP9005 // The 2026-07-28 specification deprecates sampling; it stays the fallback for clients that still offer their own model.
        if (context.Server.ClientCapabilities?.Sampling is not null)
        {
            return (context.Server.AsSamplingChatClient(), RunRequest.ClientSampling);
        }
#pragma warning restore MCP9005

        return (null, null);
    }
}
