using System.Text.Json;
using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>A session in a shared SessionMcp server: several steps go in one run_task, by selector.</summary>
internal sealed class SessionMcpAgent(RunningServer server) : IBrowserAgent
{
    private string? _sessionId;

    public int ToolCalls { get; private set; }

    /// <summary>The id of the latest run this agent started.</summary>
    public string? LastRunId { get; private set; }

    private string SessionId => _sessionId ?? throw new InvalidOperationException("open the session first");

    public Task<int> OpenAsync(string url) => OpenAsync(url, record: false);

    public async Task<int> OpenAsync(string url, bool record)
    {
        var (json, characters) = await CallAsync("create_browser_session", new() { ["start_url"] = url, ["record"] = record });
        _sessionId = json.GetProperty("browser_session_id").GetString();
        return characters;
    }

    public async Task<int> NavigateAsync(string url) => (await RunAsync(url, [])).Characters;

    private static readonly object ReadInvoices = new { command = "extract_text", data = new { selector = "td.num", all = true } };

    public async Task<int> LoginAsync(string loginUrl)
    {
        var (json, characters) = await RunAsync(loginUrl, [.. LocalSite.LoginCommands]);
        CheckOnDashboard(json);
        return characters;
    }

    public async Task<int> ExtractInvoicesAsync()
    {
        var (json, characters) = await RunAsync(null, [ReadInvoices]);
        Check.Invoices(json.GetProperty("output").EnumerateArray().Select(e => e.GetString()!));
        return characters;
    }

    /// <summary>One run_task: the url, the four login steps and the read.</summary>
    public async Task<int> LoginAndExtractAsync(string loginUrl)
    {
        var (json, characters) = await RunAsync(loginUrl, [.. LocalSite.LoginCommands, ReadInvoices]);
        CheckOnDashboard(json);
        Check.Invoices(json.GetProperty("output").EnumerateArray().Select(e => e.GetString()!));
        return characters;
    }

    private static void CheckOnDashboard(JsonElement run) =>
        Check.Equal("dashboard url", run.GetProperty("url").GetString()!.EndsWith("/dashboard", StringComparison.Ordinal), true);

    public async Task<(int Characters, string Text)> SnapshotAsync()
    {
        var (json, characters) = await RunAsync(null, [new { command = "snapshot" }]);
        return (characters, json.GetProperty("output").GetString()!);
    }

    public async Task<int> EpisodeAsync(string url, string link)
    {
        var (first, characters) = await RunAsync(url, [new { command = "snapshot" }]);
        var reference = InteractiveRefs.RefOf(first.GetProperty("output").GetString()!, $"link \"{link}\"");
        var (second, more) = await RunAsync(null, [new { command = "click", data = new { @ref = reference } }, new { command = "snapshot" }]);
        Check.Equal("page left", second.GetProperty("url").GetString() != url, true);
        return characters + more;
    }

    public async Task<int> FrameAsync()
    {
        ToolCalls++;
        var text = await server.CallAsync("stream_frame", new() { ["browser_session_id"] = SessionId });
        return text.Length;
    }

    public async ValueTask DisposeAsync()
    {
        if (_sessionId is not null)
        {
            await server.CallAsync("close_browser_session", new() { ["browser_session_id"] = _sessionId });
        }
    }

    private Task<(JsonElement Json, int Characters)> RunAsync(string? url, object[] commands)
    {
        var arguments = new Dictionary<string, object?> { ["browser_session_id"] = SessionId, ["commands"] = commands };
        if (url is not null)
        {
            arguments["url"] = url;
        }

        return CallAsync("run_task", arguments);
    }

    private async Task<(JsonElement Json, int Characters)> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        ToolCalls++;
        var text = await server.CallAsync(tool, arguments);
        var json = JsonDocument.Parse(text).RootElement.Clone();
        if (json.TryGetProperty("run_id", out var runId))
        {
            LastRunId = runId.GetString();
        }
        if (json.TryGetProperty("status", out var status) && status.GetString() is "failed" or "timed_out")
        {
            throw new InvalidOperationException($"{tool}: {json.GetProperty("failure_reason").GetString()}");
        }

        return (json, text.Length);
    }
}
