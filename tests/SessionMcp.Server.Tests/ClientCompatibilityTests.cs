using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// What stricter clients than ours demand (the TypeScript and Python SDKs, OpenAI strict tools, Gemini's single-type
/// dialect): schemas they accept, null as "not given", named missing arguments, and failed runs seen as errors.
/// Every call here also goes through <see cref="ToolCalls"/>, which validates each result against its outputSchema.
/// </summary>
public sealed class ClientCompatibilityTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private McpClient Client => fixture.Server.Client;

    [Fact]
    public async Task ListTools_EverySchemaIsPortable()
    {
        var tools = await Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);

        Assert.All(tools, tool =>
        {
            var name = tool.Name;
            Assert.Equal("object", tool.ProtocolTool.InputSchema.GetProperty("type").GetString());
            AssertPortable(tool.ProtocolTool.InputSchema, $"{name}.inputSchema", input: true);
            var output = tool.ProtocolTool.OutputSchema;
            Assert.True(output is not null, $"{name} has no outputSchema");
            // A list tool's natural schema is an array; clients before protocol 2026-07-28 get it wrapped as {"result": [...]}.
            Assert.Contains(output.Value.GetProperty("type").GetString(), new[] { "object", "array" });
            AssertPortable(output.Value, $"{name}.outputSchema", input: false);
        });
    }

    [Fact]
    public async Task NullForAnOptionalArgument_MeansNotGiven()
    {
        var session = await Client.CallOkAsync("create_browser_session", new()
        {
            ["timeout"] = null,
            ["isolation"] = null,
            ["browser_type"] = null,
            ["viewport"] = null,
            ["start_url"] = null,
        });
        Assert.Equal(60, session.GetProperty("timeout").GetInt32());
        Assert.Equal(1280, session.GetProperty("viewport").GetProperty("width").GetInt32());

        var id = session.GetProperty("browser_session_id").GetString();
        var listed = await Client.CallOkAsync("get_browser_sessions", new() { ["status"] = null });
        Assert.Contains(listed.EnumerateArray(), s => s.GetProperty("browser_session_id").GetString() == id);

        var run = await Client.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "list_tabs", data = (object?)null }, new { command = "extract_text", data = new { selector = "h1" } } },
            ["prompt"] = null,
            ["timeout_seconds"] = null,
            ["data_extraction_schema"] = null,
        });
        Assert.Equal("completed", run.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("stream_frame", "browser_session_id")]
    [InlineData("get_browser_session", "browser_session_id")]
    [InlineData("close_browser_session", "browser_session_id")]
    [InlineData("get_run", "run_id")]
    [InlineData("create_browser_profile", "browser_session_id")]
    [InlineData("delete_browser_profile", "browser_profile_id")]
    public async Task MissingRequiredArgument_IsNamed(string tool, string argument)
    {
        var missing = await Client.CallErrorAsync(tool, new());
        var nulled = await Client.CallErrorAsync(tool, new() { [argument] = null });

        Assert.StartsWith($"{tool}: argument '{argument}' is required", missing, StringComparison.Ordinal);
        Assert.Equal(missing, nulled);
        Assert.DoesNotContain("internal error", missing, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"name": "get_run", "arguments": "run_x"}""", "params.arguments must be an object")]
    [InlineData("""{"name": "get_run", "arguments": [1, 2]}""", "params.arguments must be an object")]
    [InlineData("""{"name": "get_run", "arguments": 7}""", "params.arguments must be an object")]
    public async Task MalformedToolCall_IsInvalidParams_SayingWhatIsWrong(string parameters, string expected)
    {
        var request = new JsonRpcRequest { Method = RequestMethods.ToolsCall, Params = System.Text.Json.Nodes.JsonNode.Parse(parameters) };

        var error = await Assert.ThrowsAsync<ModelContextProtocol.McpProtocolException>(() => Client.SendRequestAsync(request, TestContext.Current.CancellationToken));

        Assert.Equal(ModelContextProtocol.McpErrorCode.InvalidParams, error.ErrorCode);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IntegerBeyondInt32_IsNamed_WithItsRange()
    {
        var error = await Client.CallErrorAsync("create_browser_session", new() { ["timeout"] = 2147483648L });

        Assert.Equal("create_browser_session: argument 'timeout' must be an integer from 5 to 1440; got the number 2147483648.", error);
    }

    [Fact]
    public async Task FailedRun_IsAToolError_CarryingTheWholeRun_WhileGetRunIsAResult()
    {
        var result = await Client.CallCheckedAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "click", data = new { selector = "#no-such-button" } } },
        });

        Assert.True(result.IsError);
        var run = JsonDocument.Parse(ToolCalls.Text(result)).RootElement;
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("#no-such-button", run.GetProperty("failure_reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, run.GetProperty("steps").GetArrayLength());
        Assert.False(run.GetProperty("steps")[1].GetProperty("ok").GetBoolean());
        Assert.Equal("failed", result.StructuredContent!.Value.GetProperty("status").GetString());

        var again = await Client.CallOkAsync("get_run", new() { ["run_id"] = run.GetProperty("run_id").GetString() });
        Assert.Equal("failed", again.GetProperty("status").GetString());
    }

    [Fact]
    public async Task TimedOutRun_IsAToolError()
    {
        var result = await Client.CallCheckedAsync("run_task", new()
        {
            ["url"] = fixture.Site.Url("/login"),
            ["commands"] = new object[] { new { command = "wait", data = new { ms = 5000 } } },
            ["timeout_seconds"] = 1,
        });

        Assert.True(result.IsError);
        Assert.Equal("timed_out", JsonDocument.Parse(ToolCalls.Text(result)).RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task ResultText_KeepsQuotesAndNonAsciiUnescaped()
    {
        var session = await Client.CallCheckedAsync("create_browser_session", new() { ["name"] = "café \"quoted\" +1" });

        Assert.Contains("\"name\":\"café \\\"quoted\\\" +1\"", ToolCalls.Text(session), StringComparison.Ordinal);
    }

    private static void AssertPortable(JsonElement schema, string path, bool input)
    {
        Assert.True(schema.ValueKind == JsonValueKind.Object, $"{path} is {schema.ValueKind}, not a schema object");
        if (schema.TryGetProperty("type", out var type))
        {
            Assert.True(type.ValueKind == JsonValueKind.String, $"{path}.type is not a single type: {type.GetRawText()}");
            Assert.NotEqual("null", type.GetString());
        }
        else
        {
            Assert.True(schema.TryGetProperty("anyOf", out _) || schema.TryGetProperty("enum", out _), $"{path} says nothing of its value: {schema.GetRawText()}");
        }

        if (schema.TryGetProperty("properties", out var properties))
        {
            var names = properties.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
            foreach (var required in schema.TryGetProperty("required", out var r) ? r.EnumerateArray().Select(e => e.GetString()!) : [])
            {
                Assert.Contains(required, names);
            }

            if (input)
            {
                Assert.True(schema.TryGetProperty("additionalProperties", out var extra) && extra.ValueKind == JsonValueKind.False, $"{path} allows extra properties");
            }

            foreach (var property in properties.EnumerateObject())
            {
                AssertPortable(property.Value, $"{path}.{property.Name}", input);
            }
        }

        foreach (var keyword in new[] { "items", "additionalProperties" })
        {
            if (schema.TryGetProperty(keyword, out var nested) && nested.ValueKind == JsonValueKind.Object)
            {
                AssertPortable(nested, $"{path}.{keyword}", input);
            }
        }

        if (schema.TryGetProperty("anyOf", out var branches))
        {
            foreach (var branch in branches.EnumerateArray())
            {
                AssertPortable(branch, $"{path}.anyOf", input);
            }
        }
    }
}
