using System.Text.Json;

namespace SessionMcp.Core.Tasks;

/// <summary>One <c>{command, data}</c> entry of <c>run_task</c>'s <c>commands</c>, as the client sent it.</summary>
public sealed record CommandRequest(string? Command, JsonElement? Data);
