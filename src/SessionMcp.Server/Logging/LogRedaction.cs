using System.Text.RegularExpressions;

namespace SessionMcp.Server.Logging;

/// <summary>
/// What no log line may carry: query string values (a dashboard sign-in's <c>?key=</c>, a live view's
/// <c>?token=</c>, tokens in the URLs pages visit), frame tokens, and the configured secrets themselves.
/// Framework components log request URLs at Information and Debug, so this is applied to every line.
/// </summary>
internal sealed partial class LogRedaction(IEnumerable<string> secrets)
{
    public const string Hidden = "***";

    private readonly string[] _secrets = [.. secrets.Where(s => s.Length >= 4).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length)];

    public string Redact(string text)
    {
        foreach (var secret in _secrets)
        {
            text = text.Replace(secret, Hidden, StringComparison.Ordinal);
        }

        text = QueryValue().Replace(text, Hidden);
        return FrameToken().Replace(text, "ft_" + Hidden);
    }

    [GeneratedRegex(@"(?<=[?&][^=&\s#?]+=)[^&\s#""'<>]+")]
    private static partial Regex QueryValue();

    [GeneratedRegex(@"\bft_[0-9a-z]{8,}")]
    private static partial Regex FrameToken();
}
