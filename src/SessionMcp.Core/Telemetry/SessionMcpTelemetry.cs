using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SessionMcp.Core.Telemetry;

/// <summary>
/// The server's traces and metrics, under the name <see cref="Name"/>. What they carry is chosen, never copied
/// from arguments: session and run ids, tool and command names, outcomes, durations. Typed text, URLs' queries,
/// cookies and credentials are not in them.
/// </summary>
public static class SessionMcpTelemetry
{
    public const string Name = "SessionMcp";

    public static ActivitySource Source { get; } = new(Name, typeof(SessionMcpTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter Meter = new(Name, typeof(SessionMcpTelemetry).Assembly.GetName().Version?.ToString());

    public static UpDownCounter<int> SessionsOpen { get; } = Meter.CreateUpDownCounter<int>(
        "sessionmcp.sessions.open", "{session}", "Browser sessions open (or being created).");

    public static Counter<long> Runs { get; } = Meter.CreateCounter<long>(
        "sessionmcp.runs", "{run}", "Runs finished, by status (completed, failed, timed_out, canceled).");

    public static Histogram<double> StepDuration { get; } = Meter.CreateHistogram<double>(
        "sessionmcp.step.duration", "s", "How long run steps take, by command and outcome.");

    public static Histogram<double> ToolCallDuration { get; } = Meter.CreateHistogram<double>(
        "sessionmcp.tool.duration", "s", "How long tool calls take, by tool and outcome.");

    public static Counter<long> BrowserLaunches { get; } = Meter.CreateCounter<long>(
        "sessionmcp.browser.launches", "{launch}", "Browsers launched, by browser type and outcome.");

    public static Counter<long> BrowserCrashes { get; } = Meter.CreateCounter<long>(
        "sessionmcp.browser.crashes", "{crash}", "Browsers that crashed, were killed, or were stopped frozen.");

    public static Counter<long> FramesStreamed { get; } = Meter.CreateCounter<long>(
        "sessionmcp.frames.streamed", "{frame}", "Viewport frames sent, by way (stream_frame, live view).");

    public static Counter<long> AdmissionRefusals { get; } = Meter.CreateCounter<long>(
        "sessionmcp.admission.refusals", "{refusal}", "Work refused at a limit, by reason (max_sessions, max_sessions_per_identity, legacy_sse_rate).");

    // Tag names, after OpenTelemetry's conventions where one exists.
    public const string SessionIdTag = "sessionmcp.browser_session_id";
    public const string RunIdTag = "sessionmcp.run_id";
    public const string CommandTag = "sessionmcp.command";
    public const string StatusTag = "sessionmcp.status";
    public const string OutcomeTag = "sessionmcp.outcome";
    public const string ToolTag = "gen_ai.tool.name";
    public const string BrowserTypeTag = "sessionmcp.browser_type";
    public const string ReasonTag = "sessionmcp.reason";
    public const string WayTag = "sessionmcp.way";

    public static void FrameSent(string way) => FramesStreamed.Add(1, new KeyValuePair<string, object?>(WayTag, way));

    public static void RefusedAdmission(string reason) => AdmissionRefusals.Add(1, new KeyValuePair<string, object?>(ReasonTag, reason));
}
