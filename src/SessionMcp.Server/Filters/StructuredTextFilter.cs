using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace SessionMcp.Server.Filters;

/// <summary>
/// A result's JSON text is exactly its structuredContent, whatever shape the negotiated protocol gives the latter
/// (before 2026-07-28 a list comes as <c>{"result": [...]}</c>), so a client that reads either sees the same thing.
/// </summary>
internal static class StructuredTextFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var result = await next(context, cancellationToken);
            // Most results were written with our options into both already (a run's can be tens of KB): only the
            // SDK's {"result": ...} envelope differs, and it is written again with our options, as its own would
            // escape every quote and non-ASCII character.
            if (result.StructuredContent is { } structured
                && result.Content.OfType<TextContentBlock>().ToList() is [var text]
                && !string.Equals(text.Text, structured.GetRawText(), StringComparison.Ordinal))
            {
                var json = JsonSerializer.Serialize(structured, SessionMcpJson.Options.GetTypeInfo(typeof(JsonElement)));
                result.Content[result.Content.IndexOf(text)] = new TextContentBlock { Text = json };
            }

            return result;
        };
}
