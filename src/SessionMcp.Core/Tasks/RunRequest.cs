using System.Text.Json;
using Microsoft.Extensions.AI;

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

    /// <summary>The model that carries out <see cref="Prompt"/>: one configured on the server, or the client's own through sampling.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IChatClient? Model { get; init; }

    /// <summary>What <see cref="ModelSource"/> says when the model is the client's own, reached through sampling.</summary>
    public const string ClientSampling = "the client's model (sampling)";

    /// <summary>Where <see cref="Model"/> comes from, for messages: "the server's model …" or <see cref="ClientSampling"/>.</summary>
    public string? ModelSource { get; init; }
}
