using System.Text;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// Playwright's AI snapshot, rewritten for fewer tokens with every interactive element kept: refs only where an
/// element can be acted on, wrappers without a name dropped (their children move up), table rows on one line,
/// link targets inline, and label text that repeats the next field's name left out. Refs are unchanged, so they
/// work with <c>ref</c> exactly as in the full snapshot.
/// </summary>
internal sealed class CompactSnapshot
{
    /// <summary>Roles an agent acts on: they keep their refs.</summary>
    private static readonly HashSet<string> Interactive = new(StringComparer.Ordinal)
    {
        "button", "link", "textbox", "searchbox", "checkbox", "radio", "combobox", "listbox", "option", "menuitem",
        "menuitemcheckbox", "menuitemradio", "tab", "switch", "slider", "spinbutton", "treeitem", "gridcell",
    };

    /// <summary>Roles that only group: without a name, their children stand in for them.</summary>
    private static readonly HashSet<string> Wrappers = new(StringComparer.Ordinal) { "generic", "none", "presentation", "rowgroup", "group" };

    private static readonly HashSet<string> Cells = new(StringComparer.Ordinal) { "cell", "gridcell", "columnheader", "rowheader" };

    /// <summary>Refs kept whatever their role: elements only scripts make clickable (see <see cref="ClickableWatch"/>).</summary>
    private readonly IReadOnlySet<string> _clickable;

    private CompactSnapshot(IReadOnlySet<string> clickable) => _clickable = clickable;

    public static string Render(string snapshot, IReadOnlySet<string>? clickable = null)
    {
        var output = new StringBuilder(snapshot.Length / 2);
        new CompactSnapshot(clickable ?? new HashSet<string>()).RenderAll(AriaNode.ParseAll(snapshot), 0, output);
        return output.ToString().TrimEnd('\n');
    }

    private void RenderAll(List<AriaNode> nodes, int depth, StringBuilder output)
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            var node = nodes[i];
            if (IsRepeatedLabel(node, i > 0 ? nodes[i - 1] : null, i + 1 < nodes.Count ? nodes[i + 1] : null))
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
                Line(output, depth).Append("- text: ").Append(node.Text).Append('\n');
            }

            RenderAll(node.Children, depth, output);
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
            output.Append(": ").Append(node.Text);
        }

        output.Append('\n');
        RenderAll(node.Children, depth + 1, output);
    }

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
        return node.Role is "listitem" or "cell" && node.Text is null && node.Children.Count == 1;
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

    private static StringBuilder Line(StringBuilder output, int depth) => output.Append(' ', depth * 2);
}
