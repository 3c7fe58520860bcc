using System.Collections.Concurrent;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Ids;

namespace SessionMcp.Core.Tasks;

/// <summary>Runs by id, visible only to the client that started them; the oldest finished runs are dropped past the retention limit.</summary>
internal sealed class RunStore(SessionMcpOptions options, IRunArchive? archive = null)
{
    private readonly ConcurrentDictionary<string, RunRecord> _runs = new(StringComparer.Ordinal);

    /// <summary>The runs held, oldest first: pruning takes from the front instead of sorting them all on every run.</summary>
    private readonly ConcurrentQueue<RunRecord> _arrivals = new();

    public void Add(RunRecord run)
    {
        _runs[run.RunId] = run;
        _arrivals.Enqueue(run);
        Prune();
    }

    public RunRecord Get(string runId, string owner)
    {
        ValidateId(runId);
        return _runs.TryGetValue(runId, out var run) && run.Owner == owner ? run : throw new RunNotFoundException(runId);
    }

    /// <summary>A run as it is now: a live one from memory, else a finished one from the database (also after a restart).</summary>
    public async Task<RunResult> GetResultAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        ValidateId(runId);
        if (_runs.TryGetValue(runId, out var run) && run.Owner == owner)
        {
            return run.Snapshot();
        }

        return (archive is null ? null : await archive.GetAsync(runId, owner, cancellationToken)) ?? throw new RunNotFoundException(runId);
    }

    /// <summary>Keeps a finished run in the database; a failure to write is the caller's to log, the run itself stands.</summary>
    public Task ArchiveAsync(RunRecord run, CancellationToken cancellationToken) =>
        archive is null ? Task.CompletedTask : archive.SaveAsync(run.Owner, run.Snapshot(), cancellationToken);

    private static void ValidateId(string runId)
    {
        if (string.IsNullOrWhiteSpace(runId) || !runId.StartsWith(IdGenerator.RunPrefix, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException("run_id", $"'{runId}' is not a run id; ids look like run_… as returned by run_task.");
        }
    }

    public bool Contains(string runId) => _runs.ContainsKey(runId);

    /// <summary>The newest runs of one of <paramref name="owner"/>'s sessions that this server still holds, newest first.</summary>
    public IReadOnlyList<RunResult> ForSession(string browserSessionId, string owner, int limit) =>
        [.. _runs.Values
            .Where(r => r.Owner == owner && r.BrowserSessionId == browserSessionId)
            .Select(r => r.Snapshot())
            .OrderByDescending(r => r.CreatedAt)
            .Take(limit)];

    /// <summary>
    /// Drops the oldest finished runs past the retention limit. A run still going is kept and goes to the back of the
    /// line; each call looks at each held run at most once.
    /// </summary>
    private void Prune()
    {
        for (var looked = _arrivals.Count; _runs.Count > options.ClosedRetention && looked > 0 && _arrivals.TryDequeue(out var oldest); looked--)
        {
            if (oldest.IsFinished)
            {
                _runs.TryRemove(oldest.RunId, out _);
            }
            else
            {
                _arrivals.Enqueue(oldest);
            }
        }
    }
}
