using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>The small result of a navigation step: where the page is now.</summary>
internal static class PageState
{
    public static async Task<JsonNode?> DescribeAsync(IPage page, int? status = null)
    {
        var result = new JsonObject
        {
            ["url"] = page.Url,
            ["title"] = await page.TitleAsync(),
        };
        if (status is not null)
        {
            result["status"] = status;
        }

        return result;
    }
}
