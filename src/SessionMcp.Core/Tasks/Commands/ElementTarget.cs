using System.Text.RegularExpressions;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>An element named by a Playwright selector or by a ref from the session's latest snapshot.</summary>
public sealed partial record ElementTarget(string? Selector, string? Ref)
{
    public static ElementTarget FromSelector(string selector) => new(selector, null);

    public static ElementTarget FromRef(string text, string field)
    {
        // Accept what a model copies out of a snapshot: "e12", "ref=e12" or "[ref=e12]".
        var trimmed = text.Trim().Trim('[', ']');
        if (trimmed.StartsWith("ref=", StringComparison.Ordinal))
        {
            trimmed = trimmed[4..];
        }

        return RefPattern().IsMatch(trimmed)
            ? new ElementTarget(null, trimmed)
            : throw new InvalidArgumentException(field, $"'{text}' is not a snapshot ref; refs look like e12 (or f1e3 inside a frame), as shown by the snapshot command.");
    }

    /// <summary>How the target reads in an error message.</summary>
    public string Describe() => Ref is not null ? $"ref '{ErrorText.Quote(Ref)}'" : $"selector '{ErrorText.Quote(Selector!)}'";

    [GeneratedRegex("^(f[0-9]+)?e[0-9]+$")]
    private static partial Regex RefPattern();
}
