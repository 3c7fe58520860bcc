namespace SessionMcp.Core.Storage;

/// <summary>
/// Work done once, when first needed (a migration, start-up recovery): callers at the same time share the attempt in
/// progress, and a successful one is kept. A failed attempt is not: the next caller tries again, so a database that was
/// down or missing when the server first asked for it is used once it is back, without a restart.
/// </summary>
internal sealed class UntilSucceeded<T>(Func<Task<T>> work)
{
    private readonly Lock _gate = new();
    private Task<T>? _attempt;

    public Task<T> Value
    {
        get
        {
            lock (_gate)
            {
                if (_attempt is null || _attempt.IsFaulted || _attempt.IsCanceled)
                {
                    _attempt = work();
                }

                return _attempt;
            }
        }
    }
}
