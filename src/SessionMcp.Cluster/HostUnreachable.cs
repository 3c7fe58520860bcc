namespace SessionMcp.Cluster;

/// <summary>What Orleans throws when the host a call goes to does not answer (gone, stopping, or not yet found dead).</summary>
internal static class HostUnreachable
{
    public static bool Is(Exception exception) =>
        exception is SiloUnavailableException or TimeoutException or OrleansMessageRejectionException;
}
