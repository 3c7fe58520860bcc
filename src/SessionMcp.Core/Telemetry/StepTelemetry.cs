using System.Diagnostics;

namespace SessionMcp.Core.Telemetry;

/// <summary>A run's span and its steps' spans and durations: ids, command names and outcomes only.</summary>
internal static class StepTelemetry
{
    public static Activity? StartRun(string runId, string sessionId)
    {
        var activity = SessionMcpTelemetry.Source.StartActivity("run");
        activity?.SetTag(SessionMcpTelemetry.RunIdTag, runId);
        activity?.SetTag(SessionMcpTelemetry.SessionIdTag, sessionId);
        return activity;
    }

    public static void RunFinished(Activity? activity, string status)
    {
        SessionMcpTelemetry.Runs.Add(1, new KeyValuePair<string, object?>(SessionMcpTelemetry.StatusTag, status));
        activity?.SetTag(SessionMcpTelemetry.StatusTag, status);
        activity?.SetStatus(status == "completed" ? ActivityStatusCode.Ok : ActivityStatusCode.Error);
    }

    public static Activity? StartStep(string sessionId, string command)
    {
        var activity = SessionMcpTelemetry.Source.StartActivity("step " + command);
        activity?.SetTag(SessionMcpTelemetry.SessionIdTag, sessionId);
        activity?.SetTag(SessionMcpTelemetry.CommandTag, command);
        return activity;
    }

    /// <summary>The step's outcome: <paramref name="failure"/>'s type, never its message (it may quote what the page or the client wrote).</summary>
    public static void StepFinished(Activity? activity, string command, TimeSpan took, Exception? failure)
    {
        var outcome = failure is null ? "ok" : failure is OperationCanceledException ? "canceled" : "failed";
        SessionMcpTelemetry.StepDuration.Record(
            took.TotalSeconds,
            new KeyValuePair<string, object?>(SessionMcpTelemetry.CommandTag, command),
            new KeyValuePair<string, object?>(SessionMcpTelemetry.OutcomeTag, outcome));
        if (activity is null)
        {
            return;
        }

        activity.SetTag(SessionMcpTelemetry.OutcomeTag, outcome);
        if (failure is not null)
        {
            activity.SetTag("error.type", failure.GetType().Name);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
