namespace SessionMcp.Benchmarks;

/// <summary>The issue's target for a ratio SessionMcp / Playwright MCP: at most (lower is better) or at least.</summary>
internal sealed record Target(double? Ratio, bool AtLeastRatio)
{
    public static Target None { get; } = new(null, false);

    public static Target AtMost(double ratio) => new(ratio, false);

    public static Target AtLeast(double ratio) => new(ratio, true);

    public string Describe() => Ratio is { } r ? (AtLeastRatio ? "≥ " : "≤ ") + r.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "×" : "";

    /// <summary>"met", "missed", or empty when there is no target or nothing to compare with.</summary>
    public string Verdict(double? ratio) => (Ratio, ratio) switch
    {
        (null, _) or (_, null) => "",
        ({ } goal, { } actual) => (AtLeastRatio ? actual >= goal : actual <= goal) ? "met" : "missed",
    };
}
