using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>extract {selector, attribute?, all?}</c>: an attribute of the first match (or of every match), or without
/// <c>attribute</c> a summary of the element: tag, text, form value and attributes.
/// </summary>
internal sealed class ExtractCommand : IBrowserCommand
{
    private const string DescribeElement = """
        el => ({
          tag: el.tagName.toLowerCase(),
          text: (el.innerText ?? el.textContent ?? '').trim(),
          value: 'value' in el && typeof el.value === 'string' ? el.value : null,
          attributes: Object.fromEntries(Array.from(el.attributes).map(a => [a.name, a.value]))
        })
        """;

    public string Name => "extract";

    public PreparedStep Prepare(CommandData data)
    {
        var selector = data.RequireString("selector", "\"a.next\"");
        var attribute = data.GetString("attribute");
        var all = data.GetBool("all") ?? false;
        return new PreparedStep(Name, context => ExtractAsync(context, selector, attribute, all), ProducesOutput: true, LeavesPageAsIs: true);
    }

    private static async Task<JsonNode?> ExtractAsync(StepContext context, string selector, string? attribute, bool all)
    {
        var target = ElementTarget.FromSelector(selector);
        var locator = context.Page.Locator(selector);
        await context.OnElementAsync(target, l => l.First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = context.TimeoutMs }));
        if (attribute is null)
        {
            return all
                ? JsonNodes.From(await locator.EvaluateAllAsync<System.Text.Json.JsonElement?>($"els => els.map({DescribeElement})"))
                : JsonNodes.From(await locator.First.EvaluateAsync<System.Text.Json.JsonElement?>(DescribeElement));
        }

        return all
            ? JsonNodes.From(await locator.EvaluateAllAsync<System.Text.Json.JsonElement?>("(els, name) => els.map(el => el.getAttribute(name))", attribute))
            : JsonValue.Create(await locator.First.GetAttributeAsync(attribute));
    }
}
