using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>scroll {x?, y?, selector?}</c>: brings an element into view, or scrolls the page by x/y pixels; returns the page's scroll position.</summary>
internal sealed class ScrollCommand : IBrowserCommand
{
    public string Name => "scroll";

    public PreparedStep Prepare(CommandData data)
    {
        var x = data.GetInt("x", -1_000_000, 1_000_000, "pixels") ?? 0;
        var y = data.GetInt("y", -1_000_000, 1_000_000, "pixels");
        var selector = data.GetString("selector");
        if (string.IsNullOrWhiteSpace(selector) && x == 0 && y is null)
        {
            // Nothing named: scroll one screen down, as a person pressing Page Down would.
            y = 600;
        }

        return new PreparedStep(Name, async context =>
        {
            if (!string.IsNullOrWhiteSpace(selector))
            {
                await context.OnElementAsync(
                    ElementTarget.FromSelector(selector),
                    locator => locator.ScrollIntoViewIfNeededAsync(new LocatorScrollIntoViewIfNeededOptions { Timeout = context.TimeoutMs }));
            }

            var position = await context.Page.EvaluateAsync<int[]>(
                "([dx, dy]) => { window.scrollBy(dx, dy); return [Math.round(window.scrollX), Math.round(window.scrollY)]; }",
                new[] { x, y ?? 0 });
            return new JsonObject { ["scroll_x"] = position[0], ["scroll_y"] = position[1] };
        });
    }
}
