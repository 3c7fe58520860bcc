using SessionMcp.Core.Tasks.Prompt;
using Microsoft.Extensions.Configuration;
using SessionMcp.Server.Models;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>A model configured on the server (an OpenAI-compatible endpoint) carries out prompt runs.</summary>
public sealed class ServerModelTests
{
    [Fact]
    public async Task PromptRun_UsesServerModel_FromOpenAiCompatibleEndpoint()
    {
        await using var endpoint = await FakeOpenAiEndpoint.StartAsync("done", new { output = "from the server's model", reason = "nothing to do" });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["SessionMcp:Model:Endpoint"] = endpoint.BaseUrl.AbsoluteUri,
            ["SessionMcp:Model:Name"] = "fake-model",
            ["SessionMcp:Model:ApiKey"] = "test-key",
        }).Build();
        await using var server = await InMemoryServer.StartAsync(services: s => s.AddServerModel(configuration));

        var run = await server.Client.CallOkAsync("run_task", new() { ["prompt"] = "say something" });

        Assert.Equal("completed", run.GetProperty("status").GetString());
        Assert.Equal("from the server's model", run.GetProperty("output").GetString());
        var request = Assert.Single(endpoint.Requests);
        Assert.Equal("fake-model", request.GetProperty("model").GetString());
        Assert.Contains(request.GetProperty("tools").EnumerateArray(), t => t.GetProperty("function").GetProperty("name").GetString() == "click");
        Assert.Contains("Goal: say something", request.GetProperty("messages").GetRawText(), StringComparison.Ordinal);
    }
}
