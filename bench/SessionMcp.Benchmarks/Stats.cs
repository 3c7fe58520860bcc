namespace SessionMcp.Benchmarks;

/// <summary>min / median / max of repeated measurements.</summary>
internal sealed record Stats(double Min, double Median, double Max, int Runs)
{
    public static Stats Of(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new Stats(sorted[0], median, sorted[^1], sorted.Length);
    }

    public override string ToString() => $"{Median:0.0} ({Min:0.0}–{Max:0.0})";
}
