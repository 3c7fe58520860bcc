using System.Text.Json.Nodes;

namespace SessionMcp.Core.Tasks;

/// <summary>A run while it happens: steps are added as they finish, so <c>get_run</c> shows progress.</summary>
internal sealed class RunRecord(string runId, string browserSessionId, string owner, DateTimeOffset createdAt)
{
    private readonly Lock _gate = new();
    private readonly List<StepRecord> _steps = [];
    private readonly TaskCompletionSource<RunResult> _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private RunStatus _status = RunStatus.Running;
    private JsonNode? _output;
    private string? _url;
    private string? _title;
    private string? _failureReason;
    private DateTimeOffset? _finishedAt;
    private Sessions.HumanWait? _waitingFor;

    public string RunId { get; } = runId;

    public string Owner { get; } = owner;

    public string BrowserSessionId { get; } = browserSessionId;

    public bool IsFinished
    {
        get
        {
            lock (_gate)
            {
                return _finishedAt is not null;
            }
        }
    }

    public DateTimeOffset? FinishedAt
    {
        get
        {
            lock (_gate)
            {
                return _finishedAt;
            }
        }
    }

    /// <summary>Completes with the final result when the run ends.</summary>
    public Task<RunResult> Finished => _finished.Task;

    /// <summary>Adds a finished step; returns how many steps the run has now.</summary>
    public int AddStep(StepRecord step)
    {
        lock (_gate)
        {
            _steps.Add(step);
            return _steps.Count;
        }
    }

    /// <summary>While the run waits for a person: what it asks; null once answered.</summary>
    public void WaitFor(Sessions.HumanWait? wait)
    {
        lock (_gate)
        {
            _waitingFor = wait;
        }
    }

    public void Finish(RunStatus status, JsonNode? output, string? url, string? title, string? failureReason, DateTimeOffset at)
    {
        RunResult result;
        lock (_gate)
        {
            _status = status;
            _output = output;
            _url = url;
            _title = title;
            _failureReason = failureReason;
            _finishedAt = at;
            _waitingFor = null;
            result = SnapshotLocked();
        }

        _finished.TrySetResult(result);
    }

    public RunResult Snapshot()
    {
        lock (_gate)
        {
            return SnapshotLocked();
        }
    }

    private RunResult SnapshotLocked() =>
        new(RunId, BrowserSessionId, _waitingFor is null ? _status : RunStatus.WaitingForHuman, _output?.DeepClone(), [.. _steps], _url, _title, _failureReason, createdAt, _finishedAt)
        {
            WaitingForHuman = _waitingFor,
        };
}
