namespace SessionMcp.Core.Tasks;

public enum RunStatus
{
    Running,

    /// <summary>Running, and paused on <c>wait_for_human</c> until a person answers in the live view.</summary>
    WaitingForHuman,
    Completed,
    Failed,
    TimedOut,
    Canceled,
}
