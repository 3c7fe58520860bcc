namespace SessionMcp.Core.Tasks;

/// <summary>
/// A step of a run has ended: which one of how many, and whether it worked. With <see cref="WaitingForHuman"/>, the
/// step has not ended: it waits for a person to answer that message.
/// </summary>
public sealed record RunProgress(int Step, int Total, string Command, bool Ok, string? WaitingForHuman = null);
