using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server.Filters;

/// <summary>
/// Before a tool binds its arguments: <c>null</c> for an argument means "not given" (OpenAI strict tools send null
/// for every optional argument a model leaves out), and a required argument that is missing is named, with what it
/// is, instead of failing deep in the binder.
/// </summary>
internal static class ArgumentPresenceFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        (context, cancellationToken) =>
        {
            if (context.Params?.Arguments is { } arguments)
            {
                foreach (var name in arguments.Where(a => a.Value.ValueKind == JsonValueKind.Null).Select(a => a.Key).ToList())
                {
                    arguments.Remove(name);
                }
            }

            if (context.MatchedPrimitive is McpServerTool tool && Missing(tool.ProtocolTool.InputSchema, context.Params?.Arguments) is { } missing)
            {
                return ValueTask.FromResult(ToolErrorFilter.Error($"{tool.ProtocolTool.Name}: {missing}"));
            }

            return next(context, cancellationToken);
        };

    internal static string? Missing(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        if (!inputSchema.TryGetProperty("required", out var required))
        {
            return null;
        }

        foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
        {
            if (arguments?.ContainsKey(name) == true)
            {
                continue;
            }

            var what = inputSchema.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty(name, out var property)
                && property.TryGetProperty("description", out var description)
                    ? $" ({description.GetString()})"
                    : "";
            return $"argument '{name}' is required{what}; add it to the call's arguments.";
        }

        return null;
    }
}
