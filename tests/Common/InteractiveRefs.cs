using System.Text.RegularExpressions;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The refs of the elements an agent can act on in a snapshot (full or compact): on lines, or cells of a compact
/// table row, whose role is interactive. What a snapshot must not lose, for the tests and the benchmark alike.
/// </summary>
public static partial class InteractiveRefs
{
    private static readonly string[] Roles = ["button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox"];

    public static IReadOnlySet<string> Of(string snapshot) =>
        snapshot.Split('\n')
            .Select(line => line.TrimStart(' ', '-'))
            .SelectMany(line => line.Split(" | "))
            .Where(part => Roles.Any(role => part.StartsWith(role + " ", StringComparison.Ordinal) || part.StartsWith(role + ":", StringComparison.Ordinal)))
            .Select(part => RefPattern().Match(part))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Every <c>[ref=…]</c> in the text, interactive or not.</summary>
    public static int CountAll(string snapshot) => RefPattern().Count(snapshot);

    [GeneratedRegex(@"\[ref=([a-z0-9]+)\]")]
    private static partial Regex RefPattern();
}
