namespace SessionMcp.Core.Errors;

public sealed class RunNotFoundException(string runId)
    : SessionMcpException("run_id", $"run_id '{runId}' was not found; run_task returns the run_id of each run it starts.");
