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

    /// <summary>
    /// The title a step's result reported, when that result described the page the session shows now (same url):
    /// what the run would otherwise ask the page for again, a moment later.
    /// </summary>
    public static string? TitleIfCurrent(JsonNode? result, string currentUrl) =>
        result is JsonObject state
        && state["url"] is JsonValue url && url.TryGetValue(out string? stateUrl) && stateUrl == currentUrl
        && state["title"] is JsonValue title && title.TryGetValue(out string? text)
            ? text
            : null;
}
