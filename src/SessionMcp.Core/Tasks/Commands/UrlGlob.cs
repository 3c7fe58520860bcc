using System.Text;
using System.Text.RegularExpressions;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// The URL globs of Playwright's <c>waitForURL</c>, matched here: <c>**</c> any characters, <c>*</c> any but <c>/</c>,
/// <c>{a,b}</c> either, <c>\</c> escapes the next character; everything else (<c>?</c> included) stands for itself.
/// </summary>
internal static class UrlGlob
{
    public static bool Matches(string url, string glob) =>
        Regex.IsMatch(url, ToRegex(glob), RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));

    internal static string ToRegex(string glob)
    {
        var regex = new StringBuilder("^");
        var inGroup = false;
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '\\' && i + 1 < glob.Length)
            {
                regex.Append(Regex.Escape(glob[++i].ToString()));
                continue;
            }

            if (c == '*')
            {
                var deep = i + 1 < glob.Length && glob[i + 1] == '*';
                while (i + 1 < glob.Length && glob[i + 1] == '*')
                {
                    i++;
                }

                regex.Append(deep ? ".*" : "[^/]*");
                continue;
            }

            switch (c)
            {
                case '{':
                    inGroup = true;
                    regex.Append("(?:");
                    break;
                case '}' when inGroup:
                    inGroup = false;
                    regex.Append(')');
                    break;
                case ',' when inGroup:
                    regex.Append('|');
                    break;
                default:
                    regex.Append(Regex.Escape(c.ToString()));
                    break;
            }
        }

        return regex.Append('$').ToString();
    }
}
