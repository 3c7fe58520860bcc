using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Ids;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Telemetry;
using SessionMcp.Core.Tasks.Commands;
using SessionMcp.Core.Tasks.Prompt;

namespace SessionMcp.Core.Tasks;

/// <summary>
/// Carries out <c>run_task</c>: checks the whole request first, then runs its steps in order in the session
/// (one run at a time per session), stopping at the first failure, within the run's deadline.
/// </summary>
public sealed partial class TaskRunner : IAsyncDisposable
{
    /// <summary>What a prompt run without a model is told.</summary>
    public const string NoModelAdvice =
        "runs need a model, and none is available: configure one on the server (SessionMcp:Model:Endpoint, SessionMcp:Model:Name and SessionMcp:Model:ApiKey " +
        "for an OpenAI-compatible endpoint such as OpenAI, Ollama, llama.cpp, vLLM or LM Studio), or connect with an MCP client that offers sampling. " +
        "Command runs need no model: describe the steps as commands (navigate, click, type_text, extract_text, snapshot …).";

    /// <summary>How long past its own timeout a step may take before its page counts as stuck.</summary>
    private static readonly TimeSpan StuckPageGrace = TimeSpan.FromSeconds(5);

    private readonly BrowserSessionPool _pool;
    private readonly CommandRegistry _commands;
    private readonly RunStore _runs;
    private readonly NavigationPolicy _policy;
    private readonly SessionMcpOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TaskRunner> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly SemaphoreSlim _stepSlots;
    private string _stopReason = "the server shut down during the run";
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _inFlight = new(StringComparer.Ordinal);
    private readonly IRemoteSessions? _cluster;

    internal TaskRunner(
        BrowserSessionPool pool,
        CommandRegistry commands,
        RunStore runs,
        NavigationPolicy policy,
        SessionMcpOptions options,
        TimeProvider time,
        ILogger<TaskRunner> logger,
        IRemoteSessions? cluster = null)
    {
        _cluster = cluster;
        _pool = pool;
        _commands = commands;
        _runs = runs;
        _policy = policy;
        _options = options;
        _time = time;
        _logger = logger;
        _stepSlots = new SemaphoreSlim(options.MaxConcurrentSteps, options.MaxConcurrentSteps);
    }

    /// <summary>Starts a run, reporting no progress; see the overload with <see cref="RunProgress"/>.</summary>
    public Task<RunResult> RunAsync(RunRequest request, string owner, CancellationToken cancellationToken) =>
        RunAsync(request, owner, progress: null, cancellationToken);

    /// <summary>
    /// Starts a run. With <see cref="RunRequest.WaitForCompletion"/> it returns the finished run, reports each
    /// step to <paramref name="progress"/>, and the caller's cancellation cancels it; without, it returns at once
    /// with the run <c>running</c>.
    /// </summary>
    public async Task<RunResult> RunAsync(RunRequest request, string owner, IProgress<RunProgress>? progress, CancellationToken cancellationToken)
    {
        var plan = Plan(request);
        var runTimeout = TimeSpan.FromSeconds(request.TimeoutSeconds ?? _options.RunTimeoutSeconds);
        var (session, temporary) = await ResolveSessionAsync(request, owner, runTimeout, cancellationToken);
        var record = new RunRecord(NewUniqueRunId(), session.Id, owner, _time.GetUtcNow());
        _runs.Add(record);
        if (_cluster is not null)
        {
            await _cluster.ClaimRunAsync(record.RunId);
        }

        LogRunStarted(_logger, record.RunId, session.Id, plan.Count);

        // A caller that does not wait is not listening: it neither cancels the run nor hears its progress.
        var cancellation = request.WaitForCompletion ? cancellationToken : CancellationToken.None;
        var listener = request.WaitForCompletion ? progress : null;
        var execution = Task.Run(() => ExecuteAsync(record, request, session, plan, temporary, runTimeout, listener, cancellation), CancellationToken.None);
        _inFlight[record.RunId] = execution;
        _ = execution.ContinueWith(_ => _inFlight.TryRemove(record.RunId, out Task? _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return request.WaitForCompletion ? await execution : record.Snapshot();
    }

    /// <summary>A run by id: while it runs, from memory (in a cluster, that of the host it runs on); once finished, also after a restart.</summary>
    public async Task<RunResult> GetAsync(string runId, string owner, CancellationToken cancellationToken)
    {
        try
        {
            return await _runs.GetResultAsync(runId, owner, cancellationToken);
        }
        catch (RunNotFoundException) when (_cluster is not null)
        {
            return await _cluster.GetRunAsync(runId, owner, cancellationToken) ?? throw new RunNotFoundException(runId);
        }
    }

    /// <summary>Whether this server holds the run in memory (running, or finished recently).</summary>
    internal bool Holds(string runId) => _runs.Contains(runId);

    /// <summary>Waits, up to <paramref name="limit"/>, until no run of this server is going (a draining host lets them end).</summary>
    public async Task WhenNoRunsAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        var until = _time.GetUtcNow() + limit;
        while (!_inFlight.IsEmpty && _time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken);
        }
    }

    /// <summary>The newest runs of a session of <paramref name="owner"/>, newest first (for the dashboard).</summary>
    public IReadOnlyList<RunResult> RecentRuns(string browserSessionId, string owner, int limit) => _runs.ForSession(browserSessionId, owner, limit);

    /// <summary>Waits until a run ends and returns it; for callers that started it without waiting.</summary>
    public Task<RunResult> WaitAsync(string runId, string owner, CancellationToken cancellationToken) =>
        _runs.Get(runId, owner).Finished.WaitAsync(cancellationToken);

    private List<PreparedStep> Plan(RunRequest request)
    {
        var hasCommands = request.Commands is { Count: > 0 };
        var hasPrompt = !string.IsNullOrWhiteSpace(request.Prompt);
        if (!hasCommands && !hasPrompt && string.IsNullOrWhiteSpace(request.Url))
        {
            throw new InvalidArgumentException("commands", "is empty, and neither prompt nor url is given; pass at least one of commands, prompt or url.");
        }

        if (request.Commands is { } commands && commands.Count > _options.MaxCommands)
        {
            throw new InvalidArgumentException("commands", $"has {commands.Count:N0} commands; a run takes at most {_options.MaxCommands:N0} (SessionMcp:MaxCommands). Split the work into several run_task calls on the same session.");
        }

        if (request.TimeoutSeconds is < 1 or > 86_400)
        {
            throw new InvalidArgumentException("timeout_seconds", $"must be from 1 to 86400 seconds; got {request.TimeoutSeconds}.");
        }

        if (request.MaxSteps is < 1 or > 200)
        {
            throw new InvalidArgumentException("max_steps", $"must be from 1 to 200; got {request.MaxSteps}.");
        }

        if (hasPrompt && request.Model is null)
        {
            throw new InvalidArgumentException("prompt", NoModelAdvice);
        }

        if (request.DataExtractionSchema is { ValueKind: not (JsonValueKind.Object or JsonValueKind.Undefined or JsonValueKind.Null) })
        {
            throw new InvalidArgumentException("data_extraction_schema", "must be a JSON schema object, such as {\"type\": \"array\", \"items\": {\"type\": \"string\"}}.");
        }

        var plan = new List<PreparedStep>();
        if (!string.IsNullOrWhiteSpace(request.Url))
        {
            var url = _policy.Validate(request.Url, "url");
            plan.Add(new PreparedStep("navigate", context => NavigateCommand.GoAsync(context, url.AbsoluteUri, WaitUntilState.Load)));
        }

        plan.AddRange(_commands.Prepare(request.Commands ?? []));
        return plan;
    }

    private async Task<(BrowserSession Session, bool Temporary)> ResolveSessionAsync(RunRequest request, string owner, TimeSpan runTimeout, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(request.BrowserSessionId))
        {
            return (await _pool.GetRunningAsync(request.BrowserSessionId, owner, cancellationToken), false);
        }

        var minutes = Math.Clamp((int)Math.Ceiling(runTimeout.TotalMinutes) + 1, BrowserSessionSettings.MinTimeoutMinutes, BrowserSessionSettings.MaxTimeoutMinutes);
        var session = await _pool.CreateAsync(new BrowserSessionSettings { TimeoutMinutes = minutes, Name = "run_task (temporary)" }, owner, cancellationToken);
        return (session, true);
    }

    private async Task<RunResult> ExecuteAsync(
        RunRecord record,
        RunRequest request,
        BrowserSession session,
        List<PreparedStep> plan,
        bool temporary,
        TimeSpan runTimeout,
        IProgress<RunProgress>? progress,
        CancellationToken cancellation)
    {
        using var activity = StepTelemetry.StartRun(record.RunId, session.Id);
        var deadlineAt = _time.GetUtcNow() + runTimeout;
        using var deadline = new CancellationTokenSource(runTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, session.Lifetime, cancellation, _stopping.Token);
        var outputs = new List<JsonNode?>();

        // A value that goes to output is not repeated in its step (a snapshot twice is twice the tokens), except in
        // prompt runs, whose output is the model's answer alone.
        var outputSteps = plan.Count(s => s.ProducesOutput);
        var pointToOutput = string.IsNullOrWhiteSpace(request.Prompt);
        JsonNode? ResultInSteps(PreparedStep step, JsonNode? result) => step.ProducesOutput && pointToOutput
            ? JsonValue.Create(outputSteps == 1 ? "(in output)" : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"(in output[{outputs.Count}])"))
            : result;
        var status = RunStatus.Completed;
        string? failure = null;
        // The title a step read (navigate, wait_for_navigation...), while only reading steps follow it: the run's
        // result reports it instead of asking the page once more. Output steps never count as having read it: an
        // evaluate may return any {url, title} the page's script makes up.
        (string Url, string Title)? titleSeen = null;

        // A step waiting for a person: get_run says so, and a listening client hears it at once.
        Action<HumanWait?> AnnounceWaits(int stepNumber, int total, string command) => wait =>
        {
            record.WaitFor(wait);
            if (wait is not null)
            {
                progress?.Report(new RunProgress(stepNumber, total, command, true, wait.Message));
            }
        };
        var locked = false;
        try
        {
            await session.RunLock.WaitAsync(linked.Token);
            locked = true;
            if (session.Control.HeldSince(_time.GetUtcNow()) is { } since)
            {
                status = RunStatus.Failed;
                failure = $"a person has control of this session in its live view (since {since:HH:mm:ss} UTC), so runs are refused; run again once they press Release (or are idle for {LiveControl.IdleLimit.TotalSeconds:0} s), or use wait_for_human to hand the page over within a run.";
            }

            for (var i = 0; i < plan.Count && status == RunStatus.Completed; i++)
            {
                var step = plan[i];
                var started = _time.GetTimestamp();
                JsonNode? result = null;
                string? error = null;
                // A step that only reads the page leaves its title as it is: asked alongside the step, not after the run.
                var urlBefore = session.Url;
                var titleAlongside = step.LeavesPageAsIs && titleSeen is null ? session.GetTitleAsync() : null;
                try
                {
                    result = await RunStepAsync(session, step, deadlineAt, linked.Token, AnnounceWaits(i + 1, plan.Count, step.Command));
                }
                catch (Exception ex)
                {
                    (status, error) = Classify(ex, session, runTimeout, deadline.Token, cancellation);
                    error = ErrorText.Bounded(error);
                }

                titleSeen = error is not null ? null
                    : !step.ProducesOutput && PageState.TitleIfCurrent(result, session.Url) is { } read ? (session.Url, read)
                    : step.LeavesPageAsIs ? titleSeen ?? await TitleAlongsideAsync(titleAlongside, urlBefore, session.Url)
                    : null;
                var events = session.DrainEvents();
                if (SessionEvent.RefusedNavigation(events) is { } refused)
                {
                    status = status == RunStatus.Completed ? RunStatus.Failed : status;
                    error = refused;
                    await session.LeaveRefusedPagesAsync();
                }

                record.AddStep(new StepRecord(step.Command, error is null, ElapsedMs(started), error, error is null ? ResultInSteps(step, result) : null, events));
                progress?.Report(new RunProgress(i + 1, plan.Count, step.Command, error is null));
                if (error is not null)
                {
                    failure = $"step {i + 1} ({step.Command}) failed: {error}";
                }
                else if (step.ProducesOutput)
                {
                    outputs.Add(result);
                }
            }

            if (status == RunStatus.Completed && !string.IsNullOrWhiteSpace(request.Prompt))
            {
                // Commands first (url, then commands), then the model carries the goal from where they left off.
                var total = plan.Count + request.MaxSteps;
                var agent = new PromptAgent(_commands, _time, personCanAnswer: _options.WaitForHuman == true);
                try
                {
                    var outcome = await agent.RunAsync(
                        session,
                        request,
                        step => RunStepAsync(session, step, deadlineAt, linked.Token, AnnounceWaits(record.Snapshot().Steps.Count + 1, total, step.Command)),
                        step =>
                        {
                            var done = record.AddStep(step);
                            progress?.Report(new RunProgress(done, total, step.Command, step.Ok));
                        },
                        linked.Token);
                    (status, failure) = (outcome.Status, outcome.FailureReason);
                    outputs = [outcome.Output];
                    titleSeen = null;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    (status, var message) = Classify(ex, session, runTimeout, deadline.Token, cancellation);
                    failure = $"the prompt run stopped: {message}";
                }
            }
        }
        catch (OperationCanceledException ex)
        {
            // Waiting for an earlier run on the session to finish, or a model step, when the run was stopped.
            (status, var message) = Classify(ex, session, runTimeout, deadline.Token, cancellation);
            failure = locked ? message : $"the run never started: {message}";
        }
        finally
        {
            if (locked)
            {
                session.RunLock.Release();
            }
        }

        var url = session.Url;
        var title = await session.GetTitleAsync(justSeen: titleSeen is { } seen && seen.Url == url ? seen.Title : null);
        if (temporary)
        {
            await _pool.CloseAsync(session, CloseReason.Closed);
        }

        record.Finish(status, Output(outputs, asList: pointToOutput ? outputSteps > 1 : outputs.Count > 1), url, title, failure, _time.GetUtcNow());
        LogRunFinished(_logger, record.RunId, status);
        StepTelemetry.RunFinished(activity, JsonNamingPolicy.SnakeCaseLower.ConvertName(status.ToString()));
        try
        {
            await _runs.ArchiveAsync(record, CancellationToken.None);
        }
        catch (Exception ex) when (ex is Errors.StoreUnavailableException or IOException or ObjectDisposedException)
        {
            LogArchiveFailed(_logger, record.RunId, ex.Message);
        }
        return record.Snapshot();
    }

    /// <summary>The title read alongside a reading step, when the page is still the one it was read from.</summary>
    private static async Task<(string Url, string Title)?> TitleAlongsideAsync(Task<string>? read, string urlBefore, string urlNow) =>
        read is not null && urlNow == urlBefore ? (urlNow, await read) : null;

    /// <summary>At shutdown: see <see cref="StopAllAsync"/>.</summary>
    public async ValueTask DisposeAsync() => await StopAllAsync("the server shut down during the run");

    /// <summary>
    /// Cancels every run still going, for <paramref name="reason"/>, and waits (bounded) until each is recorded, so
    /// a stopped server leaves every run readable with <c>get_run</c> after it restarts. Runs started later end at once, canceled.
    /// </summary>
    public async Task StopAllAsync(string reason)
    {
        if (!_stopping.IsCancellationRequested)
        {
            Volatile.Write(ref _stopReason, reason);
        }

        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_inFlight.Values).WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            LogRunsLeftAtShutdown(_logger, _inFlight.Count);
        }
    }

    private async Task<JsonNode?> RunStepAsync(BrowserSession session, PreparedStep step, DateTimeOffset deadlineAt, CancellationToken cancellationToken, Action<HumanWait?>? waiting = null)
    {
        using var activity = StepTelemetry.StartStep(session.Id, step.Command);
        var started = _time.GetTimestamp();
        try
        {
            var result = await RunStepInSlotAsync(session, step, deadlineAt, waiting, cancellationToken);
            StepTelemetry.StepFinished(activity, step.Command, _time.GetElapsedTime(started), null);
            return result;
        }
        catch (Exception ex)
        {
            StepTelemetry.StepFinished(activity, step.Command, _time.GetElapsedTime(started), ex);
            throw;
        }
    }

    private async Task<JsonNode?> RunStepInSlotAsync(BrowserSession session, PreparedStep step, DateTimeOffset deadlineAt, Action<HumanWait?>? waiting, CancellationToken cancellationToken)
    {
        // A plain wait uses no browser; every other step takes one of the server's step slots while it runs.
        if (step.WaitsLongerThanStep)
        {
            return await ExecuteStepAsync(session, step, deadlineAt, waiting, cancellationToken);
        }

        await _stepSlots.WaitAsync(cancellationToken);
        try
        {
            return await ExecuteStepAsync(session, step, deadlineAt, waiting, cancellationToken);
        }
        finally
        {
            _stepSlots.Release();
        }
    }

    private async Task<JsonNode?> ExecuteStepAsync(BrowserSession session, PreparedStep step, DateTimeOffset deadlineAt, Action<HumanWait?>? waiting, CancellationToken cancellationToken)
    {
        var tab = await session.GetActiveTabAsync();
        var previousStepBase = tab.NavigationsAtLastStepStart;
        tab.NavigationsAtLastStepStart = tab.Navigations;
        var remainingMs = (deadlineAt - _time.GetUtcNow()).TotalMilliseconds;
        var timeoutMs = (float)Math.Max(1, Math.Min(_options.StepTimeoutMs, remainingMs));
        var context = new StepContext(session, tab, timeoutMs, previousStepBase, _policy, _options, _time, cancellationToken, waiting);

        var spawnedBefore = session.Spawned;

        // Playwright calls take no token: their own timeouts bound them, and this bounds the wait for them.
        var execution = step.Execute(context);
        JsonNode? result;
        if (step.WaitsLongerThanStep)
        {
            result = await execution.WaitAsync(cancellationToken);
        }
        else
        {
            try
            {
                // The grace lets Playwright's own timeout speak first and a failing step describe the page for its
                // error (PageHint, up to 2 s), even on a busy machine; past it the page itself is stuck.
                // Real time, like Playwright's timeouts that this backs up (a fake clock must not fake a hang).
                result = await execution.WaitAsync(TimeSpan.FromMilliseconds(timeoutMs) + StuckPageGrace, TimeProvider.System, cancellationToken);
            }
            catch (TimeoutException) when (!execution.IsCompleted)
            {
                var recovery = await PageScripts.RecoverAsync(session, tab);
                throw new CommandFailedException(
                    $"the page did not answer within {timeoutMs:0} ms (a script that never finishes?); {recovery}, and the session is still usable.");
            }
        }
        // A page that navigated away during the step cannot say what it started (its counts went with it), and asking
        // its successor costs a round trip for nothing: what the old page opened still arrives, unawaited.
        if (step.MaySpawn && tab.Navigations == tab.NavigationsAtLastStepStart)
        {
            await session.WaitForSpawnedAsync(tab, spawnedBefore, TimeSpan.FromMilliseconds(timeoutMs), cancellationToken);
        }

        await session.Downloads.WhenSavedAsync(cancellationToken);
        return result;
    }

    private (RunStatus Status, string Message) Classify(Exception ex, BrowserSession session, TimeSpan runTimeout, CancellationToken deadline, CancellationToken cancellation)
    {
        if (session.Status == BrowserSessionStatus.Closed && session.CloseReason is CloseReason.Timeout)
        {
            // The session's own time ran out: a deadline, like the run's, not a failure of a step.
            return (RunStatus.TimedOut, $"the browser session reached its timeout ({session.Settings.TimeoutMinutes} minutes) during the run and closed; create a new one with a longer timeout.");
        }

        if (session.Status == BrowserSessionStatus.Closed && session.CloseReason is { } reason)
        {
            return (RunStatus.Failed, $"the browser session closed ({BrowserSession.CloseReasonName(reason)}) during the run; create a new one with create_browser_session.");
        }

        if (ex is OperationCanceledException && deadline.IsCancellationRequested)
        {
            return (RunStatus.TimedOut, $"the run reached its limit of {runTimeout.TotalSeconds:0} s (timeout_seconds); raise it or split the work into several runs.");
        }

        if (ex is OperationCanceledException && cancellation.IsCancellationRequested)
        {
            return (RunStatus.Canceled, "the client cancelled the run.");
        }

        if (ex is OperationCanceledException && _stopping.IsCancellationRequested)
        {
            return (RunStatus.Canceled, $"{Volatile.Read(ref _stopReason)}; the steps done so far are kept.");
        }

        switch (ex)
        {
            case CommandFailedException or SessionMcpException:
                return (RunStatus.Failed, ex.Message);
            case TimeoutException:
                return (RunStatus.Failed, $"timed out: {ErrorText.FirstLine(ex.Message)}");
            case PlaywrightException when ex.Message.Contains("crashed", StringComparison.OrdinalIgnoreCase):
                return (RunStatus.Failed, "the page crashed (its renderer died: out of memory, or killed); the tab was closed, and the next step runs in a fresh one of the same session, cookies and storage kept: navigate again to go on.");
            case PlaywrightException:
                return (RunStatus.Failed, ErrorText.FirstLine(ex.Message));
            default:
                LogStepCrashed(_logger, ex);
                return (RunStatus.Failed, "an internal error stopped this step; the server's log has the details.");
        }
    }

    /// <summary>One value when the run has one output step, a list in step order when it has several.</summary>
    private static JsonNode? Output(List<JsonNode?> outputs, bool asList) => outputs.Count switch
    {
        0 => null,
        1 when !asList => outputs[0],
        _ => new JsonArray([.. outputs.Select(o => o?.DeepClone())]),
    };

    private long ElapsedMs(long started) => (long)_time.GetElapsedTime(started).TotalMilliseconds;

    private string NewUniqueRunId()
    {
        string id;
        do
        {
            id = IdGenerator.NewRunId();
        }
        while (_runs.Contains(id));

        return id;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} started in {BrowserSessionId} with {Steps} step(s)")]
    private static partial void LogRunStarted(ILogger logger, string runId, string browserSessionId, int steps);

    [LoggerMessage(Level = LogLevel.Information, Message = "Run {RunId} finished: {Status}")]
    private static partial void LogRunFinished(ILogger logger, string runId, RunStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Run {RunId} could not be kept in the database, so it will not outlive a restart: {Reason}")]
    private static partial void LogArchiveFailed(ILogger logger, string runId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} run(s) were still stopping when the server shut down; they may read as missing after a restart")]
    private static partial void LogRunsLeftAtShutdown(ILogger logger, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A run step failed unexpectedly")]
    private static partial void LogStepCrashed(ILogger logger, Exception exception);
}
