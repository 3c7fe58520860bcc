using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>extract_text {selector?, all?}</c>: the visible text of the page, of the first match, or of every match (<c>all</c>).</summary>
internal sealed class ExtractTextCommand : IBrowserCommand
{
    public string Name => "extract_text";

    public PreparedStep Prepare(CommandData data)
    {
        var selector = data.GetString("selector");
        var all = data.GetBool("all") ?? false;
        return new PreparedStep(Name, context => ExtractAsync(context, string.IsNullOrWhiteSpace(selector) ? "body" : selector, all), ProducesOutput: true, LeavesPageAsIs: true);
    }

    private static async Task<JsonNode?> ExtractAsync(StepContext context, string selector, bool all)
    {
        var locator = context.Page.Locator(selector);
        if (all)
        {
            // Every match that exists now; when there is none yet, waiting for the first keeps a list that is still
            // loading from coming back empty (asked first, as most pages have the list by then: one call, not two).
            var target = ElementTarget.FromSelector(selector);
            var texts = await context.OnElementAsync(target, l => l.AllInnerTextsAsync());
            if (texts.Count == 0)
            {
                await context.OnElementAsync(target, l => l.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = context.TimeoutMs }));
                texts = await locator.AllInnerTextsAsync();
            }

            return new JsonArray([.. texts.Select(t => JsonValue.Create(t.Trim()))]);
        }

        var text = await context.OnElementAsync(ElementTarget.FromSelector(selector), l => l.First.InnerTextAsync(new LocatorInnerTextOptions { Timeout = context.TimeoutMs }));
        return JsonValue.Create(text.Trim());
    }
}
