using System.Text.Json.Nodes;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>run_task's commands on real Chromium against the test site.</summary>
public sealed class TaskRunnerTests(BrowserFixture fixture)
{
    private LocalSite Site => fixture.Site;

    private static string Url(string url) => $$"""{"url": "{{url}}"}""";

    [Fact]
    public async Task Run_KeepsLoginAcrossRuns_CookieAndLocalStorage()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();

        var login = await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(Site));
        Assert.Equal(RunStatus.Completed, login.Status);
        Assert.Equal(Site.Url("/dashboard"), login.Url);

        var extract = await harness.RunAsync(session,
            ("navigate", Url(Site.Url("/dashboard"))),
            ("extract_text", """{"selector": "td.num", "all": true}"""),
            ("extract_text", """{"selector": "#user"}"""));

        Assert.Equal(RunStatus.Completed, extract.Status);
        var output = extract.Output!.AsArray();
        Assert.Equal(LocalSite.InvoiceNumbers, output[0]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal(LocalSite.Email, output[1]!.GetValue<string>());
    }

    [Fact]
    public async Task WaitForNavigation_ByUrl_FindsAPageThatGotThereAlready_OrGetsThereLater_AndNamesWhereItIsOtherwise()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();

        // A form post whose redirect lands while the click is still reporting: the wait begins on the page it names.
        for (var i = 0; i < 10; i++)
        {
            var login = await harness.RunAsync(session, [.. BrowserSessionPoolTests.LoginSteps(Site)[..4], ("wait_for_navigation", """{"url": "**/dashboard", "timeout_ms": 5000}""")]);
            Assert.Equal(RunStatus.Completed, login.Status);
            Assert.True(login.Steps[^1].DurationMs < 5000, $"round {i}: {login.Steps[^1].DurationMs} ms");
        }

        // A page that moves on by script to an address that answers after half a second.
        var later = await harness.RunAsync(session,
            ("navigate", Url(Site.Url("/go/script?to=" + Uri.EscapeDataString("/slow?ms=500")))),
            ("wait_for_navigation", """{"url": "**/slow*", "timeout_ms": 5000}"""));
        Assert.Equal(RunStatus.Completed, later.Status);
        Assert.StartsWith(Site.Url("/slow"), later.Url, StringComparison.Ordinal);

        var never = await harness.RunAsync(session, ("wait_for_navigation", """{"url": "**/never", "timeout_ms": 300}"""));
        Assert.Equal(RunStatus.Failed, never.Status);
        Assert.Contains($"did not reach '**/never' within 300 ms; it is still at {Site.Url("/slow")}", never.Steps[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WaitForNavigation_ByUrl_FindsAnAddressTheScriptPushed_WithoutANewDocument()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest
        {
            Url = Site.Url("/spa"),
            Commands = CoreHarness.Commands(("click", """{"selector": "#next"}"""), ("wait_for_navigation", """{"url": "**/spa/next", "timeout_ms": 5000}""")),
        });

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(Site.Url("/spa/next"), run.Url);
    }

    [Fact]
    public async Task Run_ActsOnRefsFromSnapshot_AndRefusesStaleRef()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        var snapshot = await harness.RunAsync(session, ("navigate", Url(Site.Url("/login"))), ("snapshot", null));
        var text = snapshot.Output!.GetValue<string>();
        var emailRef = RefOf(text, "textbox \"Email\"");

        var typed = await harness.RunAsync(session, ("type_text", $$"""{"ref": "{{emailRef}}", "text": "x@y.z"}"""), ("extract", """{"selector": "#email"}"""));
        Assert.Equal(RunStatus.Completed, typed.Status);
        Assert.Equal("x@y.z", typed.Output!["value"]!.GetValue<string>());

        var stale = await harness.RunAsync(session, ("navigate", Url(Site.Url("/"))), ("click", $$"""{"ref": "{{emailRef}}"}"""));
        Assert.Equal(RunStatus.Failed, stale.Status);
        Assert.Contains($"ref '{emailRef}' is not on the page any more", stale.Steps[1].Error, StringComparison.Ordinal);
        Assert.Contains("take a new snapshot", stale.Steps[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_StopsAtMissingSelector_WithPageHint_AndSessionStaysUsable()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 500);
        var session = await harness.CreateSessionAsync();

        var run = await harness.RunAsync(session,
            ("navigate", Url(Site.Url("/login"))),
            ("click", """{"selector": "#does-not-exist"}"""),
            ("extract_text", """{"selector": "h1"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Equal(2, run.Steps.Count);
        var error = run.Steps[1].Error!;
        Assert.Contains("selector '#does-not-exist' matched no element", error, StringComparison.Ordinal);
        Assert.Contains("button \"Sign in\"", error, StringComparison.Ordinal);
        Assert.StartsWith("step 2 (click) failed:", run.FailureReason, StringComparison.Ordinal);

        var after = await harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Log in", after.Output!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ExplainsAmbiguousSelector()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/buttons"), Commands = CoreHarness.Commands(("click", """{"selector": "button"}""")) });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("selector 'button' matched 3 elements", run.Steps[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ExplainsElementThatNeverBecomesReady()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 500);
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/buttons"), Commands = CoreHarness.Commands(("click", """{"selector": "#hidden"}""")) });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("selector '#hidden' matched an element, but it did not become visible, enabled and steady", run.Steps[1].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_SlowPage_FailsAtStepTimeout_AndSessionStaysUsable()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 2000);
        var session = await harness.CreateSessionAsync();

        var slow = await harness.RunAsync(session, ("navigate", Url(Site.Url("/slow?ms=30000"))));
        Assert.Equal(RunStatus.Failed, slow.Status);
        Assert.Contains("did not finish loading within 2000 ms", slow.Steps[0].Error, StringComparison.Ordinal);

        var next = await harness.RunAsync(session, ("navigate", Url(Site.Url("/login"))), ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal(RunStatus.Completed, next.Status);
    }

    [Fact]
    public async Task Run_CutsOffAPageStuckInAScript_AndSessionStaysUsable()
    {
        await using var harness = fixture.CreateHarness(o => { o.StepTimeoutMs = 3000; o.AllowEvaluate = true; });
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/login") });

        var stuck = await harness.RunAsync(session, ("evaluate", """{"expression": "(() => { while (true) {} })()"}"""));

        Assert.Equal(RunStatus.Failed, stuck.Status);
        Assert.Contains("the page did not answer within 3000 ms", stuck.Steps[0].Error, StringComparison.Ordinal);
        Assert.Contains("opened again in a new one", stuck.Steps[0].Error, StringComparison.Ordinal);
        var after = await harness.RunAsync(session, ("extract_text", """{"selector": "h1"}"""));
        Assert.True(after.Status == RunStatus.Completed, after.FailureReason);
        Assert.Equal("Log in", after.Output!.GetValue<string>());
    }

    [Fact]
    public async Task Run_ReportsTimedOut_WhenRunDeadlinePasses()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest
        {
            Commands = CoreHarness.Commands(("wait", """{"ms": 10000}""")),
            TimeoutSeconds = 1,
        });

        Assert.Equal(RunStatus.TimedOut, run.Status);
        Assert.Contains("limit of 1 s (timeout_seconds)", run.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_WithoutSession_UsesTemporarySession_ClosedAfterwards()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/login") });

        Assert.Equal(RunStatus.Completed, run.Status);
        var session = harness.Pool.Get(run.BrowserSessionId, CoreHarness.Owner);
        Assert.Equal(BrowserSessionStatus.Closed, session.Status);
        Assert.Equal(0, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task Run_OnSameSession_IsSerialized_NeverInterleaved()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 30_000);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/form") });
        var a = new string('a', 25);
        var b = new string('b', 25);

        var runs = await Task.WhenAll(
            harness.RunAsync(session, ("type_text", $$"""{"selector": "#notes", "text": "{{a}}", "clear": false}""")),
            harness.RunAsync(session, ("type_text", $$"""{"selector": "#notes", "text": "{{b}}", "clear": false}""")));

        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
        var value = await harness.RunAsync(session, ("extract", """{"selector": "#notes"}"""));
        Assert.Contains(value.Output!["value"]!.GetValue<string>(), new[] { a + b, b + a });
    }

    [Fact]
    public async Task Run_OnDifferentSessions_RunsInParallel()
    {
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 15000);
        var first = await harness.CreateSessionAsync();
        var second = await harness.CreateSessionAsync();
        var meeting = Site.Url($"/rendezvous?key={Guid.NewGuid():N}&n=2");

        // The page answers only while both sessions are waiting on it at once.
        var runs = await Task.WhenAll(
            harness.RunAsync(first, ("navigate", Url(meeting))),
            harness.RunAsync(second, ("navigate", Url(meeting))));

        Assert.All(runs, r => Assert.Equal(RunStatus.Completed, r.Status));
    }

    [Fact]
    public async Task Run_StepsBeyondTheServersSlotsWaitTheirTurn_AndStillSucceed()
    {
        await using var harness = fixture.CreateHarness(o => { o.MaxConcurrentSteps = 1; o.StepTimeoutMs = 5000; });
        var holding = await harness.CreateSessionAsync();
        var waiting = await harness.CreateSessionAsync();
        var key = Guid.NewGuid().ToString("N");

        // The first session's step holds the only slot for 2 s, four times the timeout of the second one's step:
        // its time starts when its turn comes.
        var first = harness.RunAsync(holding, ("navigate", Url(Site.Url($"/hold?key={key}&ms=2000"))));
        await Site.WaitForArrivalAsync(key).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var second = harness.RunAsync(waiting, ("wait_for_selector", """{"selector": "body", "timeout_ms": 500}"""));

        Assert.Same(first, await Task.WhenAny(first, second));
        var runs = await Task.WhenAll(first, second);
        Assert.All(runs, r => Assert.True(r.Status == RunStatus.Completed, r.FailureReason));
    }

    [Fact]
    public async Task Run_PopupBecomesActiveTab_AndTabsCanBeListedSwitchedAndClosed()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/popup") });

        var opened = await harness.RunAsync(session, ("click", """{"selector": "#blank"}"""), ("wait_for_selector", """{"selector": "h1"}"""), ("list_tabs", null));
        Assert.True(opened.Status == RunStatus.Completed, opened.FailureReason);
        Assert.Contains(opened.Steps[0].Events, e => e.Kind == "tab_opened");
        var tabs = opened.Output!.AsArray();
        Assert.Equal(2, tabs.Count);
        Assert.True(tabs[1]!["active"]!.GetValue<bool>());
        Assert.Equal(Site.Url("/popup-target"), tabs[1]!["url"]!.GetValue<string>());

        var switched = await harness.RunAsync(session, ("switch_tab", """{"index": 0}"""), ("extract_text", """{"selector": "#blank"}"""));
        Assert.Equal("Open in new tab", switched.Output!.GetValue<string>());

        var closed = await harness.RunAsync(session, ("close_tab", """{"index": 1}"""), ("list_tabs", null));
        Assert.Single(closed.Output!.AsArray());

        var badIndex = await harness.RunAsync(session, ("switch_tab", """{"index": 5}"""));
        Assert.Contains("there is no tab 5", badIndex.Steps[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_AnswersArmedDialog_AndDismissesUnansweredOne()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/dialog") });

        var answered = await harness.RunAsync(session,
            ("handle_dialog", """{"accept": true, "prompt_text": "Ada"}"""),
            ("click", """{"selector": "#prompt"}"""),
            ("extract_text", """{"selector": "#result"}"""));
        Assert.Equal("name:Ada", answered.Output!.GetValue<string>());

        var unanswered = await harness.RunAsync(session, ("click", """{"selector": "#confirm"}"""), ("extract_text", """{"selector": "#result"}"""));
        Assert.Equal("cancelled", unanswered.Output!.GetValue<string>());
        var dialog = Assert.Single(unanswered.Steps[0].Events, e => e.Kind == "dialog");
        Assert.Equal("Proceed?", dialog.Details["message"]);
        Assert.StartsWith("dismissed", dialog.Details["action"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UploadsFiles()
    {
        await using var harness = fixture.CreateHarness();
        var file = Path.Combine(Path.GetTempPath(), $"upload-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(file, "hello", TestContext.Current.CancellationToken);
        try
        {
            var run = await harness.RunAsync(new RunRequest
            {
                Url = Site.Url("/upload"),
                Commands = CoreHarness.Commands(("upload_file", $$"""{"selector": "#files", "paths": ["{{file}}"]}"""), ("extract_text", """{"selector": "#chosen"}""")),
            });

            Assert.Equal(RunStatus.Completed, run.Status);
            Assert.Equal($"{Path.GetFileName(file)}:5", run.Output!.GetValue<string>());
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Prepare_RejectsUploadFromOutsideUploadsPath()
    {
        var root = Path.Combine(Path.GetTempPath(), $"uploads-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        var inside = Path.Combine(root, "ok.txt");
        await File.WriteAllTextAsync(inside, "ok", TestContext.Current.CancellationToken);
        try
        {
            await using var harness = fixture.CreateHarness(o => o.UploadsPath = root);
            var error = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
                harness.RunAsync(new RunRequest { Commands = CoreHarness.Commands(("upload_file", """{"selector": "#files", "paths": ["/etc/hostname"]}""")) }));
            Assert.Contains("is outside the folder uploads may come from", error.Message, StringComparison.Ordinal);

            var run = await harness.RunAsync(new RunRequest
            {
                Url = Site.Url("/upload"),
                Commands = CoreHarness.Commands(("upload_file", $$"""{"selector": "#files", "paths": ["{{inside}}"]}""")),
            });
            Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public async Task Prepare_RejectsUploadOfMissingFile()
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() =>
            harness.RunAsync(new RunRequest { Commands = CoreHarness.Commands(("upload_file", """{"selector": "#files", "paths": ["/no/such/file"]}""")) }));

        Assert.Equal("commands[0].data.paths[0]", error.Argument);
    }

    [Fact]
    public async Task Run_ReachesIntoIframes_ByRef()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/iframe") });
        var snapshot = await harness.RunAsync(session, ("wait_for_selector", """{"selector": "iframe"}"""), ("snapshot", null));
        var text = snapshot.Output!.GetValue<string>();
        var innerButton = RefOf(text, "button \"Inner button\"");
        Assert.StartsWith("f", innerButton, StringComparison.Ordinal);

        var clicked = await harness.RunAsync(session, ("click", $$"""{"ref": "{{innerButton}}"}"""), ("snapshot", null));
        Assert.Contains("button \"clicked inside\"", clicked.Output!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_FormCommands_SelectCheckHoverScrollPressKey()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/form") });

        var run = await harness.RunAsync(session,
            ("select_option", """{"selector": "#colour", "values": ["Blue"]}"""),
            ("check", """{"selector": "#agree"}"""),
            ("hover", """{"selector": "#hover-target"}"""),
            ("type_text", """{"selector": "#notes", "text": "abc"}"""),
            ("press_key", """{"key": "Backspace", "selector": "#notes"}"""),
            ("scroll", """{"selector": "#bottom"}"""),
            ("extract", """{"selector": "#colour"}"""),
            ("extract", """{"selector": "#notes"}"""),
            ("extract_text", """{"selector": "#hover-target"}"""),
            ("extract", """{"selector": "a.next", "attribute": "href"}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal(["b"], run.Steps[0].Result!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.True(await session.ActiveTab!.Page.IsCheckedAsync("#agree"));
        Assert.True(run.Steps[5].Result!["scroll_y"]!.GetValue<int>() > 0);
        var output = run.Output!.AsArray();
        Assert.Equal("b", output[0]!["value"]!.GetValue<string>());
        Assert.Equal("ab", output[1]!["value"]!.GetValue<string>());
        Assert.Equal("hovered", output[2]!.GetValue<string>());
        Assert.Equal("/form?page=2", output[3]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_HistoryCommands_GoBackForwardReload()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        var run = await harness.RunAsync(session,
            ("navigate", Url(Site.Url("/login"))),
            ("navigate", Url(Site.Url("/form"))),
            ("go_back", null),
            ("go_forward", null),
            ("reload", null));

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(Site.Url("/login"), run.Steps[2].Result!["url"]!.GetValue<string>());
        Assert.True(run.Steps[2].Result!["navigated"]!.GetValue<bool>());
        Assert.Equal(Site.Url("/form"), run.Steps[3].Result!["url"]!.GetValue<string>());
        Assert.Equal("Form", run.Steps[4].Result!["title"]!.GetValue<string>());
    }

    [Fact]
    public async Task Run_Scrape_ReturnsMainContentAsMarkdown()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/article"), Commands = CoreHarness.Commands(("scrape", """{"formats": ["markdown", "text"]}""")) });

        var markdown = run.Output!["markdown"]!.GetValue<string>();
        Assert.StartsWith("# Main title", markdown, StringComparison.Ordinal);
        Assert.Contains("**bold**", markdown, StringComparison.Ordinal);
        Assert.Contains($"[link]({Site.Url("/login")})", markdown, StringComparison.Ordinal);
        Assert.Contains("- One\n- Two", markdown, StringComparison.Ordinal);
        Assert.Contains("| Apple | 3 |", markdown, StringComparison.Ordinal);
        Assert.DoesNotContain("Footer", markdown, StringComparison.Ordinal);
        Assert.Contains("Main title", run.Output!["text"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_Screenshot_ReturnsImage()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/login"), Commands = CoreHarness.Commands(("screenshot", null)) });

        var bytes = Convert.FromBase64String(run.Output!["data"]!.GetValue<string>());
        Assert.Equal("image/png", run.Output!["mime_type"]!.GetValue<string>());
        Assert.Equal((1280, 720), ImageSize.Of(bytes));
    }

    [Fact]
    public async Task Run_Download_IsKeptInSessionFolder_AndDeletedOnClose()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/download") });

        var run = await harness.RunAsync(session, ("click", """{"selector": "#get"}"""));
        Assert.Equal(RunStatus.Completed, run.Status);
        var download = Assert.Single(run.Steps[0].Events, e => e.Kind == "download");
        var path = download.Details["path"]!;
        Assert.Equal("report.csv", download.Details["file_name"]);
        Assert.Equal("a,b\n1,2\n", await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken));

        await harness.Pool.CloseAsync(session.Id, CoreHarness.Owner);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public async Task Run_Evaluate_WhenAllowed()
    {
        await using var harness = fixture.CreateHarness(o => o.AllowEvaluate = true);
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/login"), Commands = CoreHarness.Commands(("evaluate", """{"expression": "({ title: document.title, n: 1 + 1 })"}""")) });

        Assert.Equal("Log in", run.Output!["title"]!.GetValue<string>());
        Assert.Equal(2, run.Output!["n"]!.GetValue<int>());
    }

    [Fact]
    public async Task Run_ExtractAll_WaitsForAListStillLoading()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = Site.Url("/late-list"), Commands = CoreHarness.Commands(("extract_text", """{"selector": "li", "all": true}""")) });

        Assert.Equal(RunStatus.Completed, run.Status);
        Assert.Equal(["one", "two", "three"], run.Output!.AsArray().Select(n => n!.GetValue<string>()));
    }

    [Fact]
    public async Task Run_ReportsThePagesTitleAtItsEnd_EvenAfterAStepRenamedIt()
    {
        await using var harness = fixture.CreateHarness(o => o.AllowEvaluate = true);
        var session = await harness.CreateSessionAsync();

        // The navigation read the title; reading steps after it leave it as it was.
        var read = await harness.RunAsync(session, ("navigate", Url(Site.Url("/login"))), ("extract_text", """{"selector": "h1"}"""), ("snapshot", null));
        Assert.Equal("Log in", read.Steps[0].Result!["title"]!.GetValue<string>());
        Assert.Equal("Log in", read.Title);

        // A step that may change the page (here it renames it) makes the run ask the page again.
        var renamed = await harness.RunAsync(session, ("navigate", Url(Site.Url("/login"))), ("evaluate", """{"expression": "document.title = 'Renamed'"}"""), ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Renamed", renamed.Title);
        Assert.Equal("Renamed", (await session.DescribeAsync()).Title);

        // A value the page's script returns that looks like a page state is output, not the page's title.
        var madeUp = await harness.RunAsync(session, ("evaluate", """{"expression": "({ url: location.href, title: 'Made up' })"}"""), ("extract_text", """{"selector": "h1"}"""));
        Assert.Equal("Made up", madeUp.Output![0]!["title"]!.GetValue<string>());
        Assert.Equal("Renamed", madeUp.Title);
    }

    [Fact]
    public async Task Run_Snapshot_BudgetAndChangesSinceLast()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = Site.Url("/dashboard") });
        await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(Site));

        var full = (await harness.RunAsync(session, ("snapshot", null))).Output!.GetValue<string>();
        var cut = (await harness.RunAsync(session, ("snapshot", """{"max_chars": 300}"""))).Output!.GetValue<string>();
        Assert.Contains("[truncated: characters 0–", cut, StringComparison.Ordinal);
        var next = int.Parse(cut[(cut.LastIndexOf("offset=", StringComparison.Ordinal) + 7)..].Split(' ')[0]);
        var rest = (await harness.RunAsync(session, ($"snapshot", $$"""{"offset": {{next}}}"""))).Output!.GetValue<string>();
        Assert.Equal(full, cut[..cut.IndexOf("\n[truncated", StringComparison.Ordinal)] + rest);

        var unchanged = (await harness.RunAsync(session, ("snapshot", """{"since_last": true}"""))).Output!.GetValue<string>();
        Assert.Equal("[no changes since the last snapshot]", unchanged);
        var changed = await harness.RunAsync(session, ("navigate", Url(Site.Url("/login"))), ("snapshot", """{"since_last": true}"""));
        Assert.Contains("textbox \"Email\"", changed.Output!.GetValue<string>(), StringComparison.Ordinal);
    }

    internal static string RefOf(string snapshot, string element)
    {
        var line = snapshot.Split('\n').First(l => l.Contains(element, StringComparison.Ordinal));
        var start = line.IndexOf("[ref=", StringComparison.Ordinal) + 5;
        return line[start..line.IndexOf(']', start)];
    }
}
