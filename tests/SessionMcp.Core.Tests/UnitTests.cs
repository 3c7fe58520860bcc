using System.Text.Json;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Frames;
using SessionMcp.Core.Ids;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Commands;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>Pieces that need no browser: ids, command checking, snapshot text, boxes, browser lookup, signals.</summary>
public sealed class IdGeneratorTests
{
    [Fact]
    public void New_HasPrefixAnd25Base36Digits_AndNeverRepeats()
    {
        var ids = Enumerable.Range(0, 10_000).Select(_ => IdGenerator.NewBrowserSessionId()).ToList();

        Assert.All(ids, id => Assert.Matches("^pbs_[0-9a-z]{25}$", id));
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.StartsWith("run_", IdGenerator.NewRunId(), StringComparison.Ordinal);
    }

    [Fact]
    public void New_CarriesAtLeast122RandomBits() =>
        Assert.True(IdGenerator.RandomBits >= 122 && Math.Pow(36, 25) >= Math.Pow(2, IdGenerator.RandomBits));
}

public sealed class CommandRegistryTests
{
    private static readonly CommandRegistry Registry = new(new NavigationPolicy(new SessionMcpOptions()), new SessionMcpOptions());

    private static InvalidArgumentException Fails(string command, string? data) =>
        Assert.Throws<InvalidArgumentException>(() => Registry.Prepare(CoreHarness.Commands((command, data))));

    [Fact]
    public void Registry_KnowsEveryContractCommand()
    {
        string[] contract =
        [
            "navigate", "click", "type_text", "press_key", "select_option", "check", "hover", "scroll", "upload_file",
            "wait_for_selector", "wait_for_navigation", "wait", "extract_text", "extract", "scrape", "snapshot", "screenshot",
            "go_back", "go_forward", "reload", "list_tabs", "switch_tab", "close_tab", "handle_dialog", "evaluate",
            "wait_for_human",
        ];
        Assert.Equal(contract.Order(StringComparer.Ordinal), Registry.Names.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("click", """{"selector": "#go"}""")]
    [InlineData("click", """{"ref": "[ref=e12]"}""")]
    [InlineData("type_text", """{"ref": "f1e3", "text": "", "clear": false, "submit": true}""")]
    [InlineData("navigate", """{"url": "https://example.com", "wait_until": "networkidle"}""")]
    [InlineData("select_option", """{"selector": "#c", "values": "red"}""")]
    [InlineData("wait_for_selector", """{"selector": "#c", "state": "detached", "timeout_ms": 100}""")]
    [InlineData("snapshot", null)]
    [InlineData("scrape", """{"formats": ["html", "text"]}""")]
    public void Prepare_AcceptsValidData(string command, string? data) =>
        Assert.Equal(command, Registry.Prepare(CoreHarness.Commands((command, data))).Single().Command);

    [Theory]
    [InlineData("{}", "commands[0].data.message", "is required")]
    [InlineData("""{"message": "ok?", "timeout_ms": 10}""", "commands[0].data.timeout_ms", "must be from 1000 to 86400000 ms")]
    public void WaitForHuman_WhereAPersonCanAnswer_NamesTheFieldAtFault(string data, string argument, string problem)
    {
        var registry = new CommandRegistry(new NavigationPolicy(new SessionMcpOptions()), new SessionMcpOptions { WaitForHuman = true });
        var error = Assert.Throws<InvalidArgumentException>(() => registry.Prepare(CoreHarness.Commands(("wait_for_human", data))));
        Assert.Equal(argument, error.Argument);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WaitForHuman_WithoutALiveView_IsRefusedNamingTheCommand()
    {
        var error = Fails("wait_for_human", """{"message": "ok?"}""");
        Assert.Equal("commands[0].command", error.Argument);
        Assert.Contains("--http", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("click", "{}", "commands[0].data", "needs selector")]
    [InlineData("click", """{"ref": "button-1"}""", "commands[0].data.ref", "is not a snapshot ref")]
    [InlineData("click", """{"selector": 5}""", "commands[0].data.selector", "must be a string; got the number 5")]
    [InlineData("type_text", """{"selector": "#a"}""", "commands[0].data.text", "is required")]
    [InlineData("navigate", """{"url": "https://x.y", "wait_until": "soon"}""", "commands[0].data.wait_until", "must be load, domcontentloaded, networkidle or commit")]
    [InlineData("wait", """{"ms": -1}""", "commands[0].data.ms", "must be from 0 to 300000 ms")]
    [InlineData("wait", """{"ms": 1.5}""", "commands[0].data.ms", "must be a whole number")]
    [InlineData("check", """{"selector": "#a", "checked": "yes"}""", "commands[0].data.checked", "must be true or false")]
    [InlineData("scrape", """{"formats": ["pdf"]}""", "commands[0].data.formats[0]", "must be markdown, text or html")]
    [InlineData("switch_tab", "{}", "commands[0].data.index", "is required")]
    [InlineData("handle_dialog", "{}", "commands[0].data.accept", "is required")]
    [InlineData("snapshot", """{"max_chars": 10}""", "commands[0].data.max_chars", "must be from 200")]
    [InlineData("click", "[1]", "commands[0].data", "must be an object")]
    public void Prepare_NamesTheFieldAtFault(string command, string data, string argument, string problem)
    {
        var error = Fails(command, data);
        Assert.Equal(argument, error.Argument);
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_NamesTheIndexOfTheBadCommand()
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Registry.Prepare(CoreHarness.Commands(("snapshot", null), ("go_back", null), ("teleport", "{}"))));
        Assert.Equal("commands[2].command", error.Argument);
        Assert.Contains("'teleport' is not a command", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_RefusesMissingCommandName() =>
        Assert.Equal("commands[0].command", Assert.Throws<InvalidArgumentException>(() => Registry.Prepare([new CommandRequest(null, null)])).Argument);
}

public sealed class SnapshotTextTests
{
    private const string Text = "- a\n- b\n- c\n- d\n";

    [Fact]
    public void Window_ReturnsAll_WithoutBudget() => Assert.Equal(Text, SnapshotText.Window(Text, 0, null));

    [Fact]
    public void Window_CutsAtLineEnd_AndSaysWhereTheRestStarts()
    {
        var cut = SnapshotText.Window(Text, 0, 6);
        Assert.Equal("- a\n\n[truncated: characters 0–4 of 16 shown; call snapshot again with offset=4 for the rest]", cut);
        Assert.Equal("- b\n- c\n- d\n", SnapshotText.Window(Text, 4, null));
    }

    [Fact]
    public void Window_ExplainsOffsetPastTheEnd() =>
        Assert.Contains("nothing at offset 99", SnapshotText.Window(Text, 99, null), StringComparison.Ordinal);

    [Fact]
    public void Changes_ListsNewLinesAndCountsGoneOnes()
    {
        var changes = SnapshotText.Changes("- a\n- b\n- c", "- a\n- c\n- e\n- f");
        Assert.Equal("[changes since the last snapshot: 2 new or changed line(s) below, 1 line(s) gone]\n- e\n- f", changes);
        Assert.Equal("[no changes since the last snapshot]", SnapshotText.Changes("- a", "- a"));
        Assert.StartsWith("[no earlier snapshot", SnapshotText.Changes(null, "- a"), StringComparison.Ordinal);
    }
}

public sealed class SnapshotBoxesTests
{
    [Fact]
    public void Parse_ReadsInteractiveElements_ScaledAndSkipsInvisible()
    {
        const string snapshot = """
            - generic [active] [ref=e1] [box=8,8,1264,704]:
              - heading "Hi" [level=1] [ref=e2] [box=8,8,1264,37]
              - textbox "Email \"work\"" [ref=e5] [box=50,67,177,21]
              - button "Go" [ref=e6] [box=227,67,34,21]
              - option "A" [selected] [box=0,0,0,0]
              - button "inner" [ref=f1e2] [box=8,8,46,21]
            """;

        var boxes = SnapshotBoxes.Parse(snapshot, 0.5);

        Assert.Equal(["e5", "e6", "f1e2"], boxes.Select(b => b.Ref));
        Assert.Equal(new ElementBox("e5", "textbox", "Email \"work\"", 25, 34, 88, 10), boxes[0]);
    }
}

public sealed class BrowserLocatorTests
{
    [Fact]
    public void Resolve_PrefersConfiguredExecutable()
    {
        var locator = new BrowserLocator(new SessionMcpOptions { BrowserExecutablePath = "/opt/my/chrome" }, path => path == "/opt/my/chrome", (_, _) => true);
        Assert.Equal("/opt/my/chrome", locator.Resolve(BrowserKind.Chromium).ExecutablePath);
    }

    [Fact]
    public void Resolve_ExplainsMissingConfiguredExecutable()
    {
        var locator = new BrowserLocator(new SessionMcpOptions { BrowserExecutablePath = "/nope" }, _ => false, (_, _) => false);
        Assert.Contains("SessionMcp:BrowserExecutablePath is '/nope', but no file is there", Assert.Throws<BrowserUnavailableException>(() => locator.Resolve(BrowserKind.Chromium)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UsesPlaywrightManagedBrowser_BeforeSystemOne_ItsHeadlessShellWhenHeadless()
    {
        var locator = new BrowserLocator(new SessionMcpOptions(), _ => true, (_, _) => true);

        var headless = locator.Resolve(BrowserKind.Chromium, headless: true);
        Assert.Null(headless.ExecutablePath);
        Assert.Null(headless.Channel);
        Assert.Contains("headless shell", headless.Description, StringComparison.Ordinal);

        var headed = locator.Resolve(BrowserKind.Chromium, headless: false);
        Assert.Null(headed.ExecutablePath);
        Assert.Equal("chromium", headed.Channel);
    }

    [Fact]
    public void Resolve_AsksPlaywrightForItsFullChromium_WhenItsHeadlessShellIsNotInstalledOrNotWanted()
    {
        var onlyFull = new BrowserLocator(new SessionMcpOptions(), _ => false, (_, pattern) => pattern == "chromium-*");
        Assert.Equal("chromium", onlyFull.Resolve(BrowserKind.Chromium, headless: true).Channel);

        var shellTurnedOff = new BrowserLocator(new SessionMcpOptions { HeadlessShell = false }, _ => false, (_, _) => true);
        Assert.Equal("chromium", shellTurnedOff.Resolve(BrowserKind.Chromium, headless: true).Channel);
    }

    [Fact]
    public void Resolve_FallsBackToSystemChromium()
    {
        var locator = new BrowserLocator(new SessionMcpOptions(), path => path == "/usr/bin/chromium", (_, _) => false);
        Assert.Equal("/usr/bin/chromium", locator.Resolve(BrowserKind.Chromium).ExecutablePath);
    }

    [Fact]
    public void Resolve_PrefersTheSystemHeadlessShell_ForHeadlessSessionsOnly()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("Debian's headless shell is a Linux package.");
        }

        var installed = new HashSet<string> { "/usr/bin/chromium", "/usr/bin/chromium-headless-shell" };
        var locator = new BrowserLocator(new SessionMcpOptions(), installed.Contains, (_, _) => false);
        Assert.Equal("/usr/bin/chromium-headless-shell", locator.Resolve(BrowserKind.Chromium, headless: true).ExecutablePath);
        Assert.Equal("/usr/bin/chromium", locator.Resolve(BrowserKind.Chromium, headless: false).ExecutablePath);

        var shellTurnedOff = new BrowserLocator(new SessionMcpOptions { HeadlessShell = false }, installed.Contains, (_, _) => false);
        Assert.Equal("/usr/bin/chromium", shellTurnedOff.Resolve(BrowserKind.Chromium, headless: true).ExecutablePath);
    }

    [Fact]
    public void Resolve_SaysHowToInstall_WhenNoBrowserExists()
    {
        var locator = new BrowserLocator(new SessionMcpOptions(), _ => false, (_, _) => false);
        var error = Assert.Throws<BrowserUnavailableException>(() => locator.Resolve(BrowserKind.Chromium));
        Assert.Contains("apt-get install -y chromium", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UsesChannels_ForChromeAndEdge()
    {
        var locator = new BrowserLocator(new SessionMcpOptions(), _ => false, (_, _) => false);
        Assert.Equal("chrome", locator.Resolve(BrowserKind.Chrome).Channel);
        Assert.Equal("msedge", locator.Resolve(BrowserKind.Msedge).Channel);
    }
}

public sealed class CountSignalTests
{
    [Fact]
    public async Task WaitForAsync_CompletesWhenCountReachesTarget()
    {
        var signal = new CountSignal();
        var waiting = signal.WaitForAsync(2, TestContext.Current.CancellationToken);
        signal.Increment();
        Assert.False(waiting.IsCompleted);
        signal.Increment();
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.True(signal.WaitForAsync(1, TestContext.Current.CancellationToken).IsCompleted);
    }
}

public sealed class RunRequestValidationTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData(0, "timeout_seconds")]
    [InlineData(86_401, "timeout_seconds")]
    public async Task RunAsync_RejectsTimeoutSecondsOutOfRange(int seconds, string argument)
    {
        await using var harness = fixture.CreateHarness();
        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.RunAsync(new RunRequest { Url = "https://example.com", TimeoutSeconds = seconds }));
        Assert.Equal(argument, error.Argument);
    }

    [Fact]
    public async Task RunAsync_CreatesNothing_WhenValidationFails()
    {
        await using var harness = fixture.CreateHarness();
        await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.RunAsync(new RunRequest { Commands = CoreHarness.Commands(("click", "{}")) }));
        Assert.Empty(harness.Pool.List(CoreHarness.Owner, includeClosed: true));
    }

    [Fact]
    public async Task Get_HidesAnotherOwnersRun()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/") }, owner: "alice");

        Assert.Equal(run.RunId, (await harness.Runner.GetAsync(run.RunId, "alice", TestContext.Current.CancellationToken)).RunId);
        await Assert.ThrowsAsync<RunNotFoundException>(() => harness.Runner.GetAsync(run.RunId, "bob", TestContext.Current.CancellationToken));
    }

    [Fact]
    public void CommandData_TreatsNullDataAsEmpty() =>
        Assert.False(new CommandData(JsonDocument.Parse("null").RootElement, "commands[0].data").Has("selector"));
}

public sealed class RunStoreTests
{
    [Fact]
    public void Add_PastTheRetentionLimit_DropsTheOldestFinishedRuns_AndKeepsRunsStillGoing()
    {
        var store = new RunStore(new SessionMcpOptions { ClosedRetention = 2 });
        var going = NewRun("run_going");
        store.Add(going);
        store.Add(FinishedRun("run_first"));
        store.Add(FinishedRun("run_second"));

        Assert.True(store.Contains("run_going"));
        Assert.False(store.Contains("run_first"));
        Assert.True(store.Contains("run_second"));

        store.Add(FinishedRun("run_third"));

        Assert.True(store.Contains("run_going"));
        Assert.False(store.Contains("run_second"));
        Assert.True(store.Contains("run_third"));
    }

    private static RunRecord NewRun(string id) => new(id, "pbs_session", "owner", DateTimeOffset.UnixEpoch);

    private static RunRecord FinishedRun(string id)
    {
        var run = NewRun(id);
        run.Finish(RunStatus.Completed, null, "about:blank", "", null, DateTimeOffset.UnixEpoch);
        return run;
    }
}
