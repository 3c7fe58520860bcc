using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace SessionMcp.Tests.Common;

/// <summary>
/// Calls a tool and reads its JSON text, failing the test with the server's words when it errs unexpectedly. Every
/// result is also checked as strict clients check it: its structuredContent validates against the tool's own
/// outputSchema, and its text is that same JSON.
/// </summary>
public static class ToolCalls
{
    private static readonly ConditionalWeakTable<McpClient, Task<Dictionary<string, Tool>>> Tools = [];

    public static async Task<JsonElement> CallOkAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallCheckedAsync(tool, arguments);
        Assert.False(result.IsError == true, $"{tool} failed: {Text(result)}");
        return JsonDocument.Parse(Text(result)).RootElement.Clone();
    }

    /// <summary>Calls a tool that must fail, and returns its error text.</summary>
    public static async Task<string> CallErrorAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallCheckedAsync(tool, arguments);
        Assert.True(result.IsError == true, $"{tool} should have failed but returned: {Text(result)}");
        return Text(result);
    }

    /// <summary>Calls a tool and checks its result against the tool's output schema, as the TypeScript SDK's client does.</summary>
    public static async Task<CallToolResult> CallCheckedAsync(this McpClient client, string tool, Dictionary<string, object?> arguments)
    {
        var result = await client.CallToolAsync(tool, arguments, cancellationToken: TestContext.Current.CancellationToken);
        var schema = (await Tools.GetValue(client, ListAsync))[tool].OutputSchema;
        if (schema is null)
        {
            return result;
        }

        if (result.StructuredContent is not { } structured)
        {
            Assert.True(result.IsError == true, $"{tool} has an output schema but returned no structuredContent: {Text(result)}");
            return result;
        }

        var evaluation = JsonSchema.Build(schema.Value).Evaluate(structured, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, $"{tool}'s structuredContent does not match its outputSchema: {Failures(evaluation)}\n{structured.GetRawText()}");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(structured.GetRawText()), JsonNode.Parse(Text(result))), $"{tool}'s text is not its structuredContent:\n{Text(result)}\n{structured.GetRawText()}");
        return result;
    }

    /// <summary>get_run, every 100 ms, until the run's status satisfies <paramref name="until"/> (within <paramref name="bound"/>).</summary>
    public static async Task<JsonElement> WaitForRunAsync(this McpClient client, string runId, Func<string, bool> until, TimeSpan bound)
    {
        using var limit = new CancellationTokenSource(bound);
        while (true)
        {
            var run = await client.CallOkAsync("get_run", new() { ["run_id"] = runId });
            if (until(run.GetProperty("status").GetString()!))
            {
                return run;
            }

            await Task.Delay(100, limit.Token);
        }
    }

    public static string Text(CallToolResult result) => string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));

    private static async Task<Dictionary<string, Tool>> ListAsync(McpClient client) =>
        (await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken)).ToDictionary(t => t.Name, t => t.ProtocolTool);

    private static string Failures(EvaluationResults evaluation) => string.Join("; ", (evaluation.Details ?? [])
        .Where(d => d.Errors is { Count: > 0 })
        .Select(d => $"{d.InstanceLocation}: {string.Join(", ", d.Errors!.Values)}"));
}
