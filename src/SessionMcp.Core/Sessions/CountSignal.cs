namespace SessionMcp.Core.Sessions;

/// <summary>A counter that can be awaited until it passes a value: "the next navigation", "the tab a click opened".</summary>
internal sealed class CountSignal
{
    private long _count;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Count => Interlocked.Read(ref _count);

    public void Increment()
    {
        Interlocked.Increment(ref _count);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once the count is at least <paramref name="target"/>.</summary>
    public async Task WaitForAsync(long target, CancellationToken cancellationToken)
    {
        while (true)
        {
            // Take the signal before reading the count, so an increment in between is never missed.
            var changed = Volatile.Read(ref _changed).Task;
            if (Count >= target)
            {
                return;
            }

            await changed.WaitAsync(cancellationToken);
        }
    }
}
