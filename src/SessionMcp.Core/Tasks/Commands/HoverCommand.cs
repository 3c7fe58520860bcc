using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>hover {selector|ref}</c>.</summary>
internal sealed class HoverCommand : IBrowserCommand
{
    public string Name => "hover";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, locator => locator.HoverAsync(new LocatorHoverOptions { Timeout = context.TimeoutMs }));
            return (JsonNode?)null;
        });
    }
}
