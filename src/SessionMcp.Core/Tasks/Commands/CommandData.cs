using System.Text.Json;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// The <c>data</c> object of one command, read with errors that name the exact field
/// (<c>commands[2].data.selector</c>) and what it must be.
/// </summary>
public sealed class CommandData
{
    private readonly JsonElement _data;

    public CommandData(JsonElement? data, string path)
    {
        Path = path;
        if (data is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } present && present.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidArgumentException(path, $"must be an object of named fields, such as {{\"selector\": \"#email\"}}; got {JsonDescription.Of(present)}.");
        }

        _data = data is { ValueKind: JsonValueKind.Object } obj ? obj : default;
    }

    /// <summary>Where this data sits in the request, for error messages: <c>commands[2].data</c>.</summary>
    public string Path { get; }

    public string Field(string name) => $"{Path}.{name}";

    public bool Has(string name) => TryGet(name, out _);

    public string? GetString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InvalidArgumentException(Field(name), $"must be a string; got {JsonDescription.Of(value)}.");
    }

    public string RequireString(string name, string example)
    {
        var value = GetString(name);
        return string.IsNullOrEmpty(value)
            ? throw new InvalidArgumentException(Field(name), $"is required (a non-empty string, for example {example}).")
            : value;
    }

    public int? GetInt(string name, int min, int max, string unit)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out var number))
        {
            throw new InvalidArgumentException(Field(name), $"must be a whole number of {unit} from {min} to {max}; got {JsonDescription.Of(value)}.");
        }

        return number is < 0 || number < min || number > max
            ? throw new InvalidArgumentException(Field(name), $"must be from {min} to {max} {unit}; got {number}.")
            : number;
    }

    public bool? GetBool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw new InvalidArgumentException(Field(name), $"must be true or false; got {JsonDescription.Of(value)}."),
        };
    }

    /// <summary>A list of strings; a single string is taken as a list of one.</summary>
    public IReadOnlyList<string>? GetStringList(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            return [value.GetString()!];
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
        {
            throw new InvalidArgumentException(Field(name), $"must be a list of strings; got {JsonDescription.Of(value)}.");
        }

        return [.. value.EnumerateArray().Select(v => v.GetString()!)];
    }

    /// <summary>An enum-like string field: one of <paramref name="allowed"/>.</summary>
    public string? GetChoice(string name, params string[] allowed)
    {
        var value = GetString(name);
        return value is null || allowed.Contains(value, StringComparer.Ordinal)
            ? value
            : throw new InvalidArgumentException(Field(name), $"must be {Choices(allowed)}; got '{value}'.");
    }

    /// <summary>The element a command acts on: exactly one of <c>selector</c> and <c>ref</c>.</summary>
    public ElementTarget RequireTarget()
    {
        var selector = GetString("selector");
        var reference = GetString("ref");
        if (!string.IsNullOrWhiteSpace(selector) && !string.IsNullOrWhiteSpace(reference))
        {
            throw new InvalidArgumentException(Path, "has both selector and ref; give one of them.");
        }

        if (!string.IsNullOrWhiteSpace(reference))
        {
            return ElementTarget.FromRef(reference, Field("ref"));
        }

        return string.IsNullOrWhiteSpace(selector)
            ? throw new InvalidArgumentException(Path, "needs selector (a Playwright selector such as \"#email\" or \"text=Sign in\") or ref (such as \"e12\" from the latest snapshot).")
            : ElementTarget.FromSelector(selector);
    }

    internal static string Choices(IReadOnlyList<string> allowed) =>
        allowed.Count == 1 ? allowed[0] : string.Join(", ", allowed.Take(allowed.Count - 1)) + " or " + allowed[^1];

    private bool TryGet(string name, out JsonElement value)
    {
        if (_data.ValueKind == JsonValueKind.Object && _data.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null)
        {
            return true;
        }

        value = default;
        return false;
    }
}
