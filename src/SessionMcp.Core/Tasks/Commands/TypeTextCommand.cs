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
                    await FillAsync(context, target, locator, text);
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

    // What a browser accepts as the value of inputs whose text is not free (the same whatever the page's locale shows).
    private static readonly Dictionary<string, string> ValueFormats = new(StringComparer.Ordinal)
    {
        ["date"] = "YYYY-MM-DD, such as 2024-12-25",
        ["time"] = "HH:MM or HH:MM:SS in 24 hours, such as 14:30",
        ["datetime-local"] = "YYYY-MM-DDTHH:MM, such as 2024-12-25T14:30",
        ["month"] = "YYYY-MM, such as 2024-12",
        ["week"] = "YYYY-Www, such as 2024-W52",
        ["color"] = "#rrggbb, such as #ff8800",
        ["range"] = "a number within the slider's min and max",
        ["number"] = "a number, such as 42 or 3.5",
    };

    private static async Task FillAsync(StepContext context, ElementTarget target, ILocator locator, string text)
    {
        try
        {
            await locator.FillAsync(text, new LocatorFillOptions { Timeout = context.TimeoutMs });
        }
        catch (PlaywrightException ex) when (ex.Message.Contains("Malformed value", StringComparison.Ordinal) || ex.Message.Contains("Cannot type text into input", StringComparison.Ordinal))
        {
            var type = await locator.EvaluateAsync<string>("el => (el.type || '').toLowerCase()");
            var format = ValueFormats.GetValueOrDefault(type, "a value this kind of input accepts");
            throw new Errors.CommandFailedException(
                $"{target.Describe()} is an <input type={type}>, which takes {format}; got '{ErrorText.Quote(text)}'. Give the value in that form (whatever the page displays), or use select_option or click for other controls.");
        }
    }
}
