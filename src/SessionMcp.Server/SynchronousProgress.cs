namespace SessionMcp.Server;

/// <summary>
/// An <see cref="IProgress{T}"/> that reports on the caller's thread, in order; <see cref="Progress{T}"/> posts to
/// the thread pool and could deliver "step 3" after "step 4".
/// </summary>
internal sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
