namespace SessionMcp.Core.Tasks;

public enum RunStatus
{
    Running,
    Completed,
    Failed,
    TimedOut,
    Canceled,
}
