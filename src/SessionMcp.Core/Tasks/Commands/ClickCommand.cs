using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>click {selector|ref}</c>.</summary>
internal sealed class ClickCommand : IBrowserCommand
{
    public string Name => "click";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, locator => CoverCheck.ClickAsync(context, target, locator));
            return (JsonNode?)null;
        }, MaySpawn: true);
    }
}
