using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks.Prompt;

/// <summary>How a prompt run ended: done with an answer, failed with a reason.</summary>
internal sealed record AgentOutcome(RunStatus Status, JsonNode? Output, string? FailureReason);
