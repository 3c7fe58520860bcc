using System.Text.Json;
using Microsoft.Playwright;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// The compact snapshot loses no element a user could click: every element with an interactive role, a tabindex,
/// a click listener (asked of DevTools, not of the server's own bookkeeping) or a pointer cursor that Playwright's
/// snapshot gives a ref keeps that ref; lines Playwright writes in YAML quotes read like the others.
/// </summary>
public sealed class ClickableCoverageTests(BrowserFixture fixture)
{
    [Theory]
    [InlineData("/clickables")]
    [InlineData("/heavy")]
    [InlineData("/login")]
    [InlineData("/flood")]
    public async Task EveryClickableElementWithARef_KeepsItInTheCompactSnapshot(string path)
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url(path) });
        var compact = (await harness.RunAsync(session, ("snapshot", null))).Output!.GetValue<string>();
        var page = (await session.GetActiveTabAsync()).Page;

        var clickable = await ClickablePathsAsync(page);
        Assert.NotEmpty(clickable);
        var missing = new List<string>();
        foreach (var element in clickable)
        {
            var own = await page.Locator(element).AriaSnapshotAsync(new LocatorAriaSnapshotOptions { Mode = AriaSnapshotMode.Ai });
            var reference = System.Text.RegularExpressions.Regex.Match(own.Split('\n')[0], @"\[ref=(e\d+)\]");
            if (reference.Success && !compact.Contains($"[ref={reference.Groups[1].Value}]", StringComparison.Ordinal))
            {
                missing.Add($"{element}: {own.Split('\n')[0]}");
            }
        }

        Assert.True(missing.Count == 0, $"clickable elements without their ref in the compact snapshot:\n{string.Join("\n", missing)}\n\n{compact}");
    }

    [Fact]
    public async Task ScriptClickables_KeepRefs_PlainDivsDoNot_QuotedLinesAndLabelsRead()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/clickables") });

        var compact = (await harness.RunAsync(session, ("snapshot", null))).Output!.GetValue<string>();

        Assert.Matches(@"- generic \[ref=e\d+\]: Open", compact);
        Assert.Matches(@"- generic \[ref=e\d+\]: Listened", compact);
        Assert.Matches(@"- generic \[ref=e\d+\]: Focusable", compact);
        Assert.Contains("- text: Plain text in a div", compact, StringComparison.Ordinal);
        Assert.Matches(@"- link ""Floating Point: Issues and Limitations"" \[ref=e\d+\] \[url=/popup-target\]", compact);
        Assert.DoesNotContain("cursor=pointer", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("'", compact, StringComparison.Ordinal);
        Assert.Matches(@"- tab ""Tab #1"" \[ref=e\d+\]", compact);
        Assert.Contains("- tabpanel \"Tab #1\": one", compact, StringComparison.Ordinal);
        Assert.Contains("- tabpanel \"Tab 2\": two", compact, StringComparison.Ordinal);
        Assert.DoesNotContain("text: \"Email:\"", compact, StringComparison.Ordinal);
        Assert.Matches(@"- textbox ""Email:"" \[ref=e\d+\]", compact);

        var open = TaskRunnerTests.RefOf(compact, "]: Open");
        var clicked = await harness.RunAsync(session, ("click", $$"""{"ref": "{{open}}"}"""), ("extract_text", """{"selector": "#opener"}"""));
        Assert.True(clicked.Status == RunStatus.Completed, clicked.FailureReason + "\n" + compact);
        Assert.Equal("opened", clicked.Output!.GetValue<string>());
    }

    /// <summary>
    /// Elements a user could click, found without the server's help: interactive roles and native controls, a
    /// tabindex, an onclick, a pointer cursor, or a click listener as DevTools lists it.
    /// </summary>
    private static async Task<List<string>> ClickablePathsAsync(IPage page)
    {
        var devtools = await page.Context.NewCDPSessionAsync(page);
        var all = await devtools.SendAsync("Runtime.evaluate", new Dictionary<string, object> { ["expression"] = "Array.from(document.body.querySelectorAll('*'))" });
        var arrayId = all!.Value.GetProperty("result").GetProperty("objectId").GetString()!;
        var count = await page.EvaluateAsync<int>("document.body.querySelectorAll('*').length");
        var found = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var item = await devtools.SendAsync("Runtime.callFunctionOn", new Dictionary<string, object>
            {
                ["objectId"] = arrayId,
                ["functionDeclaration"] = $"function() {{ return this[{i}]; }}",
            });
            var elementId = item!.Value.GetProperty("result").GetProperty("objectId").GetString()!;
            var listeners = await devtools.SendAsync("DOMDebugger.getEventListeners", new Dictionary<string, object> { ["objectId"] = elementId });
            var listensForClicks = listeners!.Value.GetProperty("listeners").EnumerateArray()
                .Any(l => l.GetProperty("type").GetString() is "click" or "mousedown" or "mouseup" or "pointerdown" or "pointerup");
            var described = await devtools.SendAsync("Runtime.callFunctionOn", new Dictionary<string, object>
            {
                ["objectId"] = elementId,
                ["returnByValue"] = true,
                ["arguments"] = new object[] { new Dictionary<string, object> { ["value"] = listensForClicks } },
                ["functionDeclaration"] = """
                    function(listens) {
                      const el = this;
                      const box = el.getBoundingClientRect();
                      if (!box.width || !box.height) return null;
                      const native = el.matches('a[href],button,input,select,textarea,summary');
                      const role = /^(button|link|textbox|searchbox|checkbox|radio|combobox|listbox|option|menuitem|menuitemcheckbox|menuitemradio|tab|switch|slider|spinbutton|treeitem|gridcell)$/.test(el.getAttribute('role') || '');
                      const tabbable = el.hasAttribute('tabindex') && el.tabIndex >= 0;
                      const pointer = getComputedStyle(el).cursor === 'pointer';
                      const delegating = listens && el.querySelector('a[href],button,input,select,textarea,summary');
                      if (!(native || role || tabbable || pointer || typeof el.onclick === 'function' || (listens && !delegating))) return null;
                      const steps = [];
                      for (let node = el; node && node !== document.documentElement; node = node.parentElement) {
                        let index = 1;
                        for (let s = node.previousElementSibling; s; s = s.previousElementSibling) index++;
                        steps.unshift(node.tagName.toLowerCase() + ':nth-child(' + index + ')');
                      }
                      return 'css=html > ' + steps.join(' > ');
                    }
                    """,
            });
            if (described!.Value.GetProperty("result").TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
            {
                found.Add(value.GetString()!);
            }
        }

        await devtools.DetachAsync();
        return found;
    }
}
