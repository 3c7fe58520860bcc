namespace SessionMcp.Core.Sessions;

public enum BrowserSessionStatus
{
    Running,
    Closed,
}
