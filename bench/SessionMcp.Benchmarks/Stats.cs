namespace SessionMcp.Benchmarks;

/// <summary>min / median / max (and 95th percentile, nearest rank) of repeated measurements.</summary>
internal sealed record Stats(double Min, double Median, double Max, int Runs)
{
    public double P95 { get; init; }

    public static Stats Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        var p95 = sorted[Math.Max(0, (int)Math.Ceiling(sorted.Length * 0.95) - 1)];
        return new Stats(sorted[0], median, sorted[^1], sorted.Length) { P95 = p95 };
    }

    public override string ToString() => $"{Median:0.0} ({Min:0.0}–{Max:0.0})";
}
