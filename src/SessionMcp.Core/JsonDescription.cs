using System.Text.Json;

namespace SessionMcp.Core;

/// <summary>How a JSON value reads in an error message: <c>the string "abc"</c>, <c>the number 5</c>, <c>a list</c>.</summary>
public static class JsonDescription
{
    public static string Of(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{Truncate(value.GetString()!)}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => "null",
    };

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
