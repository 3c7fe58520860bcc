using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// What an operator sees through OpenTelemetry: a span per tool call, run and step, the MCP SDK's own spans, the
/// server's metrics and logs; exported in memory here as a collector would receive them, and with no typed
/// password, proxy password or API key in any of it.
/// </summary>
public sealed class TelemetryTests : IAsyncLifetime
{
    private const string Key = "sk-telemetry-key-51c8";
    private const string Typed = "typed-password-0e6d";
    private const string ProxyPassword = "proxy-password-a4f7";

    private readonly List<Activity> _spans = [];
    private readonly List<Metric> _metrics = [];
    private readonly List<LogRecord> _logs = [];
    private HttpServer _server = null!;
    private LocalSite _site = null!;

    public async ValueTask InitializeAsync()
    {
        _site = await LocalSite.StartAsync();
        _server = await HttpServer.StartAsync(
            null,
            builder =>
            {
                builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(_spans));
                builder.Services.ConfigureOpenTelemetryMeterProvider(metrics => metrics.AddInMemoryExporter(_metrics));
                builder.Services.ConfigureOpenTelemetryLoggerProvider(logging => logging.AddInMemoryExporter(_logs));
            },
            "--SessionMcp:Telemetry:Enabled=true",
            "--SessionMcp:MaxSessionsPerIdentity=2",
            $"--SessionMcp:Http:ApiKeys:alice={Key}");
    }

    [Fact]
    public async Task ToolCallsRunsAndSteps_AreTracedAndMeasured_WithNoSecretInThem()
    {
        await using var client = await _server.ConnectAsync(Key);
        var session = await client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") });
        var id = session.GetProperty("browser_session_id").GetString()!;
        await client.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["commands"] = new object[] { new { command = "type_text", data = new { selector = "#password", text = Typed } } },
        });
        var failed = await client.CallCheckedAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["commands"] = new object[] { new { command = "wait_for_selector", data = new { selector = "#missing", timeout_ms = 200 } } },
        });
        Assert.True(failed.IsError);
        await client.CallOkAsync("stream_frame", new() { ["browser_session_id"] = id });
        var proxied = await client.CallOkAsync("create_browser_session", new() { ["proxy"] = new { server = "http://127.0.0.1:1", username = "u", password = ProxyPassword } });
        var refused = await client.CallCheckedAsync("create_browser_session", new());
        Assert.True(refused.IsError);
        await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = proxied.GetProperty("browser_session_id").GetString() });
        await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
        Flush();

        var ours = _spans.Where(s => s.Source.Name == "SessionMcp" && Equals(s.GetTagItem("sessionmcp.browser_session_id"), id)).ToList();
        var tool = Assert.Single(ours, s => s.DisplayName == "tool run_task" && Equals(s.GetTagItem("sessionmcp.outcome"), "ok"));
        Assert.Equal("run_task", tool.GetTagItem("gen_ai.tool.name"));
        Assert.Single(ours, s => s.DisplayName == "tool run_task" && Equals(s.GetTagItem("sessionmcp.outcome"), "error"));
        var typing = Assert.Single(ours, s => s.DisplayName == "step type_text");
        Assert.Equal("ok", typing.GetTagItem("sessionmcp.outcome"));
        var waiting = Assert.Single(ours, s => s.DisplayName == "step wait_for_selector");
        Assert.Equal("failed", waiting.GetTagItem("sessionmcp.outcome"));
        Assert.Equal(ActivityStatusCode.Error, waiting.Status);
        Assert.Contains(ours, s => s.DisplayName == "run" && Equals(s.GetTagItem("sessionmcp.status"), "completed"));
        Assert.Contains(ours, s => s.DisplayName == "run" && Equals(s.GetTagItem("sessionmcp.status"), "failed"));
        Assert.Equal(typing.ParentSpanId, ours.Single(s => s.DisplayName == "run" && Equals(s.GetTagItem("sessionmcp.status"), "completed")).SpanId);
        Assert.Contains(_spans, s => s.Source.Name == "Experimental.ModelContextProtocol" && s.DisplayName.StartsWith("tools/call run_task", StringComparison.Ordinal));

        Assert.True(Sum("sessionmcp.runs", ("sessionmcp.status", "completed")) >= 1);
        Assert.True(Sum("sessionmcp.runs", ("sessionmcp.status", "failed")) >= 1);
        Assert.True(HistogramCount("sessionmcp.step.duration", ("sessionmcp.command", "type_text")) >= 1);
        Assert.True(HistogramCount("sessionmcp.tool.duration", ("gen_ai.tool.name", "create_browser_session")) >= 1);
        Assert.True(Sum("sessionmcp.frames.streamed", ("sessionmcp.way", "stream_frame")) >= 1);
        Assert.True(Sum("sessionmcp.admission.refusals", ("sessionmcp.reason", "max_sessions_per_identity")) >= 1);
        Assert.True(Sum("sessionmcp.browser.launches", ("sessionmcp.outcome", "ok")) >= 1);
        Assert.Contains(_metrics, m => m.Name == "sessionmcp.sessions.open");
        Assert.Contains(_metrics, m => m.MeterName == "Experimental.ModelContextProtocol");
        Assert.Contains(_logs, l => l.CategoryName?.StartsWith("SessionMcp", StringComparison.Ordinal) == true);

        var exported = string.Join('\n', _spans.Select(Describe).Concat(_metrics.Select(Describe)).Concat(_logs.Select(Describe)));
        foreach (var secret in new[] { Typed, ProxyPassword, Key })
        {
            Assert.DoesNotContain(secret, exported, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task MetricsEndpoint_ServesPrometheusText_BehindTheKeys()
    {
        using var http = new HttpClient();
        using (var anonymous = await http.GetAsync(new Uri(_server.BaseUrl, "metrics"), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        await using (var client = await _server.ConnectAsync(Key))
        {
            await client.CallOkAsync("get_browser_sessions", new());
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_server.BaseUrl, "metrics"));
        request.Headers.Add("x-api-key", Key);
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("sessionmcp_tool_duration_seconds_count{", text, StringComparison.Ordinal);
        Assert.Contains("gen_ai_tool_name=\"get_browser_sessions\"", text, StringComparison.Ordinal);
    }

    private void Flush()
    {
        _server.Services.GetRequiredService<TracerProvider>().ForceFlush();
        _server.Services.GetRequiredService<MeterProvider>().ForceFlush();
        _server.Services.GetRequiredService<LoggerProvider>().ForceFlush();
    }

    private IEnumerable<MetricPoint> Points(string name, (string Key, string Value) tag)
    {
        foreach (var metric in _metrics.Where(m => m.Name == name))
        {
            foreach (ref readonly var point in metric.GetMetricPoints())
            {
                var matches = false;
                foreach (var pair in point.Tags)
                {
                    matches |= pair.Key == tag.Key && Equals(pair.Value, tag.Value);
                }

                if (matches)
                {
                    yield return point;
                }
            }
        }
    }

    private long Sum(string name, (string Key, string Value) tag) => Points(name, tag).Select(p => p.GetSumLong()).DefaultIfEmpty(0).Max();

    private long HistogramCount(string name, (string Key, string Value) tag) => Points(name, tag).Select(p => p.GetHistogramCount()).DefaultIfEmpty(0).Max();

    private static string Describe(Activity span) =>
        $"{span.DisplayName} {span.StatusDescription} {string.Join(' ', span.TagObjects.Select(t => $"{t.Key}={t.Value}"))} {string.Join(' ', span.Events.Select(e => e.Name + string.Join(' ', e.Tags.Select(t => $"{t.Key}={t.Value}"))))}";

    private static string Describe(Metric metric)
    {
        var tags = new List<string>();
        foreach (ref readonly var point in metric.GetMetricPoints())
        {
            foreach (var pair in point.Tags)
            {
                tags.Add($"{pair.Key}={pair.Value}");
            }
        }

        return $"{metric.Name} {string.Join(' ', tags)}";
    }

    private static string Describe(LogRecord log) =>
        $"{log.CategoryName} {log.Body} {log.FormattedMessage} {string.Join(' ', log.Attributes?.Select(a => $"{a.Key}={a.Value}") ?? [])} {log.Exception}";

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _site.DisposeAsync();
    }
}
