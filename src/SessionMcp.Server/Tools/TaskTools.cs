using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Server.Contracts;
using SessionMcp.Server.Http;
using SessionMcp.Server.Models;

namespace SessionMcp.Server.Tools;

/// <summary>run_task and get_run.</summary>
[McpServerToolType]
public sealed class TaskTools(TaskRunner runner, BrowserSessionPool pool, IServiceProvider services)
{
    // Registered only when the server serves HTTP: over stdio there is no live view to answer a wait_for_human in.
    private readonly LiveViewLinks? _links = services.GetService<LiveViewLinks>();

    // Registered only on a host of a cluster: a run in a session another host holds runs there.
    private readonly IRemoteSessions? _cluster = services.GetService<IRemoteSessions>();

    public const string CommandsHelp =
        "Commands, run in order, stopping at the first failure; each is {command, data}. Elements are named by data.selector (a Playwright selector: CSS, text=…, role=…) or data.ref (e.g. e12 from the latest snapshot). " +
        "navigate {url, wait_until?: load|domcontentloaded|networkidle}; click {selector|ref}; type_text {selector|ref, text, clear? (default true: replace), submit? (press Enter)}; " +
        "press_key {key, selector?}; select_option {selector|ref, values}; check {selector|ref, checked?}; hover {selector|ref}; scroll {x?, y?, selector?}; upload_file {selector|ref, paths}; " +
        "wait_for_selector {selector, state?: visible|hidden|attached|detached, timeout_ms?}; wait_for_navigation {url?, timeout_ms?}; wait {ms}; " +
        "extract_text {selector?, all?}; extract {selector, attribute?, all?}; scrape {formats?: [markdown, text, html]}; " +
        "snapshot {selector?, mode?: compact|full, text_chars? (each text cut to 120 by default; 0: all), max_chars?, offset?, since_last?} (accessibility tree with refs on everything one can act on, compact by default; the cheapest way to see a page; extract_text or scrape reads whole texts); screenshot {full_page?, selector?, format?: png|jpeg, quality?}; " +
        "go_back; go_forward; reload; list_tabs; switch_tab {index}; close_tab {index?}; handle_dialog {accept, prompt_text?} (before the step that opens the dialog); evaluate {expression} (only if the server allows it); " +
        "wait_for_human {message, timeout_ms? (default 600000)} (over HTTP: the run pauses, status waiting_for_human, until a person presses Done, going on, or Reject, failing, in the session's live view app_url).";

    [McpServerTool(Name = "run_task", Title = "Run browser commands", Destructive = false, Idempotent = false, OpenWorld = true, UseStructuredContent = true, OutputSchemaType = typeof(RunResponse))]
    [Description("Runs steps in a browser session: first url (if given), then commands. Returns each step's ok, duration_ms, error and result, and output (the value of the extract/extract_text/scrape/snapshot/screenshot steps: one value, or a list of them in order). A run that ends failed, timed_out or canceled is a tool error that still carries the whole run. Without browser_session_id a temporary session is used and closed afterwards.")]
    public async Task<CallToolResult> RunTask(
        RequestContext<CallToolRequestParams> context,
        [Description("The session to act in (pbs_…). Omitted: a temporary session is created for this run and closed after it.")]
        string? browser_session_id = null,
        [Description("An http(s) URL to open before the commands.")]
        string? url = null,
        [Description(CommandsHelp)]
        IReadOnlyList<CommandArgument>? commands = null,
        [Description("A natural-language goal, carried out step by step by a model (the server's, or yours through sampling) after url and commands. Each step is recorded with its action, arguments, result and the model's reason.")]
        string? prompt = null,
        [Description("Most model steps for a prompt run, 1–200 (default 10).")]
        [Range(1, 200)]
        int max_steps = 10,
        [Description("A JSON schema the output of a prompt run must match (one repair round, then the run fails).")]
        JsonObject? data_extraction_schema = null,
        [Description("true (default): return when the run ends. false: return at once with run_id and status running; poll get_run.")]
        bool wait_for_completion = true,
        [Description("Limit for the whole run in seconds, 1–86400 (default 300). A step waiting on an element fails at its own timeout (15 s by default) first.")]
        [Range(1, 86400)]
        int? timeout_seconds = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var (model, source) = string.IsNullOrWhiteSpace(prompt) ? (null, null) : PromptModelResolver.Resolve(context);
        var request = new RunRequest
        {
            Model = model,
            ModelSource = source,
            BrowserSessionId = string.IsNullOrWhiteSpace(browser_session_id) ? null : browser_session_id.Trim(),
            Url = url,
            Commands = commands?.Select(c => new CommandRequest(c?.Command, ToElement(c?.Data))).ToList(),
            Prompt = prompt,
            MaxSteps = max_steps,
            DataExtractionSchema = ToElement(data_extraction_schema),
            WaitForCompletion = wait_for_completion,
            TimeoutSeconds = timeout_seconds,
        };
        // With a progress token, the client hears of each step as it ends: "step 3/7 click: ok".
        var steps = progress is null
            ? null
            : new SynchronousProgress<RunProgress>(p => progress.Report(new ProgressNotificationValue
            {
                // Progress only grows: a step that waits for a person is half done.
                Progress = p.WaitingForHuman is null ? p.Step : p.Step - 0.5f,
                Total = p.Total,
                Message = p.WaitingForHuman is { } message
                    ? $"step {p.Step}/{p.Total} {p.Command}: waiting for a person: {message}{(request.BrowserSessionId is { } id && AppUrl(id, context) is { } url ? $" (answer at {url})" : "")}"
                    : $"step {p.Step}/{p.Total} {p.Command}: {(p.Ok ? "ok" : "failed")}",
            }));
        var result = request.BrowserSessionId is { } id && await _cluster.ElsewhereAsync(id, cancellationToken) is { } elsewhere
            ? await elsewhere.RunAsync(request, Caller.Of(context), steps, cancellationToken)
            : await runner.RunAsync(request, Caller.Of(context), steps, cancellationToken);
        var run = RunResponse.ForReply(result) with { WaitingForHuman = RunResponse.From(result, id => AppUrl(id, context)).WaitingForHuman };
        return StructuredResult.Of(run, isError: run.Status is RunStatus.Failed or RunStatus.TimedOut or RunStatus.Canceled);
    }

    [McpServerTool(Name = "get_run", Title = "Get a run", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("A run started by run_task: its status (running, waiting_for_human, completed, failed, timed_out, canceled), the steps done so far, and output once it ends. Finished runs stay readable after a server restart.")]
    public async Task<RunResponse> GetRun(
        RequestContext<CallToolRequestParams> context,
        [Description("The run's id (run_…), from run_task.")] string run_id,
        CancellationToken cancellationToken = default)
    {
        return RunResponse.From(await runner.GetAsync(run_id, Caller.Of(context), cancellationToken), id => AppUrl(id, context));
    }

    /// <summary>The live view of the caller's session, where a person answers wait_for_human; null over stdio.</summary>
    private string? AppUrl(string browserSessionId, RequestContext<CallToolRequestParams> context) =>
        _links is not null && pool.TryGet(browserSessionId, Caller.Of(context)) is { } session ? _links.For(session) : null;

    private static JsonElement? ToElement(JsonObject? value) =>
        value is null ? null : JsonSerializer.SerializeToElement(value, SessionMcpJson.Options.GetTypeInfo(typeof(JsonObject)));
}
