namespace SessionMcp.Core.Sessions;

/// <summary>
/// A person's hold on a session from its live view. While it is held, runs on the session are refused and the
/// person's mouse and keyboard go to the active tab. It lapses after <see cref="IdleLimit"/> without input or
/// keep-alive (a closed live view must not lock the agent out), when the person releases it, and when they answer
/// a run's <c>wait_for_human</c>.
/// </summary>
public sealed class LiveControl
{
    public static readonly TimeSpan IdleLimit = TimeSpan.FromSeconds(30);

    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private DateTimeOffset _lastSeen;

    /// <summary>Since when a person holds the session at <paramref name="now"/>; null when nobody does.</summary>
    public DateTimeOffset? HeldSince(DateTimeOffset now)
    {
        lock (_gate)
        {
            return HeldLocked(now);
        }
    }

    internal void Take(DateTimeOffset now)
    {
        lock (_gate)
        {
            _since ??= now;
            _lastSeen = now;
        }
    }

    /// <summary>Input or a keep-alive from the holder: false when nobody holds it (any more).</summary>
    public bool Touch(DateTimeOffset now)
    {
        lock (_gate)
        {
            if (HeldLocked(now) is null)
            {
                return false;
            }

            _lastSeen = now;
            return true;
        }
    }

    private DateTimeOffset? HeldLocked(DateTimeOffset now)
    {
        if (_since is not null && now - _lastSeen >= IdleLimit)
        {
            _since = null;
        }

        return _since;
    }

    public void Release()
    {
        lock (_gate)
        {
            _since = null;
        }
    }
}
