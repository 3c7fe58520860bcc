using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

internal static class JsonNodes
{
    /// <summary>Written in place of a value that contains itself.</summary>
    public const string Circular = "[Circular]";

    /// <summary>
    /// A page value (as Playwright returns it) as a node of the step result. Playwright's serializer keeps object
    /// identity the way System.Text.Json's reference preservation does: every object starts with <c>"$id"</c>, a
    /// value seen before is <c>{"$ref": id}</c>, an array seen twice is <c>{"$id", "$values"}</c>. None of that is
    /// the page's: it is unwound here, a repeated value written out again, a value inside itself as "[Circular]".
    /// </summary>
    public static JsonNode? From(JsonElement? value) =>
        value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } element ? new Unwinder().Read(element) : null;

    private sealed class Unwinder
    {
        private readonly Dictionary<string, JsonNode?> _seen = new(StringComparer.Ordinal);
        private readonly HashSet<string> _open = new(StringComparer.Ordinal);

        public JsonNode? Read(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => ReadObject(element),
            JsonValueKind.Array => ReadArray(element),
            JsonValueKind.Null or JsonValueKind.Undefined => null,
            _ => JsonValue.Create(element),
        };

        private JsonArray ReadArray(JsonElement element)
        {
            var array = new JsonArray();
            foreach (var item in element.EnumerateArray())
            {
                array.Add(Read(item));
            }

            return array;
        }

        private JsonNode? ReadObject(JsonElement element)
        {
            var properties = element.EnumerateObject().ToList();
            if (properties is [{ Name: "$ref", Value.ValueKind: JsonValueKind.String } reference])
            {
                var id = reference.Value.GetString()!;
                return _open.Contains(id) ? JsonValue.Create(Circular) : _seen.GetValueOrDefault(id)?.DeepClone();
            }

            string? ownId = null;
            if (properties is [{ Name: "$id", Value.ValueKind: JsonValueKind.String } first, ..])
            {
                ownId = first.Value.GetString()!;
                properties.RemoveAt(0);
                _open.Add(ownId);
            }

            JsonNode result;
            if (ownId is not null && properties is [{ Name: "$values", Value.ValueKind: JsonValueKind.Array } values])
            {
                result = ReadArray(values.Value);
            }
            else
            {
                var node = new JsonObject();
                foreach (var property in properties)
                {
                    // The page's own "$id" keys come after the serializer's; a repeated key keeps its last value, as in JavaScript.
                    node[property.Name] = Read(property.Value);
                }

                result = node;
            }

            if (ownId is not null)
            {
                _open.Remove(ownId);
                _seen[ownId] = result;
            }

            return result;
        }
    }
}
