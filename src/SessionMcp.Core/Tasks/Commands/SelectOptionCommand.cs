using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>select_option {selector|ref, values}</c>: picks options of a select by value or label; returns the values now selected.</summary>
internal sealed class SelectOptionCommand : IBrowserCommand
{
    public string Name => "select_option";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        var values = data.GetStringList("values") ?? throw new InvalidArgumentException(data.Field("values"), "is required: the option values or labels to select, such as [\"blue\"].");
        return new PreparedStep(Name, async context =>
        {
            // Playwright matches each string against both the option's value and its label.
            var selected = await context.OnElementAsync(target, locator => locator.SelectOptionAsync(values, new LocatorSelectOptionOptions { Timeout = context.TimeoutMs }));
            return new JsonArray([.. selected.Select(v => JsonValue.Create(v))]);
        });
    }
}
