using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server.Filters;

/// <summary>
/// A <c>tools/call</c> whose <c>arguments</c> is not an object is invalid params (-32602) that says so, not the
/// SDK's "an error occurred" (-32603) from failing to read the request.
/// </summary>
internal static class ToolCallShapeFilter
{
    public static McpMessageHandler Wrap(McpMessageHandler next) =>
        (context, cancellationToken) =>
        {
            if (context.JsonRpcMessage is JsonRpcRequest { Method: RequestMethods.ToolsCall } request && Problem(request.Params) is { } problem)
            {
                throw new McpProtocolException($"tools/call: {problem}", McpErrorCode.InvalidParams);
            }

            return next(context, cancellationToken);
        };

    private static string? Problem(JsonNode? parameters) => parameters switch
    {
        null => "params are missing; send {\"name\": \"<tool>\", \"arguments\": {...}}.",
        not JsonObject => "params must be an object {\"name\": \"<tool>\", \"arguments\": {...}}.",
        JsonObject o when o["name"] is not JsonValue name || name.GetValueKind() != System.Text.Json.JsonValueKind.String => "params.name must be the tool's name, a string.",
        JsonObject o when o["arguments"] is { } arguments && arguments is not JsonObject => "params.arguments must be an object of argument names and values, such as {\"browser_session_id\": \"pbs_…\"}.",
        _ => null,
    };
}
