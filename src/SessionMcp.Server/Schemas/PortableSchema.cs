using System.Text.Json;
using System.Text.Json.Nodes;

namespace SessionMcp.Server.Schemas;

/// <summary>
/// Rewrites the schemas the SDK derives from our C# signatures into the form every MCP client accepts: the 2025
/// protocol schemas (every property schema an object, never <c>true</c>), the TypeScript and Python SDKs (which
/// validate results against <c>outputSchema</c>), OpenAI strict tools (<c>additionalProperties: false</c> on every
/// object with properties) and Gemini-style single-<c>type</c> dialects (no <c>["string", "null"]</c>).
/// </summary>
/// <remarks>
/// The serializer leaves nulls out (<see cref="SessionMcpJson"/>), so a result field that may be null is a field
/// that may be absent: it is typed by what it holds when present and is not <c>required</c>. An argument that may be
/// null is an optional one, since null means "not given" (<see cref="Filters.ArgumentPresenceFilter"/>).
/// </remarks>
internal static class PortableSchema
{
    private static readonly string[] ValueKeywords = ["type", "anyOf", "oneOf", "allOf", "$ref", "enum", "const", "not"];

    public static JsonElement ForInput(JsonElement schema) => Rewrite(schema, input: true);

    public static JsonElement ForOutput(JsonElement schema) => Rewrite(schema, input: false);

    /// <summary>A value that may be any JSON but null, said with single-type branches so every dialect can read it.</summary>
    public static JsonObject AnyValue(string? description)
    {
        var schema = new JsonObject();
        if (description is not null)
        {
            schema["description"] = description;
        }

        schema["anyOf"] = new JsonArray(
            new JsonObject { ["type"] = "object" },
            new JsonObject { ["type"] = "array" },
            new JsonObject { ["type"] = "string" },
            new JsonObject { ["type"] = "number" },
            new JsonObject { ["type"] = "boolean" });
        return schema;
    }

    private static JsonElement Rewrite(JsonElement schema, bool input)
    {
        var root = JsonNode.Parse(schema.GetRawText())!;
        Visit(root, input);
        return JsonSerializer.SerializeToElement(root, SessionMcpJson.Options.GetTypeInfo(typeof(JsonNode)));
    }

    /// <summary>Rewrites one schema in place; returns whether it allowed null.</summary>
    private static bool Visit(JsonNode node, bool input)
    {
        if (node is not JsonObject schema)
        {
            return false;
        }

        var nullable = DropNullType(schema);
        if (schema["default"] is null && schema.ContainsKey("default"))
        {
            schema.Remove("default");
        }

        if (schema["properties"] is JsonObject properties)
        {
            VisitProperties(schema, properties, input);
        }

        if (schema["items"] is JsonObject items)
        {
            Visit(items, input);
        }

        if (schema["additionalProperties"] is JsonObject additional)
        {
            Visit(additional, input);
        }

        foreach (var keyword in new[] { "anyOf", "oneOf", "allOf" })
        {
            if (schema[keyword] is JsonArray branches)
            {
                foreach (var branch in branches)
                {
                    nullable |= branch is not null && Visit(branch, input);
                }
            }
        }

        return nullable;
    }

    private static void VisitProperties(JsonObject schema, JsonObject properties, bool input)
    {
        var optional = new List<string>();
        foreach (var (name, property) in properties.ToList())
        {
            if (property is JsonValue || (property is JsonObject o && !ValueKeywords.Any(o.ContainsKey)))
            {
                // `true`, or a schema with only a description: any value, which may also be absent.
                properties[name] = AnyValue((property as JsonObject)?["description"]?.GetValue<string>());
                optional.Add(name);
            }
            else if (property is not null && Visit(property, input) && !input)
            {
                optional.Add(name);
            }
        }

        if (schema["required"] is JsonArray required && optional.Count > 0)
        {
            foreach (var item in required.Where(r => optional.Contains(r?.GetValue<string>() ?? "")).ToList())
            {
                required.Remove(item);
            }
        }

        if (input && !schema.ContainsKey("additionalProperties"))
        {
            schema["additionalProperties"] = false;
        }
    }

    /// <summary><c>"type": ["string", "null"]</c> becomes <c>"type": "string"</c>, and null leaves an enum.</summary>
    private static bool DropNullType(JsonObject schema)
    {
        var nullable = false;
        if (schema["type"] is JsonArray types)
        {
            var kept = types.Select(t => t!.GetValue<string>()).Where(t => t != "null").ToList();
            nullable = kept.Count < types.Count;
            schema["type"] = kept.Count == 1 ? kept[0] : new JsonArray([.. kept.Select(t => (JsonNode)t)]);
        }
        else if (schema["type"]?.GetValue<string>() == "null")
        {
            nullable = true;
        }

        if (schema["enum"] is JsonArray values && values.Any(v => v is null))
        {
            nullable = true;
            schema["enum"] = new JsonArray([.. values.Where(v => v is not null).Select(v => v!.DeepClone())]);
        }

        return nullable;
    }
}
