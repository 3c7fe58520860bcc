using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>A short account of the page for an error message, so a model can pick another element without another call.</summary>
internal static class PageHint
{
    private const int MaxChars = 1500;

    public static async Task<string> DescribeAsync(IPage page)
    {
        try
        {
            var title = await page.TitleAsync();
            var snapshot = await PasswordMask.PageSnapshotAsync(page, 2000);
            var interactive = string.Join('\n', snapshot.Split('\n').Where(l => l.Contains("[ref=", StringComparison.Ordinal) && !l.TrimStart().StartsWith("- generic", StringComparison.Ordinal)));
            if (interactive.Length > MaxChars)
            {
                interactive = interactive[..MaxChars] + "\n… (take a snapshot for the rest)";
            }

            return $"The page is {page.Url} (\"{title}\"); it has:\n{interactive}";
        }
        catch (Exception ex) when (ex is PlaywrightException or TimeoutException)
        {
            return $"The page is {page.Url}.";
        }
    }
}
