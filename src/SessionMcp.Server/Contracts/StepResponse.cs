using System.Text.Json.Nodes;
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
    JsonNode? Result,
    IReadOnlyList<IReadOnlyDictionary<string, string?>>? Events,
    JsonNode? Arguments,
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
            : [.. step.Events.Select(e => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(e.Details) { ["kind"] = e.Kind })],
        step.Arguments,
        step.Reason);
}
