using System.ComponentModel;
using System.Text.Json.Nodes;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Server.Contracts;

/// <summary>
/// One step of a run; <c>events</c> lists what the page did on its own meanwhile (dialogs, downloads, new tabs,
/// refused navigations); a model's step also has the <c>arguments</c> it chose and its <c>reason</c>.
/// </summary>
public sealed record StepResponse(
    string Command,
    bool Ok,
    long DurationMs,
    string? Error,
    [property: Description("What the step read or did: any JSON value, left out when there is none.")] JsonNode? Result,
    IReadOnlyList<IReadOnlyDictionary<string, string>>? Events,
    [property: Description("A model step's arguments, as the model chose them.")] JsonNode? Arguments,
    string? Reason)
{
    public static StepResponse From(StepRecord step) => new(
        step.Command,
        step.Ok,
        step.DurationMs,
        step.Error,
        step.Result,
        step.Events.Count == 0
            ? null
            : [.. step.Events.Select(Event)],
        step.Arguments,
        step.Reason);

    // A detail without a value is left out, as a null field is anywhere else: the schema says every value is a string.
    private static Dictionary<string, string> Event(SessionEvent e)
    {
        var details = e.Details.Where(d => d.Value is not null).ToDictionary(d => d.Key, d => d.Value!);
        details["kind"] = e.Kind;
        return details;
    }
}
