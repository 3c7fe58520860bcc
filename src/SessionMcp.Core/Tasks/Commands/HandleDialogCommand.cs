using System.Text.Json.Nodes;
using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>handle_dialog {accept, prompt_text?}</c>: arms the answer to the page's next alert, confirm or prompt.
/// Put it before the step that opens the dialog.
/// </summary>
internal sealed class HandleDialogCommand : IBrowserCommand
{
    public string Name => "handle_dialog";

    public PreparedStep Prepare(CommandData data)
    {
        var accept = data.GetBool("accept") ?? throw new InvalidArgumentException(data.Field("accept"), "is required: true to accept the next dialog, false to dismiss it.");
        var promptText = data.GetString("prompt_text");
        return new PreparedStep(Name, context =>
        {
            context.Session.Dialogs.Arm(accept, promptText);
            return Task.FromResult<JsonNode?>(null);
        });
    }
}
