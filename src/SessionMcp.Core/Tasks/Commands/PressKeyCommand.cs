using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary><c>press_key {key, selector?}</c>: a key or chord such as <c>Enter</c>, <c>Control+A</c>, on an element or the focused one.</summary>
internal sealed class PressKeyCommand : IBrowserCommand
{
    public string Name => "press_key";

    public PreparedStep Prepare(CommandData data)
    {
        var key = data.RequireString("key", "\"Enter\", \"Tab\" or \"Control+A\"");
        var selector = data.GetString("selector");
        return new PreparedStep(Name, async context =>
        {
            try
            {
                if (string.IsNullOrWhiteSpace(selector))
                {
                    await context.Page.Keyboard.PressAsync(key);
                }
                else
                {
                    await context.OnElementAsync(ElementTarget.FromSelector(selector), locator => locator.PressAsync(key, new LocatorPressOptions { Timeout = context.TimeoutMs }));
                }
            }
            catch (PlaywrightException ex) when (ex.Message.Contains("Unknown key", StringComparison.Ordinal))
            {
                throw new Errors.CommandFailedException($"'{key}' is not a key name; use names such as Enter, Tab, Escape, ArrowDown, Backspace, a single character, or chords like Control+A.");
            }

            return (JsonNode?)null;
        }, MaySpawn: true);
    }
}
