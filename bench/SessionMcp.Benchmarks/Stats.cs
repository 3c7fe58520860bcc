namespace SessionMcp.Benchmarks;

/// <summary>min / median / max of repeated measurements.</summary>
internal sealed record Stats(string Name, string Unit, double Min, double Median, double Max, int Runs)
{
    public static Stats Of(string name, string unit, IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        return new Stats(name, unit, sorted[0], median, sorted[^1], sorted.Length);
    }
}
