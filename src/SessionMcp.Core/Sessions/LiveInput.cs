using Microsoft.Playwright;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// One input from the person holding a session's live view: a click, a move or a wheel turn at a point of the
/// viewport (x and y from 0 to 1 across the image they see), a key, or text. It goes to the active tab as the
/// browser's own mouse and keyboard events.
/// </summary>
public sealed record LiveInput(string Action, double? X = null, double? Y = null, double? DeltaX = null, double? DeltaY = null, string? Button = null, string? Key = null, string? Text = null)
{
    public const int MaxTextChars = 1_000;

    private static readonly TimeSpan InputLimit = TimeSpan.FromSeconds(5);

    /// <summary>The actions that are input (take, release and keep-alive are about control itself).</summary>
    public static readonly IReadOnlySet<string> Actions = new HashSet<string>(StringComparer.Ordinal) { "click", "move", "wheel", "key", "type" };

    /// <summary>What is wrong with this input, or null when it can be applied.</summary>
    public string? Problem() => Action switch
    {
        "click" or "move" or "wheel" when X is not (>= 0 and <= 1) || Y is not (>= 0 and <= 1) => "x and y must be from 0 to 1 (a fraction of the viewport's width and height).",
        "click" when Button is not (null or "left" or "right" or "middle") => "button must be left, right or middle.",
        "wheel" when DeltaX is not (null or (>= -10_000 and <= 10_000)) || DeltaY is not (null or (>= -10_000 and <= 10_000)) => "delta_x and delta_y must be from -10000 to 10000 pixels.",
        "key" when string.IsNullOrWhiteSpace(Key) || Key.Length > 64 => "key is required: a key name such as Enter, Tab, Backspace, ArrowDown or Control+A.",
        "type" when string.IsNullOrEmpty(Text) || Text.Length > MaxTextChars => $"text is required, at most {MaxTextChars:N0} characters.",
        _ when !Actions.Contains(Action) => "action must be take, release, keepalive, click, move, wheel, key or type.",
        _ => null,
    };

    /// <summary>Applies the input to <paramref name="session"/>'s active tab.</summary>
    public async Task ApplyAsync(BrowserSession session)
    {
        var page = (await session.GetActiveTabAsync()).Page;
        var viewport = page.ViewportSize ?? new PageViewportSizeResult { Width = session.Settings.ViewportWidth, Height = session.Settings.ViewportHeight };
        var x = (float)((X ?? 0) * viewport.Width);
        var y = (float)((Y ?? 0) * viewport.Height);
        var applied = Action switch
        {
            "click" => page.Mouse.ClickAsync(x, y, new MouseClickOptions { Button = Button switch { "right" => MouseButton.Right, "middle" => MouseButton.Middle, _ => MouseButton.Left } }),
            "move" => page.Mouse.MoveAsync(x, y),
            "wheel" => WheelAsync(page, x, y, (float)(DeltaX ?? 0), (float)(DeltaY ?? 0)),
            "key" => page.Keyboard.PressAsync(Key!),
            _ => page.Keyboard.TypeAsync(Text!),
        };
        try
        {
            await applied.WaitAsync(InputLimit);
        }
        catch (PlaywrightException ex) when (Action == "key")
        {
            throw new InvalidArgumentException("key", $"'{ErrorText.Quote(Key!)}' is not a key the browser knows ({ErrorText.FirstLine(ex.Message)}); use names such as Enter, Tab, ArrowDown, Control+A.");
        }
    }

    private static async Task WheelAsync(IPage page, float x, float y, float deltaX, float deltaY)
    {
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.WheelAsync(deltaX, deltaY);
    }
}
