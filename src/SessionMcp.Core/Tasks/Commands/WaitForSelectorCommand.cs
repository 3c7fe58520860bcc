using System.Text.Json.Nodes;
using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>wait_for_selector {selector, state?, timeout_ms?}</c>: waits until an element is visible (or hidden, attached, detached).</summary>
internal sealed class WaitForSelectorCommand : IBrowserCommand
{
    public string Name => "wait_for_selector";

    public PreparedStep Prepare(CommandData data)
    {
        var selector = data.RequireString("selector", "\"#dashboard\"");
        var stateName = data.GetChoice("state", "visible", "hidden", "attached", "detached") ?? "visible";
        var state = stateName switch
        {
            "hidden" => WaitForSelectorState.Hidden,
            "attached" => WaitForSelectorState.Attached,
            "detached" => WaitForSelectorState.Detached,
            _ => WaitForSelectorState.Visible,
        };
        var timeoutMs = data.GetInt("timeout_ms", 0, 600_000, "ms");
        return new PreparedStep(Name, async context =>
        {
            var wait = context.Bounded(timeoutMs);
            try
            {
                await context.Page.Locator(selector).First.WaitForAsync(new LocatorWaitForOptions { State = state, Timeout = wait });
            }
            catch (TimeoutException)
            {
                throw new CommandFailedException($"selector '{ErrorText.Quote(selector)}' did not become {stateName} within {wait:0} ms. {await PageHint.DescribeAsync(context.Page)}");
            }

            return (JsonNode?)null;
        });
    }
}
