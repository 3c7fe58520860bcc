using System.Text.RegularExpressions;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The refs of the elements an agent can act on in a snapshot (full or compact): on lines, cells of a compact table
/// row, or in running text, whose role is interactive. What a snapshot must not lose, for the tests and the
/// benchmark alike.
/// </summary>
public static partial class InteractiveRefs
{
    public static IReadOnlySet<string> Of(string snapshot) =>
        snapshot.Split('\n')
            .SelectMany(line => InteractivePattern().Matches(line))
            .Select(match => match.Groups["ref"].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>The first ref after the first <paramref name="element"/> (such as <c>link "Next"</c>), on its line.</summary>
    public static string RefOf(string snapshot, string element)
    {
        var line = snapshot.Split('\n').FirstOrDefault(l => l.Contains(element, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no line with {element} in the snapshot");
        var after = line[line.IndexOf(element, StringComparison.Ordinal)..];
        return RefPattern().Match(after) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException($"no ref on: {line}");
    }

    /// <summary>Every <c>[ref=…]</c> in the text, interactive or not.</summary>
    public static int CountAll(string snapshot) => RefPattern().Count(snapshot);

    [GeneratedRegex(@"\[ref=([a-z0-9]+)\]")]
    private static partial Regex RefPattern();

    /// <summary>
    /// An interactive element where a line starts (after its dash or YAML quote), in a table row's cell, or inside
    /// running text: its role, its quoted name, its attributes, and its ref.
    /// </summary>
    [GeneratedRegex("""(?:^[\s'-]*|\| |\s)(?:button|link|textbox|searchbox|checkbox|radio|combobox)(?: "(?:[^"\\]|\\.)*")?(?: \[(?!ref=)[^\]]*\])* \[ref=(?<ref>[a-z0-9]+)\]""")]
    private static partial Regex InteractivePattern();
}
