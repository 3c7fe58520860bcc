using System.Diagnostics;

namespace SessionMcp.Benchmarks;

internal static class Measure
{
    /// <summary>
    /// Runs <paramref name="body"/> <paramref name="runs"/> times and returns each time in ms. The stopwatch runs
    /// when the body starts; a body that prepares first restarts it, and one that cleans up stops it.
    /// </summary>
    public static async Task<Stats> RepeatAsync(int runs, Func<Stopwatch, Task> body)
    {
        var times = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await body(watch);
            watch.Stop();
            times.Add(watch.Elapsed.TotalMilliseconds);
        }

        return Stats.Of(times);
    }
}
