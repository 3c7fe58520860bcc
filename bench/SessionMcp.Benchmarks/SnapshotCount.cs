using System.Text.RegularExpressions;

namespace SessionMcp.Benchmarks;

/// <summary>Counts the elements of a snapshot an agent can act on: lines of an interactive role that carry a ref.</summary>
internal static partial class SnapshotCount
{
    private static readonly string[] InteractiveRoles = ["button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox"];

    public static int InteractiveRefs(string snapshot) =>
        snapshot.Split('\n')
            .Select(line => line.TrimStart(' ', '-'))
            .SelectMany(line => line.Split(" | "))
            .Where(part => InteractiveRoles.Any(role => part.StartsWith(role + " ", StringComparison.Ordinal)))
            .Select(part => RefPattern().Match(part))
            .Where(match => match.Success)
            .Select(match => match.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .Count();

    [GeneratedRegex(@"\[ref=([a-z0-9]+)\]")]
    private static partial Regex RefPattern();
}
