using System.Text.Json.Nodes;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Tasks.Commands;

/// <summary>
/// <c>wait_for_human {message, timeout_ms?}</c>: the run pauses until a person answers in the session's live view
/// (Done, or Reject with a note), or until <c>timeout_ms</c> (10 minutes by default). Done goes on; Reject or no
/// answer fails the step, saying so.
/// </summary>
internal sealed class WaitForHumanCommand : IBrowserCommand
{
    public const int DefaultTimeoutMs = 600_000;

    public string Name => "wait_for_human";

    public PreparedStep Prepare(CommandData data)
    {
        var message = data.RequireString("message", "\"Check the cart, then press Done\"");
        var timeoutMs = data.GetInt("timeout_ms", 1_000, 86_400_000, "ms") ?? DefaultTimeoutMs;
        return new PreparedStep(Name, context => WaitAsync(context, message, timeoutMs), WaitsLongerThanStep: true);
    }

    private static async Task<JsonNode?> WaitAsync(StepContext context, string message, int timeoutMs)
    {
        var started = context.Time.GetTimestamp();
        HumanAnswer answer;
        try
        {
            answer = await context.Session.WaitForHumanAsync(message, TimeSpan.FromMilliseconds(timeoutMs), context.Time, context.Waiting, context.CancellationToken);
        }
        catch (TimeoutException)
        {
            throw new CommandFailedException($"no one answered '{ErrorText.Quote(message)}' in the live view within {timeoutMs:0} ms; raise timeout_ms, or send the app_url to the person sooner.");
        }

        var waitedMs = (long)context.Time.GetElapsedTime(started).TotalMilliseconds;
        if (!answer.Done)
        {
            var note = string.IsNullOrWhiteSpace(answer.Note) ? "" : $": '{ErrorText.Quote(answer.Note.Trim())}'";
            throw new CommandFailedException($"the person rejected '{ErrorText.Quote(message)}'{note}.");
        }

        var result = new JsonObject { ["answer"] = "done", ["waited_ms"] = waitedMs };
        if (!string.IsNullOrWhiteSpace(answer.Note))
        {
            result["note"] = answer.Note.Trim();
        }

        return result;
    }
}
