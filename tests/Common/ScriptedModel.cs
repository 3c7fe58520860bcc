using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.AI;

namespace SessionMcp.Tests.Common;

/// <summary>
/// A deterministic stand-in for a model that answers by rule from what it is shown: on the login page it fills the
/// form by refs and signs in; on the invoices page it extracts the numbers, then calls done with them.
/// It reads the page only from the observation the agent sends, as a real model would.
/// </summary>
public sealed partial class ScriptedModel : IChatClient
{
    public List<IReadOnlyList<ChatMessage>> Requests { get; } = [];

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        var history = messages.ToList();
        Requests.Add(history);
        var lastTool = history.LastOrDefault(m => m.Role == ChatRole.Tool)?.Contents.OfType<FunctionResultContent>().LastOrDefault();
        var observation = history.Last(m => m.Role == ChatRole.User).Text;
        var url = Regex.Match(observation, "URL: (\\S+)").Groups[1].Value;
        var asked = history.Where(m => m.Role == ChatRole.Assistant).SelectMany(m => m.Contents).OfType<FunctionCallContent>().Select(c => c.Name).ToList();

        FunctionCallContent call;
        if (url.EndsWith("/login", StringComparison.Ordinal))
        {
            call = asked.Count(n => n == "type_text") switch
            {
                0 => Call("type_text", new { @ref = RefOf(observation, "textbox \"Email\""), text = LocalSite.Email, reason = "fill the email" }),
                1 => Call("type_text", new { @ref = RefOf(observation, "textbox \"Password\""), text = LocalSite.Password, reason = "fill the password" }),
                _ => Call("click", new { @ref = RefOf(observation, "button \"Sign in\""), reason = "sign in" }),
            };
        }
        else if (url.EndsWith("/dashboard", StringComparison.Ordinal) && !asked.Contains("extract_text"))
        {
            call = Call("extract_text", new { selector = "td.num", all = true, reason = "read the invoice numbers" });
        }
        else if (lastTool is not null && asked.LastOrDefault() == "extract_text")
        {
            call = Call("done", new { output = JsonDocument.Parse(ResultText(lastTool)).RootElement, reason = "all invoice numbers read" });
        }
        else
        {
            call = Call("navigate", new { url = new Uri(new Uri(url), "/login").AbsoluteUri, reason = "start at the login page" });
        }

        return Task.FromResult(new ChatResponse(new ChatMessage(ChatRole.Assistant, [call])));
    }

    /// <summary>The same answer as updates: the SDK's sampling handler reads a client's model as a stream.</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        foreach (var update in (await GetResponseAsync(messages, options, cancellationToken)).ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => null;

    public void Dispose()
    {
    }

    /// <summary>A tool result's text: in process it is the text itself; through sampling it arrives wrapped in the content's JSON.</summary>
    private static string ResultText(FunctionResultContent result)
    {
        var text = result.Result?.ToString() ?? "null";
        var parsed = JsonDocument.Parse(text).RootElement;
        return parsed.ValueKind == JsonValueKind.Object && parsed.TryGetProperty("result", out var inner) && inner.ValueKind == JsonValueKind.String
            ? inner.GetString()!
            : text;
    }

    private static FunctionCallContent Call(string name, object arguments) =>
        new(Guid.NewGuid().ToString("N"), name, JsonSerializer.Deserialize<Dictionary<string, object?>>(JsonSerializer.Serialize(arguments)));

    private static string RefOf(string snapshot, string element) =>
        RefPattern().Match(snapshot[snapshot.IndexOf(element, StringComparison.Ordinal)..]).Groups[1].Value;

    [GeneratedRegex(@"\[ref=([a-z0-9]+)\]")]
    private static partial Regex RefPattern();
}
