using System.Text.Json.Nodes;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Tasks;

/// <summary>
/// What one command did: whether it worked, how long it took, its value or its error, and what the page did
/// meanwhile; for a model's step also the arguments it chose and its short reason.
/// </summary>
public sealed record StepRecord(
    string Command,
    bool Ok,
    long DurationMs,
    string? Error,
    JsonNode? Result,
    IReadOnlyList<SessionEvent> Events,
    JsonNode? Arguments = null,
    string? Reason = null);
