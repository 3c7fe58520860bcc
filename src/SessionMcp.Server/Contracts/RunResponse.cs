using System.ComponentModel;
using System.Text.Json.Nodes;
using SessionMcp.Core.Tasks;

namespace SessionMcp.Server.Contracts;

/// <summary>A run as run_task and get_run return it.</summary>
public sealed record RunResponse(
    string RunId,
    string BrowserSessionId,
    RunStatus Status,
    [property: Description("The run's value: the one extract/extract_text/scrape/snapshot/screenshot value, a list of them in order, or a prompt run's answer; any JSON.")] JsonNode? Output,
    IReadOnlyList<StepResponse> Steps,
    string? Url,
    string? Title,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    public static RunResponse From(RunResult run) => new(
        run.RunId,
        run.BrowserSessionId,
        run.Status,
        run.Output,
        [.. run.Steps.Select(StepResponse.From)],
        run.Url,
        run.Title,
        run.FailureReason,
        run.CreatedAt,
        run.FinishedAt);
}
