using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Storage;

/// <summary>
/// Which open sessions in the database ended with their server: those of an earlier life of this host whose server
/// process no longer holds its instance lock. Another server still running on the same data folder keeps its own.
/// </summary>
internal sealed class LeftOpenSessions(SessionMcpOptions options, ServerInstance current)
{
    private readonly Dictionary<string, bool> _alive = new(StringComparer.Ordinal);

    public bool EndedWithTheirServer(string? instance)
    {
        instance ??= "";
        if (!_alive.TryGetValue(instance, out var alive))
        {
            alive = _alive[instance] = instance == current.Id || ServerInstance.IsAlive(options, instance);
        }

        return !alive;
    }

    /// <summary>The server stopped without closing it (a kill, a power cut): it ended with the server, at a time unknown; now is the best guess.</summary>
    public static SessionRecord Closed(SessionRecord open, DateTimeOffset now) =>
        open with { ClosedAt = now, CloseReason = CloseReason.Shutdown };
}
