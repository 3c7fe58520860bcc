using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>The tool contract through a real MCP client, in memory: names, schemas, results and errors.</summary>
public sealed class ToolContractTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private McpClient Client => fixture.Server.Client;

    [Fact]
    public async Task ListTools_OffersContractTools_WithPinnedNames()
    {
        var tools = await Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(
            ["close_browser_session", "create_browser_profile", "create_browser_session", "delete_browser_profile", "get_browser_profiles", "get_browser_session", "get_browser_sessions", "get_run", "run_task", "stream_frame"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t => Assert.False(string.IsNullOrWhiteSpace(t.Description)));
    }

    [Fact]
    public async Task ListTools_DescribesRangesEnumsAndAnnotations()
    {
        var tools = await Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        var create = tools.Single(t => t.Name == "create_browser_session").ProtocolTool;
        var timeout = create.InputSchema.GetProperty("properties").GetProperty("timeout");

        Assert.Equal(5, timeout.GetProperty("minimum").GetInt32());
        Assert.Equal(1440, timeout.GetProperty("maximum").GetInt32());
        Assert.Equal(["chromium", "chrome", "msedge"], create.InputSchema.GetProperty("properties").GetProperty("browser_type").GetProperty("enum").EnumerateArray().Select(e => e.GetString()));
        Assert.NotNull(create.OutputSchema);

        var close = tools.Single(t => t.Name == "close_browser_session").ProtocolTool;
        Assert.True(close.Annotations?.DestructiveHint);
        Assert.True(close.Annotations?.IdempotentHint);
    }

    [Fact]
    public async Task CreateBrowserSession_ReturnsContractShape_WithSnakeCaseAndStringEnums()
    {
        var session = await Client.CallOkAsync("create_browser_session", new() { ["timeout"] = 15, ["name"] = "contract" });

        Assert.StartsWith("pbs_", session.GetProperty("browser_session_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("running", session.GetProperty("status").GetString());
        Assert.Equal("chromium", session.GetProperty("browser_type").GetString());
        Assert.Equal(15, session.GetProperty("timeout").GetInt32());
        Assert.Equal("contract", session.GetProperty("name").GetString());
        Assert.Equal(1280, session.GetProperty("viewport").GetProperty("width").GetInt32());
        Assert.True(session.TryGetProperty("created_at", out _));
        Assert.True(session.TryGetProperty("started_at", out _));
        Assert.False(session.TryGetProperty("closed_at", out _));
    }

    [Theory]
    [InlineData("timeout", 2, "timeout must be between 5 and 1440 minutes; got 2.")]
    [InlineData("timeout", "soon", "argument 'timeout' must be an integer from 5 to 1440; got the string \"soon\".")]
    [InlineData("browser_type", "firefox", "browser_type must be chromium, chrome or msedge; got 'firefox'.")]
    [InlineData("start_url", "javascript:alert(1)", "start_url 'javascript:alert(1)' is not allowed: the javascript: scheme is refused")]
    [InlineData("start_url", "not a url", "start_url 'not a url' is not an absolute URL")]
    public async Task CreateBrowserSession_RejectsBadArgument_NamingIt(string argument, object value, string expected)
    {
        var error = await Client.CallErrorAsync("create_browser_session", new() { [argument] = value });

        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateBrowserSession_RejectsViewportOutOfRange()
    {
        var error = await Client.CallErrorAsync("create_browser_session", new() { ["viewport"] = new { width = 50, height = 600 } });
        Assert.Contains("viewport.width must be between 200 and 7680", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBrowserSession_ReturnsSession_AndRefusesUnknownId()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new()))
            .GetProperty("browser_session_id").GetString();

        var session = await Client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id });
        Assert.Equal(id, session.GetProperty("browser_session_id").GetString());

        var unknown = await Client.CallErrorAsync("get_browser_session", new() { ["browser_session_id"] = "pbs_doesnotexist" });
        Assert.Contains("browser_session_id 'pbs_doesnotexist' was not found", unknown, StringComparison.Ordinal);

        var malformed = await Client.CallErrorAsync("get_browser_session", new() { ["browser_session_id"] = "42" });
        Assert.Contains("is not a browser session id", malformed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetBrowserSessions_ListsRunning_AndAllWithClosed()
    {
        var open = (await Client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();
        var closed = (await Client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();
        await Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = closed });

        var running = (await Client.CallOkAsync("get_browser_sessions", new())).EnumerateArray().Select(s => s.GetProperty("browser_session_id").GetString()).ToList();
        var all = (await Client.CallOkAsync("get_browser_sessions", new() { ["status"] = "all" })).EnumerateArray().Select(s => s.GetProperty("browser_session_id").GetString()).ToList();

        Assert.Contains(open, running);
        Assert.DoesNotContain(closed, running);
        Assert.Contains(closed, all);

        var bad = await Client.CallErrorAsync("get_browser_sessions", new() { ["status"] = "closed" });
        Assert.Contains("status must be running or all", bad, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseBrowserSession_IsIdempotent_AndReportsCloseReason()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();

        var first = await Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
        var second = await Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });

        Assert.Equal("closed", first.GetProperty("status").GetString());
        Assert.Equal("closed", first.GetProperty("close_reason").GetString());
        Assert.Equal(first.GetProperty("closed_at").GetString(), second.GetProperty("closed_at").GetString());

        var unknown = await Client.CallErrorAsync("close_browser_session", new() { ["browser_session_id"] = "pbs_nope" });
        Assert.Contains("was not found", unknown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTask_RunsCommands_AndGetRunReturnsTheSameRun()
    {
        var run = await Client.CallOkAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/dashboard"),
            ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } },
        });

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("Log in", run.GetProperty("output").GetString());
        Assert.Equal(2, run.GetProperty("steps").GetArrayLength());
        Assert.True(run.GetProperty("steps")[0].GetProperty("ok").GetBoolean());

        var again = await Client.CallOkAsync("get_run", new() { ["run_id"] = run.GetProperty("run_id").GetString() });
        Assert.Equal(run.GetProperty("run_id").GetString(), again.GetProperty("run_id").GetString());
        Assert.Equal("completed", again.GetProperty("status").GetString());

        // The temporary session closed after the run.
        var session = await Client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = run.GetProperty("browser_session_id").GetString() });
        Assert.Equal("closed", session.GetProperty("status").GetString());
    }

    [Fact]
    public async Task RunTask_WithoutWaiting_ReturnsRunningRun_ThatGetRunFinishes()
    {
        var started = await Client.CallOkAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/"),
            ["wait_for_completion"] = false,
        });
        Assert.Equal("running", started.GetProperty("status").GetString());

        var runner = fixture.Server.Services.GetService(typeof(Core.Tasks.TaskRunner)) as Core.Tasks.TaskRunner;
        await runner!.WaitAsync(started.GetProperty("run_id").GetString()!, "local", TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);

        var done = await Client.CallOkAsync("get_run", new() { ["run_id"] = started.GetProperty("run_id").GetString() });
        Assert.Equal("completed", done.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{}""", "commands is empty, and neither prompt nor url is given")]
    [InlineData("""{"commands": [{"command": "clik", "data": {"selector": "a"}}]}""", "commands[0].command 'clik' is not a command (did you mean 'click'?)")]
    [InlineData("""{"commands": [{"command": "click", "data": {}}]}""", "commands[0].data needs selector")]
    [InlineData("""{"commands": [{"command": "click", "data": {"selector": "a", "ref": "e1"}}]}""", "commands[0].data has both selector and ref")]
    [InlineData("""{"commands": [{"command": "wait", "data": {"ms": "long"}}]}""", "commands[0].data.ms must be a whole number of ms")]
    [InlineData("""{"commands": [{"command": "navigate", "data": {"url": "file:///etc/passwd"}}]}""", "commands[0].data.url 'file:///etc/passwd' is not allowed")]
    [InlineData("""{"commands": [{"command": "evaluate", "data": {"expression": "1"}}]}""", "'evaluate' is turned off on this server")]
    [InlineData("""{"commands": [{"command": "wait_for_human", "data": {"message": "ok?"}}]}""", "commands[0].command 'wait_for_human' needs a person at the session's live view (app_url), which the server serves over HTTP")]
    [InlineData("""{"url": "https://example.com", "timeout_seconds": 0}""", "timeout_seconds must be from 1 to 86400")]
    [InlineData("""{"prompt": "log in"}""", "prompt runs need a model")]
    [InlineData("""{"browser_session_id": "pbs_unknown", "url": "https://example.com"}""", "browser_session_id 'pbs_unknown' was not found")]
    public async Task RunTask_RejectsBadArgument_NamingIt(string arguments, string expected)
    {
        var args = JsonSerializer.Deserialize<Dictionary<string, object?>>(arguments)!;
        var error = await Client.CallErrorAsync("run_task", args);

        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetRun_RefusesUnknownAndMalformedIds()
    {
        Assert.Contains("run_id 'run_nothing' was not found", await Client.CallErrorAsync("get_run", new() { ["run_id"] = "run_nothing" }), StringComparison.Ordinal);
        Assert.Contains("is not a run id", await Client.CallErrorAsync("get_run", new() { ["run_id"] = "pbs_x" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamFrame_ReturnsImageOfViewportSize_WithGrowingSeq()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new() { ["viewport"] = new { width = 800, height = 600 }, ["start_url"] = fixture.Site.Url("/login") }))
            .GetProperty("browser_session_id").GetString();

        var first = await Client.CallToolAsync("stream_frame", new Dictionary<string, object?> { ["browser_session_id"] = id, ["with_boxes"] = true }, cancellationToken: TestContext.Current.CancellationToken);
        var second = await Client.CallToolAsync("stream_frame", new Dictionary<string, object?> { ["browser_session_id"] = id, ["format"] = "png", ["max_width"] = 400 }, cancellationToken: TestContext.Current.CancellationToken);

        var image = first.Content.OfType<ImageContentBlock>().Single();
        Assert.Equal("image/jpeg", image.MimeType);
        Assert.Equal((800, 600), ImageSize.Of(image.DecodedData.ToArray()));
        var info = JsonDocument.Parse(ToolCalls.Text(first)).RootElement;
        Assert.Equal("Log in", info.GetProperty("title").GetString());
        Assert.Contains(info.GetProperty("boxes").EnumerateArray(), b => b.GetProperty("role").GetString() == "button" && b.GetProperty("name").GetString() == "Sign in");

        var small = second.Content.OfType<ImageContentBlock>().Single();
        Assert.Equal("image/png", small.MimeType);
        Assert.Equal((400, 300), ImageSize.Of(small.DecodedData.ToArray()));
        Assert.True(JsonDocument.Parse(ToolCalls.Text(second)).RootElement.GetProperty("seq").GetInt64() > info.GetProperty("seq").GetInt64());
    }

    [Fact]
    public async Task StreamFrame_RefusesClosedSessionAndBadQuality()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new())).GetProperty("browser_session_id").GetString();
        Assert.Contains("quality must be from 1 to 100", await Client.CallErrorAsync("stream_frame", new() { ["browser_session_id"] = id, ["quality"] = 0 }), StringComparison.Ordinal);

        await Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });
        var closed = await Client.CallErrorAsync("stream_frame", new() { ["browser_session_id"] = id });
        Assert.Contains("closed (closed)", closed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunTask_ReportsProgressPerStep_WhenClientAsks()
    {
        var notes = System.Threading.Channels.Channel.CreateUnbounded<ModelContextProtocol.ProgressNotificationValue>();
        var progress = new Progress<ModelContextProtocol.ProgressNotificationValue>(n => notes.Writer.TryWrite(n));
        var arguments = new Dictionary<string, object?>
        {
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } }, new { command = "snapshot" } },
        };

        var result = await Client.CallToolAsync("run_task", arguments, progress, cancellationToken: TestContext.Current.CancellationToken);
        Assert.NotEqual(true, result.IsError);

        var seen = new List<ModelContextProtocol.ProgressNotificationValue>();
        while (seen.Count < 3)
        {
            seen.Add(await notes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        }

        Assert.Equal(["step 1/3 navigate: ok", "step 2/3 extract_text: ok", "step 3/3 snapshot: ok"], seen.OrderBy(n => n.Progress).Select(n => n.Message));
        Assert.All(seen, n => Assert.Equal(3, n.Total));
    }

    [Fact]
    public async Task ProfileTools_SaveListStartFromAndDelete()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new() { ["start_url"] = fixture.Site.Url("/login") })).GetProperty("browser_session_id").GetString();
        var profile = await Client.CallOkAsync("create_browser_profile", new() { ["browser_session_id"] = id, ["name"] = "contract" });
        var profileId = profile.GetProperty("browser_profile_id").GetString();
        Assert.StartsWith("bp_", profileId, StringComparison.Ordinal);
        Assert.Equal(id, profile.GetProperty("source_browser_session_id").GetString());

        var listed = await Client.CallOkAsync("get_browser_profiles", new());
        Assert.Contains(listed.EnumerateArray(), p => p.GetProperty("browser_profile_id").GetString() == profileId);

        var started = await Client.CallOkAsync("create_browser_session", new() { ["browser_profile_id"] = profileId });
        Assert.Equal(profileId, started.GetProperty("browser_profile_id").GetString());

        var deleted = await Client.CallOkAsync("delete_browser_profile", new() { ["browser_profile_id"] = profileId });
        Assert.Equal("contract", deleted.GetProperty("name").GetString());
        Assert.Contains($"browser_profile_id '{profileId}' was not found", await Client.CallErrorAsync("delete_browser_profile", new() { ["browser_profile_id"] = profileId }), StringComparison.Ordinal);
        Assert.Contains("was not found", await Client.CallErrorAsync("create_browser_session", new() { ["browser_profile_id"] = profileId }), StringComparison.Ordinal);
        Assert.Contains("is not a browser profile id", await Client.CallErrorAsync("delete_browser_profile", new() { ["browser_profile_id"] = "nope" }), StringComparison.Ordinal);
        Assert.Contains("was not found", await Client.CallErrorAsync("create_browser_profile", new() { ["browser_session_id"] = "pbs_unknown" }), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CloseBrowserSession_ReportsGeneratedProfile()
    {
        var id = (await Client.CallOkAsync("create_browser_session", new() { ["start_url"] = fixture.Site.Url("/login"), ["generate_browser_profile"] = true })).GetProperty("browser_session_id").GetString();

        var closed = await Client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = id });

        Assert.StartsWith("bp_", closed.GetProperty("browser_profile_id").GetString(), StringComparison.Ordinal);
    }
}
