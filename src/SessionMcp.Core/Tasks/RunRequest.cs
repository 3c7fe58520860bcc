using System.Text.Json;

namespace SessionMcp.Core.Tasks;

/// <summary>The arguments of <c>run_task</c>, before validation.</summary>
public sealed record RunRequest
{
    public string? BrowserSessionId { get; init; }

    public string? Url { get; init; }

    public IReadOnlyList<CommandRequest>? Commands { get; init; }

    public string? Prompt { get; init; }

    public int MaxSteps { get; init; } = 10;

    public JsonElement? DataExtractionSchema { get; init; }

    public bool WaitForCompletion { get; init; } = true;

    public int? TimeoutSeconds { get; init; }
}
