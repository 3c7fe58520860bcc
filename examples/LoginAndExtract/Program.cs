// A scripted agent loop: start SessionMcp over stdio, open one browser session, log in with one run_task,
// extract the invoices with a second run_task in the same session (the login cookie carries over), close.
//
//   dotnet run --project examples/LoginAndExtract -- --server <path to SessionMcp.Server.dll> --site http://127.0.0.1:5000/
//
// The site must have /login (#email, #password, a submit button) leading to /dashboard with td.num cells,
// as the test site in tests/Common/LocalSite.cs does.
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

var server = Argument("--server") ?? Path.Combine(AppContext.BaseDirectory, "SessionMcp.Server.dll");
var site = new Uri(Argument("--site") ?? "http://127.0.0.1:5000/");
var email = Argument("--email") ?? "demo@example.com";
var password = Argument("--password") ?? "secret";

await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "SessionMcp",
    Command = "dotnet",
    Arguments = [server],
}), new McpClientOptions
{
    // Wait for the server's whole start-up rather than the SDK's 5-second discovery probe: a cold start on a
    // busy machine can take longer.
    DiscoverProbeTimeout = Timeout.InfiniteTimeSpan,
});

var session = await CallAsync("create_browser_session", new() { ["timeout"] = 10, ["name"] = "login-and-extract" });
var sessionId = session.GetProperty("browser_session_id").GetString()!;
Console.WriteLine($"session {sessionId}");
try
{
    var login = await CallAsync("run_task", new()
    {
        ["browser_session_id"] = sessionId,
        ["url"] = new Uri(site, "/login").AbsoluteUri,
        ["commands"] = new object[]
        {
            new { command = "type_text", data = new { selector = "#email", text = email } },
            new { command = "type_text", data = new { selector = "#password", text = password } },
            new { command = "click", data = new { selector = "button[type=submit]" } },
            new { command = "wait_for_navigation", data = new { url = "**/dashboard" } },
        },
    });
    Console.WriteLine($"login: {login.GetProperty("status").GetString()} at {login.GetProperty("url").GetString()}");

    // A second call in the same session: the cookie set at login is still there.
    var extract = await CallAsync("run_task", new()
    {
        ["browser_session_id"] = sessionId,
        ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "td.num", all = true } } },
    });
    var invoices = extract.GetProperty("output").EnumerateArray().Select(e => e.GetString()).ToList();
    Console.WriteLine($"invoices: {invoices.Count}");
    Console.WriteLine(string.Join(", ", invoices));
}
finally
{
    await CallAsync("close_browser_session", new() { ["browser_session_id"] = sessionId });
    Console.WriteLine("closed");
}

async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments)
{
    var result = await client.CallToolAsync(tool, arguments);
    var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    if (result.IsError == true)
    {
        throw new InvalidOperationException($"{tool} failed: {text}");
    }

    var json = JsonDocument.Parse(text).RootElement;
    if (json.TryGetProperty("status", out var status) && status.GetString() is "failed" or "timed_out")
    {
        throw new InvalidOperationException($"{tool} {status}: {json.GetProperty("failure_reason").GetString()}");
    }

    return json;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
