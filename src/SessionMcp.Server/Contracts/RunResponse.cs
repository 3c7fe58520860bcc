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
    [property: Description("When the run was started; in get_run (run_task's reply leaves it out).")] DateTimeOffset? CreatedAt,
    [property: Description("When the run ended; in get_run (run_task's reply leaves it out).")] DateTimeOffset? FinishedAt,
    [property: Description("While status is waiting_for_human: what the run asks a person, and the live view where they answer.")] HumanWaitResponse? WaitingForHuman = null)
{
    /// <summary>
    /// The reply of run_task, which goes into a model's context: what it needs to act next. The times are left out,
    /// and a step's url and title where they are the run's (get_run has the whole record).
    /// </summary>
    public static RunResponse ForReply(RunResult run) => From(run) with
    {
        CreatedAt = null,
        FinishedAt = null,
        Steps = [.. run.Steps.Select(StepResponse.From).Select(step => step with { Result = WithoutRunsPage(step.Result, run) })],
    };

    private static JsonNode? WithoutRunsPage(JsonNode? result, RunResult run)
    {
        if (result is not JsonObject page || page["url"]?.GetValueKind() != System.Text.Json.JsonValueKind.String
            || (string?)page["url"] != run.Url || (string?)page["title"] != run.Title)
        {
            return result;
        }

        var rest = (JsonObject)page.DeepClone();
        rest.Remove("url");
        rest.Remove("title");
        return rest.Count == 0 ? null : rest;
    }

    /// <summary>The run, with the live view to answer it in when it waits for a person (<paramref name="appUrl"/>: the session's, over HTTP).</summary>
    public static RunResponse From(RunResult run, Func<string, string?> appUrl) => From(run) with
    {
        WaitingForHuman = run.WaitingForHuman is { } wait ? new HumanWaitResponse(wait.Message, wait.Since, appUrl(run.BrowserSessionId)) : null,
    };

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
