namespace SessionMcp.Server.Telemetry;

/// <summary>
/// <c>SessionMcp:Telemetry</c>. Traces, metrics and logs go to an OTLP collector when the standard
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (or a per-signal endpoint) is set; nothing is collected otherwise, except the
/// metrics that HTTP serves on <c>/metrics</c>.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "SessionMcp:Telemetry";

    /// <summary>Collect traces, metrics and logs even without an OTLP endpoint (for exporters added in code, as tests do).</summary>
    /// <value>false.</value>
    public bool Enabled { get; set; }

    /// <summary>Over HTTP, serve the metrics in Prometheus' text format at <c>/metrics</c> (behind the API keys when set).</summary>
    /// <value>true.</value>
    public bool Prometheus { get; set; } = true;
}
