namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// One line of Playwright's AI snapshot (<c>- role "name" [attr] [ref=e3]: text</c>) with the lines nested under
/// it. A line this parser does not understand is kept whole in <see cref="Raw"/>, so nothing is ever lost.
/// </summary>
internal sealed class AriaNode
{
    public string Role { get; private init; } = "";

    /// <summary>The quoted accessible name, quotes and escapes included, as Playwright wrote it; null when none.</summary>
    public string? QuotedName { get; private init; }

    /// <summary>The attributes in brackets (<c>level=2</c>, <c>checked</c>, <c>ref=e3</c>, <c>cursor=pointer</c>…).</summary>
    public List<string> Attributes { get; } = [];

    /// <summary>The text after <c>": "</c>, as written (possibly YAML-quoted); null when none.</summary>
    public string? Text { get; private init; }

    /// <summary>The original line, without indentation, when it could not be parsed.</summary>
    public string? Raw { get; private init; }

    /// <summary>Properties written as children, such as <c>/url: /p/1</c>: (name, value).</summary>
    public List<(string Name, string Value)> Properties { get; } = [];

    public List<AriaNode> Children { get; } = [];

    public string? Ref => Attributes.FirstOrDefault(a => a.StartsWith("ref=", StringComparison.Ordinal))?[4..];

    public bool Has(string attribute) => Attributes.Contains(attribute, StringComparer.Ordinal);

    /// <summary>The name without its quotes (escapes left as they are), or null.</summary>
    public string? Name => QuotedName is { Length: >= 2 } quoted ? quoted[1..^1] : null;

    /// <summary>Parses a whole snapshot into its top-level nodes.</summary>
    public static List<AriaNode> ParseAll(string snapshot)
    {
        var roots = new List<AriaNode>();
        var open = new List<(int Indent, AriaNode Node)>();
        foreach (var rawLine in snapshot.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var content = line.TrimStart(' ');
            if (content.Length == 0)
            {
                continue;
            }

            var indent = line.Length - content.Length;
            while (open.Count > 0 && open[^1].Indent >= indent)
            {
                open.RemoveAt(open.Count - 1);
            }

            var parent = open.Count > 0 ? open[^1].Node : null;
            if (parent is not null && content.StartsWith("- /", StringComparison.Ordinal) && content.IndexOf(": ", StringComparison.Ordinal) is > 3 and var colon)
            {
                parent.Properties.Add((content[3..colon], content[(colon + 2)..]));
                continue;
            }

            var node = Parse(content);
            (parent?.Children ?? roots).Add(node);
            open.Add((indent, node));
        }

        return roots;
    }

    /// <summary>A text value as it reads: YAML's double quotes (JSON escapes) or single quotes taken off.</summary>
    public static string Unquote(string value)
    {
        if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
        {
            try
            {
                return System.Text.Json.JsonSerializer.Deserialize<string>(value) ?? value;
            }
            catch (System.Text.Json.JsonException)
            {
                return value;
            }
        }

        return value.Length >= 2 && value[0] == '\'' && value[^1] == '\'' ? value[1..^1].Replace("''", "'", StringComparison.Ordinal) : value;
    }

    private static AriaNode Parse(string content)
    {
        if (!content.StartsWith("- ", StringComparison.Ordinal))
        {
            return new AriaNode { Raw = content };
        }

        // Playwright writes a line whose key YAML cannot take bare (a ': ' or ' #' in a name) in single quotes:
        // - 'link "A: B" [ref=e2] [cursor=pointer]': text. Read inside the quotes as any other line.
        if (content.StartsWith("- '", StringComparison.Ordinal) && ClosingSingleQuote(content, 2) is > 2 and var end)
        {
            var key = content[3..end].Replace("''", "'", StringComparison.Ordinal);
            var unquoted = Parse("- " + key + content[(end + 1)..]);
            return unquoted.Raw is null ? unquoted : new AriaNode { Raw = content };
        }

        var rest = content.AsSpan(2);
        var roleEnd = rest.IndexOfAny(' ', ':');
        var role = (roleEnd < 0 ? rest : rest[..roleEnd]).ToString();
        rest = roleEnd < 0 ? [] : rest[roleEnd..];
        if (role.Length == 0 || role.Contains('"', StringComparison.Ordinal) || role.Contains('\'', StringComparison.Ordinal))
        {
            return new AriaNode { Raw = content };
        }

        string? name = null;
        if (rest.StartsWith(" \""))
        {
            var close = ClosingQuote(rest, 1);
            if (close < 0)
            {
                return new AriaNode { Raw = content };
            }

            name = rest[1..(close + 1)].ToString();
            rest = rest[(close + 1)..];
        }

        var attributes = new List<string>();
        while (rest.StartsWith(" ["))
        {
            var close = rest.IndexOf(']');
            if (close < 0)
            {
                return new AriaNode { Raw = content };
            }

            attributes.Add(rest[2..close].ToString());
            rest = rest[(close + 1)..];
        }

        string? text = null;
        if (rest.StartsWith(": "))
        {
            text = rest[2..].ToString();
        }
        else if (!(rest.IsEmpty || rest.SequenceEqual(":")))
        {
            return new AriaNode { Raw = content };
        }

        var node = new AriaNode { Role = role, QuotedName = name, Text = text };
        node.Attributes.AddRange(attributes);
        return node;
    }

    private static int ClosingSingleQuote(string text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] != '\'')
            {
                continue;
            }

            if (i + 1 < text.Length && text[i + 1] == '\'')
            {
                i++;
                continue;
            }

            return i;
        }

        return -1;
    }

    private static int ClosingQuote(ReadOnlySpan<char> text, int open)
    {
        for (var i = open + 1; i < text.Length; i++)
        {
            if (text[i] == '\\')
            {
                i++;
            }
            else if (text[i] == '"')
            {
                return i;
            }
        }

        return -1;
    }
}
