using System.Text;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// Playwright's AI snapshot, rewritten for fewer tokens with every interactive element kept: refs only where an
/// element can be acted on, wrappers without a name dropped (their children move up), table rows on one line,
/// link targets inline, label text that repeats the next field's name left out, prose with nothing to act on in
/// it on one line (code in backticks), text without YAML's quotes, and separators ("|", "»") and empty items
/// left out. Refs are unchanged, so they work with <c>ref</c> exactly as in the full snapshot.
/// </summary>
internal sealed class CompactSnapshot
{
    /// <summary>Roles an agent acts on: they keep their refs (and <see cref="ClickableWatch"/> need not look for them).</summary>
    internal static readonly HashSet<string> Interactive = new(StringComparer.Ordinal)
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "listbox", "option", "menuitem",
        "menuitemcheckbox", "menuitemradio", "tab", "switch", "slider", "spinbutton", "treeitem", "gridcell",
    };

    /// <summary>Roles that only group: without a name, their children stand in for them.</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "generic", "none", "presentation", "rowgroup", "group" };

    private static readonly HashSet<string> Cells = new(StringComparer.Ordinal) { "cell", "gridcell", "columnheader", "rowheader" };

    /// <summary>Roles that only mark up running text: inside a paragraph they join its line.</summary>
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal) { "text", "strong", "emphasis", "code", "mark", "subscript", "superscript", "deletion", "insertion", "time" };

    /// <summary>Text that only separates links in a bar: "|", "»", "·".</summary>
    private static readonly HashSet<string> Separators = new(StringComparer.Ordinal) { "|", "»", "«", "·", "•", "/", "–", "-", ">", "›" };

    /// <summary>Refs kept whatever their role: elements only scripts make clickable (see <see cref="ClickableWatch"/>).</summary>
    private readonly IReadOnlySet<string> _clickable;

    /// <summary>Most characters of text kept on one line; 0 keeps all.</summary>
    private readonly int _textChars;

    /// <summary>The default of <c>text_chars</c>: the start of each text, enough to recognise it and act.</summary>
    public const int DefaultTextChars = 120;

    private CompactSnapshot(IReadOnlySet<string> clickable, int textChars) => (_clickable, _textChars) = (clickable, textChars);

    public static string Render(string snapshot, IReadOnlySet<string>? clickable = null, int textChars = 0)
    {
        var output = new StringBuilder(snapshot.Length / 2);
        new CompactSnapshot(clickable ?? new HashSet<string>(), textChars).RenderAll(AriaNode.ParseAll(snapshot), 0, output);
        return output.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// Text cut to <see cref="_textChars"/> at a word's end, saying how much more there is: a snapshot is for
    /// finding one's way and acting; extract_text or scrape reads the whole.
    /// </summary>
    private string Cut(string text)
    {
        if (_textChars == 0 || text.Length <= _textChars + 20)
        {
            return text;
        }

        // Never before the end of a ref (a link in running text) and its url: all after the last one may go.
        var refEnd = 0;
        var lastRef = text.LastIndexOf("[ref=", StringComparison.Ordinal);
        if (lastRef >= 0)
        {
            refEnd = text.IndexOf(']', lastRef) + 1;
            if (text.AsSpan(refEnd).StartsWith(" [url=") && text.IndexOf(']', refEnd + 1) is > 0 and var urlEnd)
            {
                refEnd = urlEnd + 1;
            }
        }

        var end = refEnd >= _textChars ? refEnd : Math.Max(refEnd, WordEnd(text, _textChars));
        return text.Length <= end + 20 ? text : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{text[..end]}…(+{text.Length - end})");
    }

    private static int WordEnd(string text, int limit)
    {
        var space = text.LastIndexOf(' ', limit);
        return space < limit / 2 ? limit : space;
    }

    private void RenderAll(List<AriaNode> nodes, int depth, StringBuilder output)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (IsRepeatedLabel(node, i > 0 ? nodes[i - 1] : null, i + 1 < nodes.Count ? nodes[i + 1] : null) || IsFiller(node))
            {
                continue;
            }

            Render(node, depth, output);
        }
    }

    private void Render(AriaNode node, int depth, StringBuilder output)
    {
        if (node.Raw is not null)
        {
            Line(output, depth).Append(node.Raw).Append('\n');
            RenderAll(node.Children, depth + 1, output);
            return;
        }

        if (IsTransparent(node))
        {
            if (node.Text is not null)
            {
                Line(output, depth).Append("- text: ").Append(Cut(AriaNode.Unquote(node.Text))).Append('\n');
            }

            RenderAll(node.Children, depth, output);
            return;
        }

        if (node.Children.Count > 0 && ProseOf(node) is { } prose)
        {
            Line(output, depth);
            AppendHead(node, output);
            output.Append(": ").Append(Cut(prose)).Append('\n');
            return;
        }

        if (node.Role == "row" && InlineCells(node) is { } cells)
        {
            Line(output, depth).Append("- row");
            AppendAttributes(node, output);
            output.Append(": ").Append(cells).Append('\n');
            return;
        }

        Line(output, depth);
        AppendHead(node, output);
        if (node.Text is not null)
        {
            output.Append(": ").Append(Cut(AriaNode.Unquote(node.Text)));
        }

        output.Append('\n');
        RenderAll(node.Children, depth + 1, output);
    }

    /// <summary>
    /// The text of a node whose children only mark up running text (text, strong, emphasis, code, and links with
    /// their refs), as one line: <c>See link "open()" [ref=e44] [url=functions.html#open] to read files.</c>.
    /// Null when a child holds more than that.
    /// </summary>
    private string? ProseOf(AriaNode node)
    {
        if (KeepsRef(node) || node.Role is "row" or "list" or "table" or "link" || node.Properties.Count > 0)
        {
            return null;
        }

        var line = new StringBuilder();
        if (node.Text is not null)
        {
            line.Append(AriaNode.Unquote(node.Text));
        }

        foreach (var child in node.Children)
        {
            var piece = child.Raw is null ? InlinePiece(child) : null;
            if (piece is null)
            {
                return null;
            }

            if (piece.Length == 0)
            {
                continue;
            }

            if (line.Length > 0 && !".,):;!?".Contains(piece[0], StringComparison.Ordinal))
            {
                line.Append(' ');
            }

            line.Append(piece);
        }

        return line.Length > 0 ? line.ToString() : null;
    }

    /// <summary>A child of running text as it reads inline; "" for nothing to show, null when it cannot be inline.</summary>
    private string? InlinePiece(AriaNode child)
    {
        if (child.Role == "link" && KeepsRef(child) && child.Text is null && child.Children.Count <= 1
            && (child.Children.Count == 0 || (Inline.Contains(child.Children[0].Role) && child.Children[0].Children.Count == 0 && child.Children[0].Text is not null)))
        {
            var name = child.QuotedName ?? (child.Children.Count == 1 ? Quoted(AriaNode.Unquote(child.Children[0].Text!)) : null);
            var head = new StringBuilder("link");
            if (name is not null)
            {
                head.Append(' ').Append(name);
            }

            AppendAttributes(child, head);
            return head.ToString();
        }

        if (!Inline.Contains(child.Role) || child.Children.Count > 0 || KeepsRef(child) || child.Properties.Count > 0 || child.QuotedName is not null)
        {
            return null;
        }

        return child.Text is null || IsFiller(child) ? "" : Inlined(child.Role, AriaNode.Unquote(child.Text));
    }

    /// <summary>A name in double quotes as Playwright writes one (backslash and quote escaped, nothing else).</summary>
    private static string Quoted(string text) => "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";

    private static string Inlined(string role, string text) => role == "code" ? "`" + text + "`" : text;

    /// <summary>Decoration with nothing to read or act on: a separator in a link bar, an empty list item.</summary>
    private bool IsFiller(AriaNode node) =>
        node.Raw is null && !KeepsRef(node) && node.QuotedName is null && node.Properties.Count == 0 && node.Children.Count == 0
        && (node.Role is "listitem" or "generic" or "none" or "presentation" && node.Text is null
            || node.Role == "text" && node.Text is not null && Separators.Contains(AriaNode.Unquote(node.Text).Trim()));

    /// <summary><c>- role "name" [attrs] [ref] [url=…]</c>, without the text.</summary>
    private void AppendHead(AriaNode node, StringBuilder output)
    {
        output.Append("- ").Append(node.Role);
        if (node.QuotedName is not null)
        {
            output.Append(' ').Append(node.QuotedName);
        }

        AppendAttributes(node, output);
    }

    private void AppendAttributes(AriaNode node, StringBuilder output)
    {
        var keepsRef = KeepsRef(node);
        foreach (var attribute in node.Attributes)
        {
            var dropped = attribute == "cursor=pointer"
                || (attribute.StartsWith("ref=", StringComparison.Ordinal) && !keepsRef)
                || (attribute == "active" && !keepsRef);
            if (!dropped)
            {
                output.Append(" [").Append(attribute).Append(']');
            }
        }

        foreach (var (name, value) in node.Properties)
        {
            // A jump within the page ("#section", or the page itself) says nothing a ref does not.
            if (name == "url" && AriaNode.Unquote(value) is "" or ['#', ..])
            {
                continue;
            }

            output.Append(" [").Append(name).Append('=').Append(value).Append(']');
        }
    }

    /// <summary>A row of plain cells as <c>a | b | link "View" [ref=e9] [url=/o/1]</c>; null when a cell holds more.</summary>
    private string? InlineCells(AriaNode row)
    {
        if (row.Children.Count == 0 || row.Text is not null)
        {
            return null;
        }

        var cells = new List<string>(row.Children.Count);
        foreach (var cell in row.Children)
        {
            if (cell.Raw is not null || !Cells.Contains(cell.Role) || KeepsRef(cell) || cell.Properties.Count > 0)
            {
                return null;
            }

            if (cell.Children.Count == 0)
            {
                cells.Add(cell.Name ?? cell.Text ?? "");
                continue;
            }

            // A cell around one or two simple elements (a link, a button, a checkbox): those elements, inline.
            if (cell.Children.Count > 2 || cell.Children.Any(c => c.Raw is not null || c.Children.Count > 0))
            {
                return null;
            }

            var parts = new StringBuilder();
            foreach (var child in cell.Children)
            {
                if (parts.Length > 0)
                {
                    parts.Append(' ');
                }

                var head = new StringBuilder();
                AppendHead(child, head);
                parts.Append(head, 2, head.Length - 2);
                if (child.Text is not null)
                {
                    parts.Append(": ").Append(child.Text);
                }
            }

            cells.Add(parts.ToString());
        }

        return string.Join(" | ", cells);
    }

    private bool KeepsRef(AriaNode node) =>
        node.Ref is { } id && (Interactive.Contains(node.Role) || node.Has("cursor=pointer") || _clickable.Contains(id));

    private bool IsTransparent(AriaNode node)
    {
        if (node.QuotedName is not null || KeepsRef(node) || node.Properties.Count > 0)
        {
            return false;
        }

        if (Wrappers.Contains(node.Role))
        {
            return true;
        }

        // A list item or a cell around a single element says nothing that element does not.
        return node.Role is "listitem" or "cell" && node.Text is null && node.Children.Count(c => !IsFiller(c)) == 1;
    }

    /// <summary>A text line that only repeats the name of the field beside it (a label): the field says it already.</summary>
    private bool IsRepeatedLabel(AriaNode node, AriaNode? previous, AriaNode? next)
    {
        if (node.Role != "text" || node.Text is null || node.Children.Count > 0)
        {
            return false;
        }

        var text = LabelText(AriaNode.Unquote(node.Text));
        return (next is not null && KeepsRef(next) && next.Name is { } after && LabelText(after) == text)
            || (previous is not null && KeepsRef(previous) && previous.Name is { } before && LabelText(before) == text);
    }

    /// <summary>A label as the field's name would read it: "Email:" and "Email *" are "Email".</summary>
    private static string LabelText(string text) => text.Trim().TrimEnd(':', '*', ' ').Trim();

    // One space a level: the nesting reads the same, at half the characters of YAML's usual two.
    private static StringBuilder Line(StringBuilder output, int depth) => output.Append(' ', depth);
}
