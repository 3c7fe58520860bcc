using System.Text.Json.Nodes;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Server.Contracts;

/// <summary>One step of a run; <c>events</c> lists what the page did on its own meanwhile (dialogs, downloads, new tabs, refused navigations).</summary>
public sealed record StepResponse(
    string Command,
    bool Ok,
    long DurationMs,
    string? Error,
    JsonNode? Result,
    IReadOnlyList<IReadOnlyDictionary<string, string?>>? Events)
{
    public static StepResponse From(StepRecord step) => new(
        step.Command,
        step.Ok,
        step.DurationMs,
        step.Error,
        step.Result,
        step.Events.Count == 0
            ? null
            : [.. step.Events.Select(e => (IReadOnlyDictionary<string, string?>)new Dictionary<string, string?>(e.Details) { ["kind"] = e.Kind })]);
}
