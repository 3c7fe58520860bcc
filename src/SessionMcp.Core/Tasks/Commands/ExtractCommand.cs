using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>extract {selector, attribute?, all?}</c>: an attribute of the first match (or of every match), or without
/// <c>attribute</c> a summary of the element: tag, text, form value and attributes.
/// </summary>
internal sealed class ExtractCommand : IBrowserCommand
{
    private const string DescribeElement = $$"""
        el => ({
          tag: el.tagName.toLowerCase(),
          text: (el.innerText ?? el.textContent ?? '').trim(),
          value: 'value' in el && typeof el.value === 'string' ? (el.type === 'password' && el.value ? '{{PasswordMask.Mask}}' : el.value) : null,
          attributes: Object.fromEntries(Array.from(el.attributes).map(a => [a.name, el.type === 'password' && a.name === 'value' ? '{{PasswordMask.Mask}}' : a.value]))
        })
        """;

    // A password field's value attribute is masked like its typed value (PasswordMask).
    private const string ReadAttribute = $"(el, name) => el.type === 'password' && name === 'value' && el.getAttribute(name) ? '{PasswordMask.Mask}' : el.getAttribute(name)";

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
            ? JsonNodes.From(await locator.EvaluateAllAsync<System.Text.Json.JsonElement?>($"(els, name) => els.map(el => ({ReadAttribute})(el, name))", attribute))
            : JsonNodes.From(await locator.First.EvaluateAsync<System.Text.Json.JsonElement?>(ReadAttribute, attribute));
    }
}
