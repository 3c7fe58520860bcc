using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace SessionMcp.Core.Frames;

/// <summary>Reads interactive elements' refs and boxes out of an AI snapshot taken with boxes.</summary>
internal static partial class SnapshotBoxes
{
    private static readonly HashSet<string> InteractiveRoles = new(StringComparer.Ordinal)
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "listbox", "option", "menuitem",
        "menuitemcheckbox", "menuitemradio", "tab", "switch", "slider", "spinbutton", "treeitem",
    };

    /// <summary>Takes an AI snapshot with boxes of <paramref name="page"/> and reads its interactive elements, scaled.</summary>
    public static async Task<IReadOnlyList<ElementBox>> TakeAsync(IPage page, double scale) =>
        Parse(await page.AriaSnapshotAsync(new PageAriaSnapshotOptions { Mode = AriaSnapshotMode.Ai, Boxes = true }), scale);

    public static IReadOnlyList<ElementBox> Parse(string snapshot, double scale)
    {
        var boxes = new List<ElementBox>();
        foreach (var line in snapshot.Split('\n'))
        {
            var match = Line().Match(line);
            if (!match.Success || !InteractiveRoles.Contains(match.Groups["role"].Value))
            {
                continue;
            }

            int Scaled(string group) => (int)Math.Round(int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture) * scale);
            var width = Scaled("w");
            var height = Scaled("h");
            if (width == 0 || height == 0)
            {
                continue;
            }

            var name = match.Groups["name"].Success ? Regex.Unescape(match.Groups["name"].Value) : null;
            boxes.Add(new ElementBox(match.Groups["ref"].Value, match.Groups["role"].Value, name, Scaled("x"), Scaled("y"), width, height));
        }

        return boxes;
    }

    [GeneratedRegex("""^\s*- (?<role>[a-z]+)(?: "(?<name>(?:[^"\\]|\\.)*)")?.*?\[ref=(?<ref>[a-z0-9]+)\].*?\[box=(?<x>-?\d+),(?<y>-?\d+),(?<w>\d+),(?<h>\d+)\]""")]
    private static partial Regex Line();
}
