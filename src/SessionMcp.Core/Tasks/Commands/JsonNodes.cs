using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

internal static class JsonNodes
{
    /// <summary>A page value (as Playwright returns it) as a node of the step result.</summary>
    public static JsonNode? From(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } element ? JsonNode.Parse(element.GetRawText()) : null;
}
