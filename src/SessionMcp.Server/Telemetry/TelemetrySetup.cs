using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using SessionMcp.Core.Telemetry;

namespace SessionMcp.Server.Telemetry;

/// <summary>OpenTelemetry for the server: its own source and meter, and the MCP SDK's, to the exporters configured.</summary>
public static class TelemetrySetup
{
    /// <summary>The MCP C# SDK's activity source and meter: a span and a duration per MCP request and session.</summary>
    public const string McpSdkName = "Experimental.ModelContextProtocol";

    private static readonly string[] OtlpEndpointVariables =
    [
        "OTEL_EXPORTER_OTLP_ENDPOINT",
        "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
        "OTEL_EXPORTER_OTLP_METRICS_ENDPOINT",
        "OTEL_EXPORTER_OTLP_LOGS_ENDPOINT",
    ];

    /// <summary>
    /// Registers what <paramref name="configuration"/> asks for; call it before the log redaction so the
    /// OpenTelemetry log provider gets redacted lines like every other.
    /// </summary>
    /// <returns>Whether the Prometheus endpoint is to be mapped.</returns>
    public static bool AddSessionMcpTelemetry(this IServiceCollection services, IConfiguration configuration, bool http)
    {
        var options = configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = OtlpEndpointVariables.Any(name => !string.IsNullOrWhiteSpace(configuration[name]));
        var full = options.Enabled || otlp;
        var prometheus = http && options.Prometheus;
        if (!full && !prometheus)
        {
            return false;
        }

        var telemetry = services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("sessionmcp", serviceVersion: ServerVersion.Package))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(SessionMcpTelemetry.Name, McpSdkName);
                if (prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (full)
        {
            telemetry
                .WithTracing(tracing => tracing.AddSource(SessionMcpTelemetry.Name, McpSdkName))
                .WithLogging();
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return prometheus;
    }
}
