using System.Globalization;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>Budgets and diffs of snapshot text.</summary>
internal static class SnapshotText
{
    /// <summary>
    /// The part of <paramref name="text"/> from <paramref name="offset"/>, at most <paramref name="maxChars"/> long,
    /// cut at a line end where one is near, with a marker that says how to get the rest.
    /// </summary>
    public static string Window(string text, int offset, int? maxChars)
    {
        if (offset >= text.Length && offset > 0)
        {
            return string.Create(CultureInfo.InvariantCulture, $"[nothing at offset {offset}: the snapshot has {text.Length} characters]");
        }

        var end = maxChars is { } max ? Math.Min(text.Length, offset + max) : text.Length;
        if (end < text.Length)
        {
            var lineEnd = text.LastIndexOf('\n', end - 1, end - offset);
            if (lineEnd > offset)
            {
                end = lineEnd + 1;
            }
        }

        var window = text[offset..end];
        return end < text.Length
            ? window + string.Create(CultureInfo.InvariantCulture, $"\n[truncated: characters {offset}–{end} of {text.Length} shown; call snapshot again with offset={end} for the rest]")
            : window;
    }

    /// <summary>
    /// The lines of <paramref name="current"/> that the previous snapshot did not have, with a header counting the
    /// lines that went away; the whole snapshot when there is no previous one.
    /// </summary>
    public static string Changes(string? previous, string current)
    {
        if (previous is null)
        {
            return "[no earlier snapshot of this page: the whole snapshot follows]\n" + current;
        }

        var before = Count(previous.Split('\n'));
        var added = new List<string>();
        foreach (var line in current.Split('\n'))
        {
            if (before.TryGetValue(line, out var n) && n > 0)
            {
                before[line] = n - 1;
            }
            else
            {
                added.Add(line);
            }
        }

        var removed = before.Values.Sum();
        if (added.Count == 0 && removed == 0)
        {
            return "[no changes since the last snapshot]";
        }

        return string.Create(CultureInfo.InvariantCulture, $"[changes since the last snapshot: {added.Count} new or changed line(s) below, {removed} line(s) gone]\n") + string.Join('\n', added);
    }

    private static Dictionary<string, int> Count(IEnumerable<string> lines)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        return counts;
    }
}
