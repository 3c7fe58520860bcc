namespace SessionMcp.Core;

/// <summary>Turns driver error text into something short enough to show a client or a model.</summary>
internal static class ErrorText
{
    /// <summary>The first line, without Playwright's call log, a leading "Error: " or a closing period (callers end their own sentences).</summary>
    public static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        var line = (end < 0 ? message : message[..end]).Trim();
        line = line.StartsWith("Error: ", StringComparison.Ordinal) ? line["Error: ".Length..] : line;
        return line.TrimEnd('.');
    }
}
