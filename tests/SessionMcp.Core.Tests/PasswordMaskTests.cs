using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Core.Tasks.Commands;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>What is typed into a password field never comes back in what the server renders of the page.</summary>
public sealed class PasswordMaskTests(BrowserFixture fixture)
{
    // Characters that make Playwright quote the value in a snapshot, as real passwords often have.
    private const string Typed = "Tr0ub4dor&3: \"x\"";

    [Fact]
    public async Task TypedPassword_IsMaskedInSnapshotsExtractAndHints_WhileOtherFieldsShow()
    {
        // A short step timeout: the last step fails on purpose, for its hint.
        await using var harness = fixture.CreateHarness(o => o.StepTimeoutMs = 1000);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });

        var run = await harness.RunAsync(session,
            ("type_text", $$"""{"selector": "#email", "text": "{{LocalSite.Email}}"}"""),
            ("type_text", $$"""{"selector": "#password", "text": {{System.Text.Json.JsonSerializer.Serialize(Typed)}}}"""),
            ("snapshot", null),
            ("snapshot", """{"mode": "full"}"""),
            ("snapshot", """{"selector": "form"}"""),
            ("extract", """{"selector": "#password"}"""),
            ("extract", """{"selector": "input", "attribute": "value", "all": true}"""));
        var hint = await harness.RunAsync(session, ("click", """{"selector": "#no-such-button"}"""));

        Assert.Equal(RunStatus.Completed, run.Status);
        var everything = run.Output!.ToJsonString() + hint.FailureReason;
        Assert.DoesNotContain("Tr0ub4dor", everything, StringComparison.Ordinal);
        Assert.Contains(LocalSite.Email, run.Output![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(PasswordMask.Mask, run.Output![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(PasswordMask.Mask, run.Output![1]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(PasswordMask.Mask, run.Output![3]!["value"]!.GetValue<string>());
        Assert.Contains(LocalSite.Email, hint.FailureReason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TypedPassword_IsMaskedInWhatAPromptRunsModelSees()
    {
        await using var harness = fixture.CreateHarness();
        var model = new ScriptedModel();

        var run = await harness.RunAsync(new RunRequest
        {
            Url = fixture.Site.Url("/login"),
            Commands = CoreHarness.Commands(("type_text", $$"""{"selector": "#password", "text": {{System.Text.Json.JsonSerializer.Serialize(Typed)}}}""")),
            Prompt = "Log in and list the invoice numbers",
            Model = model,
        });

        var seen = string.Concat(model.Requests.SelectMany(r => r).Select(m => m.Text));
        Assert.Contains("textbox \"Password\"", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Tr0ub4dor", seen, StringComparison.Ordinal);
        Assert.DoesNotContain("Tr0ub4dor", System.Text.Json.JsonSerializer.Serialize(run.Steps.Select(s => s.Result?.ToJsonString())), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("- textbox \"Password\" [ref=e7]: hunter2", "- textbox \"Password\" [ref=e7]: ••••••")]
    [InlineData("  - textbox \"Password\": \"a: b\"", "  - textbox \"Password\": ••••••")]
    [InlineData("- textbox \"Email\" [ref=e5]: hunter2x", "- textbox \"Email\" [ref=e5]: hunter2x")]
    [InlineData("- text: hunter2", "- text: hunter2")]
    public void Mask_ReplacesOnlyTextboxValuesThatArePasswords(string line, string expected)
    {
        Assert.Equal(expected, PasswordMask.MaskValues(line, new HashSet<string> { "hunter2", "a: b" }));
    }
}
