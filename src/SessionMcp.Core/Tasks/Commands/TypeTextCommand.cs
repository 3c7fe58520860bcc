using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>type_text {selector|ref, text, clear?, submit?}</c>: clear (default true) replaces the field's text; false types after it.</summary>
internal sealed class TypeTextCommand : IBrowserCommand
{
    public string Name => "type_text";

    public PreparedStep Prepare(CommandData data)
    {
        var target = data.RequireTarget();
        var text = data.GetString("text") ?? throw new Errors.InvalidArgumentException(data.Field("text"), "is required (the text to type; \"\" empties the field).");
        var clear = data.GetBool("clear") ?? true;
        var submit = data.GetBool("submit") ?? false;
        return new PreparedStep(Name, async context =>
        {
            await context.OnElementAsync(target, async locator =>
            {
                if (clear)
                {
                    await locator.FillAsync(text, new LocatorFillOptions { Timeout = context.TimeoutMs });
                }
                else
                {
                    await locator.PressSequentiallyAsync(text, new LocatorPressSequentiallyOptions { Timeout = context.TimeoutMs });
                }

                if (submit)
                {
                    await locator.PressAsync("Enter", new LocatorPressOptions { Timeout = context.TimeoutMs });
                }
            });
            return (JsonNode?)null;
        }, MaySpawn: submit);
    }
}
