using System.Diagnostics;
using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Telemetry;

namespace SessionMcp.Server.Filters;

/// <summary>
/// A span and a duration for every tool call: the tool, the session it acts on, the outcome. Arguments are never
/// recorded (they carry typed text, URLs with tokens, proxy passwords); only <c>browser_session_id</c> is read.
/// </summary>
internal static class ToolTelemetryFilter
{
    public static McpRequestHandler<CallToolRequestParams, CallToolResult> Wrap(McpRequestHandler<CallToolRequestParams, CallToolResult> next) =>
        async (context, cancellationToken) =>
        {
            var tool = context.Params?.Name ?? "";
            using var activity = SessionMcpTelemetry.Source.StartActivity("tool " + tool);
            activity?.SetTag(SessionMcpTelemetry.ToolTag, tool);
            if (context.Params?.Arguments is { } arguments && arguments.TryGetValue("browser_session_id", out var session) && session.ValueKind == JsonValueKind.String)
            {
                activity?.SetTag(SessionMcpTelemetry.SessionIdTag, session.GetString());
            }

            var started = Stopwatch.GetTimestamp();
            var outcome = "exception";
            try
            {
                var result = await next(context, cancellationToken);
                outcome = result.IsError == true ? "error" : "ok";
                return result;
            }
            finally
            {
                SessionMcpTelemetry.ToolCallDuration.Record(
                    Stopwatch.GetElapsedTime(started).TotalSeconds,
                    new KeyValuePair<string, object?>(SessionMcpTelemetry.ToolTag, tool),
                    new KeyValuePair<string, object?>(SessionMcpTelemetry.OutcomeTag, outcome));
                activity?.SetTag(SessionMcpTelemetry.OutcomeTag, outcome);
                activity?.SetStatus(outcome == "ok" ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
            }
        };
}
