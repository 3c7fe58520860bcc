using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SessionMcp.Server.Telemetry;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// OpenTelemetry by the standard variables alone: the stdio server, started as a client starts it with
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> set, sends traces, metrics and logs to a collector (a loopback stand-in that
/// keeps what it receives), none of it carrying what was typed; without the variables nothing is collected.
/// </summary>
public sealed class OtlpExportTests
{
    private const string Typed = "otlp-typed-secret-3b91";

    [Fact]
    public async Task StdioServer_WithTheStandardEndpointVariable_ExportsTracesMetricsAndLogs_WithoutTypedText()
    {
        var received = new ConcurrentQueue<(string Path, byte[] Body)>();
        await using var collector = LoopbackWebApp.Create();
        collector.MapPost("/v1/{signal}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body);
            received.Enqueue((context.Request.Path, body.ToArray()));
            context.Response.ContentType = "application/x-protobuf";
        });
        var endpoint = await LoopbackWebApp.StartAsync(collector);
        await using var site = await LocalSite.StartAsync();

        await using (var server = await ServerProcess.StartAsync(
            new Dictionary<string, string?>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint.AbsoluteUri.TrimEnd('/'),
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            },
            TestContext.Current.CancellationToken))
        {
            var session = (await server.Client.CallOkAsync("create_browser_session", new() { ["start_url"] = site.Url("/login") })).GetProperty("browser_session_id").GetString();
            await server.Client.CallOkAsync("run_task", new()
            {
                ["browser_session_id"] = session,
                ["commands"] = new object[] { new { command = "type_text", data = new { selector = "#password", text = Typed } } },
            });
            await server.Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = session });
        }

        // The server flushes every signal as it shuts down.
        var paths = received.Select(r => r.Path).Distinct().ToList();
        Assert.Contains("/v1/traces", paths);
        Assert.Contains("/v1/metrics", paths);
        Assert.Contains("/v1/logs", paths);
        var everything = System.Text.Encoding.UTF8.GetString([.. received.SelectMany(r => r.Body)]);
        Assert.Contains("step type_text", everything, StringComparison.Ordinal);
        Assert.Contains("sessionmcp.step.duration", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Typed, everything, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, new string[0], false, false)]
    [InlineData(true, new string[0], false, true)]
    [InlineData(true, new[] { "SessionMcp:Telemetry:Prometheus=false" }, false, false)]
    [InlineData(false, new[] { "OTEL_EXPORTER_OTLP_ENDPOINT=http://127.0.0.1:4318" }, true, true)]
    [InlineData(false, new[] { "SessionMcp:Telemetry:Enabled=true" }, true, true)]
    public void Registration_IsOffUnlessAskedFor(bool http, string[] settings, bool traces, bool metrics)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => s.Split('=', 2)).Select(p => new KeyValuePair<string, string?>(p[0], p[1])))
            .Build();
        var services = new ServiceCollection();

        services.AddSessionMcpTelemetry(configuration, http);

        using var provider = services.BuildServiceProvider();
        Assert.Equal(traces, provider.GetService<TracerProvider>() is not null);
        Assert.Equal(metrics, provider.GetService<MeterProvider>() is not null);
    }
}
