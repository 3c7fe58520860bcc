using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>An HTTP caller's own session, by an id taken from a URL.</summary>
internal static class OwnedSessions
{
    /// <summary>The caller's session with that id; null when it is someone else's, unknown, or not an id at all.</summary>
    public static BrowserSession? Find(BrowserSessionPool pool, string browserSessionId, HttpContext context)
    {
        try
        {
            return pool.TryGet(browserSessionId, Caller.Of(context.User));
        }
        catch (Core.Errors.InvalidArgumentException)
        {
            // Not a session id at all: as unknown as any other.
            return null;
        }
    }
}
