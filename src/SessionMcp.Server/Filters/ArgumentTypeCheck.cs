using System.Text.Json;
using SessionMcp.Core;

namespace SessionMcp.Server.Filters;

/// <summary>
/// Finds the argument whose JSON type does not fit the tool's input schema, so a binding failure can name it;
/// the serializer only reports the failing value, not which argument held it.
/// </summary>
internal static class ArgumentTypeCheck
{
    public static string? Describe(JsonElement inputSchema, IDictionary<string, JsonElement>? arguments)
    {
        if (arguments is null || !inputSchema.TryGetProperty("properties", out var properties))
        {
            return null;
        }

        foreach (var (name, value) in arguments)
        {
            if (!properties.TryGetProperty(name, out var property) || !property.TryGetProperty("type", out var type))
            {
                continue;
            }

            var allowed = type.ValueKind == JsonValueKind.Array ? type.EnumerateArray().Select(t => t.GetString()!).ToList() : [type.GetString()!];
            if (!allowed.Any(t => Fits(t, value)))
            {
                var expected = string.Join(" or ", allowed.Where(t => t != "null"));
                return $"argument '{name}' must be {Article(expected)} {expected}{Range(property)}; got {JsonDescription.Of(value)}.";
            }
        }

        return null;
    }

    private static bool Fits(string type, JsonElement value) => type switch
    {
        // Every integer argument of these tools is a 32-bit int: 2147483648 cannot be bound, so it is named here.
        "integer" => value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out _),
        "number" => value.ValueKind == JsonValueKind.Number,
        "string" => value.ValueKind == JsonValueKind.String,
        "boolean" => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        "object" => value.ValueKind == JsonValueKind.Object,
        "array" => value.ValueKind == JsonValueKind.Array,
        "null" => value.ValueKind == JsonValueKind.Null,
        _ => true,
    };

    private static string Range(JsonElement property) =>
        property.TryGetProperty("minimum", out var min) && property.TryGetProperty("maximum", out var max) ? $" from {min.GetRawText()} to {max.GetRawText()}" : "";

    private static string Article(string word) => word.Length > 0 && "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
