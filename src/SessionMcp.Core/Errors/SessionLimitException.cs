namespace SessionMcp.Core.Errors;

public sealed class SessionLimitException(string message) : SessionMcpException(null, message)
{
    public static SessionLimitException Total(int limit) => new(
        $"the server already has its maximum of {limit} open browser sessions; close one with close_browser_session (get_browser_sessions lists them) or raise SessionMcp:MaxSessions.");

    public static SessionLimitException PerIdentity(int limit) => new(
        $"you already have {limit} open browser sessions, the most one client may have; close one with close_browser_session (get_browser_sessions lists yours) or raise SessionMcp:MaxSessionsPerIdentity.");

    public static SessionLimitException Draining() => new(
        "this host is stopping and takes no new sessions; call create_browser_session again (behind a load balancer, another host takes it). Sessions already open here go on until it stops.");
}
