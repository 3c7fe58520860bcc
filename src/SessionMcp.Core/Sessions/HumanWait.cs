namespace SessionMcp.Core.Sessions;

/// <summary>A run step (<c>wait_for_human</c>) waiting for a person: what it asks, since when, and the answer once given.</summary>
public sealed class HumanWait(string message, DateTimeOffset since)
{
    private readonly TaskCompletionSource<HumanAnswer> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Message { get; } = message;

    public DateTimeOffset Since { get; } = since;

    internal Task<HumanAnswer> Answer => _answer.Task;

    /// <summary>Gives the answer; false when one was given already.</summary>
    internal bool TryAnswer(HumanAnswer answer) => _answer.TrySetResult(answer);
}

/// <summary>A person's answer: done (the run goes on) or rejected, with what they wrote.</summary>
public sealed record HumanAnswer(bool Done, string? Note);
