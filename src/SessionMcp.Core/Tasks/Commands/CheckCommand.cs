using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>check {selector|ref, checked?}</c>: sets a checkbox or radio button (checked by default).</summary>
internal sealed class CheckCommand : IBrowserCommand
{
    public string Name => "check";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        var isChecked = data.GetBool("checked") ?? true;
        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, locator => locator.SetCheckedAsync(isChecked, new LocatorSetCheckedOptions { Timeout = context.TimeoutMs }));
            return (JsonNode?)null;
        });
    }
}
