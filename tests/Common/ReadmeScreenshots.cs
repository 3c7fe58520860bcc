using Microsoft.Playwright;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The README's pictures of the live view and the dashboard, taken by the tests that drive them: written only when
/// SESSIONMCP_README_SCREENSHOTS names a folder (scripts/readme-screenshots.sh sets it to docs/images).
/// </summary>
public static class ReadmeScreenshots
{
    public static async Task SaveAsync(IPage page, string fileName)
    {
        if (Environment.GetEnvironmentVariable("SESSIONMCP_README_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, fileName) });
        }
    }
}
