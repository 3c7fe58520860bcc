using ModelContextProtocol;
using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>A prompt run over stdio carried out by the client's own model through MCP sampling.</summary>
public sealed class PromptRunEndToEndTests
{
    [Fact]
    public async Task Stdio_PromptRun_UsesClientModelThroughSampling()
    {
        await using var site = await LocalSite.StartAsync();
        var model = new ScriptedModel();
        var options = new McpClientOptions
        {
            DiscoverProbeTimeout = ServerProcess.Options.DiscoverProbeTimeout,
            InitializationTimeout = ServerProcess.Options.InitializationTimeout,
#pragma warning disable MCP9005 // Sampling is deprecated by the 2026-07-28 specification; this test covers the server's fallback for clients that still offer it.
            Handlers = new McpClientHandlers { SamplingHandler = model.CreateSamplingHandler() },
#pragma warning restore MCP9005
        };
        await using var server = await ServerProcess.StartAsync(null, options, TestContext.Current.CancellationToken);

        var run = await server.Client.CallOkAsync("run_task", new()
        {
            ["url"] = site.Url("/login"),
            ["prompt"] = "Log in and list the invoice numbers",
            ["data_extraction_schema"] = new { type = "array", items = new { type = "string" } },
        });

        Assert.True(run.GetProperty("status").GetString() == "completed", run.GetRawText());
        Assert.Equal(LocalSite.InvoiceNumbers, run.GetProperty("output").EnumerateArray().Select(e => e.GetString()));
        var steps = run.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal("done", steps[^1].GetProperty("command").GetString());
        Assert.Equal("sign in", steps.Single(s => s.GetProperty("command").GetString() == "click").GetProperty("reason").GetString());
        Assert.NotEmpty(model.Requests);
    }
}
