using System.Text.Json;
using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>An error quotes what the caller sent cut short: a 100 KB argument does not come back as a 100 KB error.</summary>
public sealed class ErrorLengthTests(ServerFixture fixture) : IClassFixture<ServerFixture>
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
}
