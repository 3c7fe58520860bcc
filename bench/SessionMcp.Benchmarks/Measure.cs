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

    /// <summary>
    /// Two ways of doing the same thing, each once untimed, then timed in turns (a, b, a, b …): a machine that turns
    /// busy for a while weighs on both.
    /// </summary>
    public static async Task<(Stats A, Stats B)> InTurnsAsync(int runs, Func<Task> a, Func<Task> b)
    {
        await a();
        await b();
        var timesA = new List<double>(runs);
        var timesB = new List<double>(runs);
        for (var i = 0; i < runs; i++)
        {
            var watch = Stopwatch.StartNew();
            await a();
            timesA.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await b();
            timesB.Add(watch.Elapsed.TotalMilliseconds);
        }

        return (Stats.Of(timesA), Stats.Of(timesB));
    }
}
