using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>screenshot {full_page?, selector?, format?, quality?}</c>: a PNG (or JPEG) of the viewport, the whole page or one element, base64-encoded.</summary>
internal sealed class ScreenshotCommand : IBrowserCommand
{
    public string Name => "screenshot";

    public PreparedStep Prepare(CommandData data)
    {
        var fullPage = data.GetBool("full_page") ?? false;
        var selector = data.GetString("selector");
        var format = data.GetChoice("format", "png", "jpeg") ?? "png";
        var quality = data.GetInt("quality", 1, 100, "percent");
        var type = format == "jpeg" ? ScreenshotType.Jpeg : ScreenshotType.Png;
        var jpegQuality = type == ScreenshotType.Jpeg ? quality ?? 80 : (int?)null;
        return new PreparedStep(Name, async context =>
        {
            var bytes = string.IsNullOrWhiteSpace(selector)
                ? await context.Page.ScreenshotAsync(new PageScreenshotOptions { FullPage = fullPage, Type = type, Quality = jpegQuality, Timeout = context.TimeoutMs })
                : await context.OnElementAsync(
                    ElementTarget.FromSelector(selector),
                    locator => locator.ScreenshotAsync(new LocatorScreenshotOptions { Type = type, Quality = jpegQuality, Timeout = context.TimeoutMs }));
            return new JsonObject
            {
                ["mime_type"] = type == ScreenshotType.Jpeg ? "image/jpeg" : "image/png",
                ["bytes"] = bytes.Length,
                ["data"] = Convert.ToBase64String(bytes),
            };
        }, ProducesOutput: true, LeavesPageAsIs: true);
    }
}
