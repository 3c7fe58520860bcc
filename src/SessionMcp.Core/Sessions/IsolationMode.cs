namespace SessionMcp.Core.Sessions;

/// <summary>
/// How a session is kept apart: a context in the shared, pooled Chromium (fast, cheap), or its own Chromium
/// process with its own DevTools endpoint (for extensions, or other tools attaching to it).
/// </summary>
public enum IsolationMode
{
    Context,
    Process,
}
