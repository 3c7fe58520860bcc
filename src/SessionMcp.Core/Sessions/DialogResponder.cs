using Microsoft.Playwright;

namespace SessionMcp.Core.Sessions;

/// <summary>
/// Answers the page's dialogs: the answer armed by <c>handle_dialog</c> is used once; a dialog nobody
/// armed an answer for is dismissed, so the page never blocks, and reported.
/// </summary>
internal sealed class DialogResponder(Action<SessionEvent> report)
{
    private readonly Lock _gate = new();
    private (bool Accept, string? PromptText)? _armed;

    public void Arm(bool accept, string? promptText)
    {
        lock (_gate)
        {
            _armed = (accept, promptText);
        }
    }

    public async Task HandleAsync(IDialog dialog)
    {
        (bool Accept, string? PromptText)? answer;
        lock (_gate)
        {
            answer = _armed;
            _armed = null;
        }

        var action = answer is { Accept: true } ? "accepted" : answer is null ? "dismissed (no handle_dialog answer was armed)" : "dismissed";
        report(new SessionEvent("dialog", new Dictionary<string, string?>
        {
            ["type"] = dialog.Type,
            ["message"] = dialog.Message,
            ["action"] = action,
        }));
        try
        {
            if (answer is { Accept: true } a)
            {
                await dialog.AcceptAsync(a.PromptText);
            }
            else
            {
                await dialog.DismissAsync();
            }
        }
        catch (PlaywrightException)
        {
            // The page closed with the dialog open; nothing is left to answer.
        }
    }
}
