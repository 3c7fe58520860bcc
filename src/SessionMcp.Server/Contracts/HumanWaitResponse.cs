using System.ComponentModel;

namespace SessionMcp.Server.Contracts;

/// <summary>What a run in <c>waiting_for_human</c> asks a person, and where they answer it.</summary>
public sealed record HumanWaitResponse(
    [property: Description("The message the person sees in the live view, with Done and Reject.")] string Message,
    [property: Description("Since when the run waits.")] DateTimeOffset Since,
    [property: Description("The live view where the person answers (Done or Reject); over HTTP only.")] string? AppUrl);
