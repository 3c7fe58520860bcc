namespace SessionMcp.Core;

/// <summary>Turns driver error text into something short enough to show a client or a model.</summary>
internal static class ErrorText
{
    /// <summary>Longest error a client or model is shown; a longer one keeps its start (what) and end (the fix).</summary>
    public const int MaxChars = 1_000;

    private const int QuotedChars = 200;

    /// <summary>
    /// A value the caller sent, as quoted in an error: cut short when long (a 100 KB selector is not repeated back).
    /// </summary>
    public static string Quote(string value) =>
        value.Length <= QuotedChars ? value : $"{value[..QuotedChars]}…({value.Length:N0} characters)";

    /// <summary>An error of at most <see cref="MaxChars"/> characters.</summary>
    public static string Bounded(string message)
    {
        if (message.Length <= MaxChars)
        {
            return message;
        }

        const int keep = (MaxChars - 40) / 2;
        return $"{message[..keep]} …({message.Length - (2 * keep):N0} characters cut)… {message[^keep..]}";
    }

    /// <summary>The first line, without Playwright's call log, a leading "Error: " or a closing period (callers end their own sentences).</summary>
    public static string FirstLine(string message)
    {
        var end = message.IndexOf('\n', StringComparison.Ordinal);
        var line = (end < 0 ? message : message[..end]).Trim();
        line = line.StartsWith("Error: ", StringComparison.Ordinal) ? line["Error: ".Length..] : line;
        return line.TrimEnd('.');
    }
}
