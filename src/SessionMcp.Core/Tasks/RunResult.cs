using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks;

/// <summary>A run as <c>run_task</c> and <c>get_run</c> report it.</summary>
public sealed record RunResult(
    string RunId,
    string BrowserSessionId,
    RunStatus Status,
    JsonNode? Output,
    IReadOnlyList<StepRecord> Steps,
    string? Url,
    string? Title,
    string? FailureReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt)
{
    /// <summary>What the run asks a person, while its status is <see cref="RunStatus.WaitingForHuman"/>.</summary>
    public Sessions.HumanWait? WaitingForHuman { get; init; }
}
