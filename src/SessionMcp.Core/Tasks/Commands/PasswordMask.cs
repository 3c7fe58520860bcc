using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// Keeps what was typed into password fields out of everything the server renders of a page (snapshots, error
/// hints, a prompt run's view, extract): the accessibility tree carries an input's value, a password's included.
/// </summary>
internal static class PasswordMask
{
    public const string Mask = "••••••";

    // As JSON.stringify writes a string, which is how Playwright quotes a value: \" escaped, & and non-ASCII as they are.
    private static readonly JsonSerializerOptions JsQuoting = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private const string ReadPasswords = "() => Array.from(document.querySelectorAll('input[type=password]'), i => i.value).filter(v => v.length > 0)";

    /// <summary>The page's accessibility tree, with refs, as every reader of a page gets it: password values masked.</summary>
    public static async Task<string> PageSnapshotAsync(IPage page, float timeoutMs) =>
        await ApplyAsync(page, await page.AriaSnapshotAsync(new PageAriaSnapshotOptions { Mode = AriaSnapshotMode.Ai, Timeout = timeoutMs }));

    /// <summary>An aria snapshot of <paramref name="page"/> (or part of it) with every password field's value masked.</summary>
    public static async Task<string> ApplyAsync(IPage page, string snapshot)
    {
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var frame in page.Frames)
        {
            try
            {
                passwords.UnionWith(await frame.EvaluateAsync<string[]>(ReadPasswords));
            }
            catch (PlaywrightException)
            {
                // A frame that navigated or went away meanwhile has nothing left to mask.
            }
        }

        return passwords.Count == 0 ? snapshot : MaskValues(snapshot, passwords);
    }

    internal static string MaskValues(string snapshot, IReadOnlySet<string> passwords)
    {
        // Playwright writes a value plainly, or JSON-quoted when it has characters YAML would misread.
        var written = passwords.SelectMany(p => new[] { p, JsonSerializer.Serialize(p, JsQuoting) }).ToList();
        var lines = snapshot.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].TrimStart().StartsWith("- textbox", StringComparison.Ordinal))
            {
                continue;
            }

            foreach (var value in written)
            {
                if (lines[i].EndsWith(": " + value, StringComparison.Ordinal))
                {
                    lines[i] = lines[i][..^value.Length] + Mask;
                }
            }
        }

        return string.Join('\n', lines);
    }
}
