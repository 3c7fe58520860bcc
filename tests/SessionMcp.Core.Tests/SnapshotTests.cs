using System.Text.RegularExpressions;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>The snapshot command on a heavy page: the compact form, its budget and getting the rest, changes since the last one.</summary>
public sealed partial class SnapshotTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Compact_KeepsEveryInteractiveElementAndItsRef_InUnderHalfTheCharacters()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/heavy") });

        var run = await harness.RunAsync(session, ("snapshot", """{"mode": "full"}"""), ("snapshot", null));
        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        var full = run.Output![0]!.GetValue<string>();
        var compact = run.Output![1]!.GetValue<string>();

        // Each snapshot is in output once; its step only points there.
        Assert.Equal(["(in output[0])", "(in output[1])"], run.Steps.Select(s => s.Result!.GetValue<string>()));

        var interactiveInFull = InteractiveRefs.Of(full);
        Assert.Equal(HeavyPage.InteractiveElements, interactiveInFull.Count);
        Assert.Equal(interactiveInFull, InteractiveRefs.Of(compact));
        Assert.Equal(interactiveInFull.Count, InteractiveRefs.CountAll(compact));
        Assert.True(compact.Length * 2 <= full.Length, $"compact {compact.Length} characters, full {full.Length}");

        // What the compact form folds away is still there in a readable form.
        Assert.Contains("- row: ORD-5003 | Customer 3 | 21.50 | Open | link \"View\" [ref=", compact, StringComparison.Ordinal);
        Assert.Contains("[url=/o/3]", compact, StringComparison.Ordinal);
        Assert.Contains("- heading \"Recent orders\" [level=2]", compact, StringComparison.Ordinal);
        Assert.Contains("- option \"Support\"", compact, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CompactRefs_WorkWithCommands()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/heavy") });
        var compact = (await harness.RunAsync(session, ("snapshot", null))).Output!.GetValue<string>();

        var run = await harness.RunAsync(session,
            ("type_text", $$"""{"ref": "{{TaskRunnerTests.RefOf(compact, "textbox \"Field 3\"")}}", "text": "hello"}"""),
            ("select_option", $$"""{"ref": "{{TaskRunnerTests.RefOf(compact, "combobox \"Topic\"")}}", "values": ["Other"]}"""),
            ("check", $$"""{"ref": "{{TaskRunnerTests.RefOf(compact, "checkbox \"Option 2.4\"")}}"}"""),
            ("extract", """{"selector": "#field3"}"""),
            ("extract", """{"selector": "#topic"}"""),
            ("snapshot", """{"since_last": true}"""));

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("hello", run.Output![0]!["value"]!.GetValue<string>());
        Assert.Equal("Other", run.Output![1]!["value"]!.GetValue<string>());
        var changes = run.Output![2]!.GetValue<string>();
        Assert.StartsWith("[changes since the last snapshot:", changes, StringComparison.Ordinal);
        Assert.Contains("checkbox \"Option 2.4\" [checked]", changes, StringComparison.Ordinal);
        Assert.Contains("hello", changes, StringComparison.Ordinal);
        Assert.True(changes.Length * 10 < compact.Length, $"changes {changes.Length} characters, whole snapshot {compact.Length}");
    }

    [Fact]
    public async Task Budget_CutsAtALine_WithAMarker_AndTheRestComesByOffset_LosingNothing()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/heavy") });
        var whole = (await harness.RunAsync(session, ("snapshot", null))).Output!.GetValue<string>();

        var pieces = new List<string>();
        var offset = 0;
        for (var page = 0; page < 100; page++)
        {
            var window = (await harness.RunAsync(session, ("snapshot", $$"""{"max_chars": 4000, "offset": {{offset}}}"""))).Output!.GetValue<string>();
            var marker = TruncationMarker().Match(window);
            if (!marker.Success)
            {
                pieces.Add(window);
                break;
            }

            var piece = window[..marker.Index];
            Assert.True(piece.Length <= 4000);
            Assert.EndsWith("\n", piece, StringComparison.Ordinal);
            Assert.Equal(offset, int.Parse(marker.Groups["from"].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(whole.Length, int.Parse(marker.Groups["total"].Value, System.Globalization.CultureInfo.InvariantCulture));
            pieces.Add(piece);
            offset = int.Parse(marker.Groups["next"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }

        Assert.True(pieces.Count > 2);
        Assert.Equal(whole, string.Concat(pieces));
        Assert.Equal(HeavyPage.InteractiveElements, InteractiveRefs.Of(string.Concat(pieces)).Count);
    }

    [GeneratedRegex(@"\n\[truncated: characters (?<from>\d+)–(?<to>\d+) of (?<total>\d+) shown; call snapshot again with offset=(?<next>\d+) for the rest\]$")]
    private static partial Regex TruncationMarker();
}
