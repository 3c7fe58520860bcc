using System.Text.Json;
using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>Large input meets a short answer: errors quote it cut short, and oversized calls are refused before they run.</summary>
public sealed class LargeInputTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly string Huge = new('x', 100_000);

    private McpClient Client => fixture.Server.Client;

    [Fact]
    public async Task HugeStartUrl_IsNamed_InAShortError()
    {
        var error = await Client.CallErrorAsync("create_browser_session", new() { ["start_url"] = "http://" + Huge });

        Assert.StartsWith("start_url", error, StringComparison.Ordinal);
        Assert.True(error.Length <= 1_000, $"{error.Length} characters");
    }

    [Fact]
    public async Task HugeSelector_FailsTheStep_InAShortError()
    {
        var result = await Client.CallCheckedAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "wait_for_selector", data = new { selector = "#" + Huge, timeout_ms = 200 } } },
        });

        Assert.True(result.IsError);
        var run = JsonDocument.Parse(ToolCalls.Text(result)).RootElement;
        var stepError = run.GetProperty("steps")[1].GetProperty("error").GetString()!;
        Assert.Contains("selector '#xxx", stepError, StringComparison.Ordinal);
        Assert.True(stepError.Length <= 1_000, $"{stepError.Length} characters");
        Assert.True(ToolCalls.Text(result).Length < 5_000, $"{ToolCalls.Text(result).Length} characters");
    }

    [Fact]
    public async Task OversizedArguments_AreRefusedBeforeAnythingRuns_NamingTheLimit()
    {
        var error = await Client.CallErrorAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "type_text", data = new { selector = "#email", text = new string('a', 2_000_000) } } },
        });

        Assert.StartsWith("run_task: the arguments are 2,000,", error, StringComparison.Ordinal);
        Assert.Contains("SessionMcp:MaxArgumentChars", error, StringComparison.Ordinal);
    }
}
