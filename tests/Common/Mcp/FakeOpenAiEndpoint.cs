using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SessionMcp.Tests.Common;

/// <summary>
/// An OpenAI-compatible <c>/v1/chat/completions</c> on 127.0.0.1 that answers every request with one tool call,
/// standing in for a model configured on the server; it keeps the requests it saw.
/// </summary>
public sealed class FakeOpenAiEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeOpenAiEndpoint(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public ConcurrentQueue<JsonElement> Requests { get; } = new();

    public static async Task<FakeOpenAiEndpoint> StartAsync(string toolName, object toolArguments)
    {
        var app = LoopbackWebApp.Create();
        FakeOpenAiEndpoint? endpoint = null;
        app.MapPost("/v1/chat/completions", async (HttpContext context) =>
        {
            endpoint!.Requests.Enqueue(await JsonSerializer.DeserializeAsync<JsonElement>(context.Request.Body));
            return Results.Json(new
            {
                id = "chatcmpl-1",
                @object = "chat.completion",
                created = 1,
                model = "fake",
                choices = new[]
                {
                    new
                    {
                        index = 0,
                        message = new
                        {
                            role = "assistant",
                            content = (string?)null,
                            tool_calls = new[] { new { id = "call_1", type = "function", function = new { name = toolName, arguments = JsonSerializer.Serialize(toolArguments) } } },
                        },
                        finish_reason = "tool_calls",
                    },
                },
                usage = new { prompt_tokens = 1, completion_tokens = 1, total_tokens = 2 },
            });
        });
        endpoint = new FakeOpenAiEndpoint(app, new Uri(await LoopbackWebApp.StartAsync(app), "/v1"));
        return endpoint;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
