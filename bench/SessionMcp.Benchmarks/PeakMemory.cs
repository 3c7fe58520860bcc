namespace SessionMcp.Benchmarks;

/// <summary>Samples the PSS of some process trees every 200 ms while work runs, and keeps the highest total.</summary>
internal sealed class PeakMemory : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private double _peak;

    public PeakMemory(IReadOnlyList<int> roots)
    {
        _sampling = Task.Run(async () =>
        {
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
            try
            {
                do
                {
                    _peak = Math.Max(_peak, roots.Sum(ProcessTree.PssMiB));
                }
                while (await timer.WaitForNextTickAsync(_stop.Token));
            }
            catch (OperationCanceledException)
            {
                _peak = Math.Max(_peak, roots.Sum(ProcessTree.PssMiB));
            }
        });
    }

    /// <summary>Stops sampling (after one last sample) and returns the peak, in MiB.</summary>
    public async Task<double> StopAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        return _peak;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
