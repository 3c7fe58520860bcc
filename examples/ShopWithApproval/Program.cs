// A person in the loop: an agent fills a cart, then waits for a person to approve it in the session's live view
// before it checks out. SessionMcp must run over HTTP (the live view is served there):
//
//   scripts/start-server.sh --http          # serves http://127.0.0.1:5800/mcp
//   dotnet run --project examples/ShopWithApproval -- --mcp http://127.0.0.1:5800/mcp --site http://127.0.0.1:5000/
//
// The site must have /shop with "Add to cart" buttons (#add-mug), /cart with #total and #checkout, and an order
// page after checkout, as the test shop in tests/Common/ShopSite.cs does.
using System.Text.Json;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

var mcp = new Uri(Argument("--mcp") ?? "http://127.0.0.1:5800/mcp");
var site = new Uri(Argument("--site") ?? "http://127.0.0.1:5000/");
var key = Argument("--key");

await using var client = await McpClient.CreateAsync(new HttpClientTransport(new HttpClientTransportOptions
{
    Endpoint = mcp,
    AdditionalHeaders = key is null ? null : new Dictionary<string, string> { ["x-api-key"] = key },
}));

var session = await CallAsync("create_browser_session", new() { ["timeout"] = 15, ["name"] = "shop-with-approval" });
var sessionId = session.GetProperty("browser_session_id").GetString()!;
Console.WriteLine($"session {sessionId}; watch it at {session.GetProperty("app_url").GetString()}");
try
{
    var cart = await CallAsync("run_task", new()
    {
        ["browser_session_id"] = sessionId,
        ["url"] = new Uri(site, "/shop").AbsoluteUri,
        ["commands"] = new object[]
        {
            new { command = "click", data = new { selector = "#add-mug" } },
            new { command = "wait_for_navigation", data = new { url = "**/cart" } },
            new { command = "extract_text", data = new { selector = "#total" } },
        },
    });
    var total = cart.GetProperty("output").GetString();
    Console.WriteLine($"cart: {total}");

    // The run pauses on wait_for_human until the person presses Done (checkout goes on) or Reject (it stops).
    var progress = new Progress<ProgressNotificationValue>(p =>
    {
        if (p.Message?.Contains("waiting for a person", StringComparison.Ordinal) == true)
        {
            Console.WriteLine(p.Message);
        }
    });
    var checkout = await CallAsync("run_task", new()
    {
        ["browser_session_id"] = sessionId,
        ["commands"] = new object[]
        {
            new { command = "wait_for_human", data = new { message = $"Buy the cart? {total}. Done checks out, Reject stops.", timeout_ms = 600_000 } },
            new { command = "click", data = new { selector = "#checkout" } },
            new { command = "wait_for_navigation", data = new { url = "**/order*" } },
            new { command = "extract_text", data = new { selector = "h1" } },
        },
    }, progress, failuresAreAnswers: true);
    Console.WriteLine(checkout.GetProperty("status").GetString() == "completed"
        ? $"order: {checkout.GetProperty("output").GetString()}"
        : $"not bought: {checkout.GetProperty("failure_reason").GetString()}");
}
finally
{
    await CallAsync("close_browser_session", new() { ["browser_session_id"] = sessionId });
    Console.WriteLine("closed");
}

// A run that ends failed is a tool error that still carries the whole run: the checkout reads it as an answer.
async Task<JsonElement> CallAsync(string tool, Dictionary<string, object?> arguments, IProgress<ProgressNotificationValue>? progress = null, bool failuresAreAnswers = false)
{
    var result = await client.CallToolAsync(tool, arguments, progress);
    var text = string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text));
    if (result.IsError == true && !(failuresAreAnswers && text.StartsWith('{')))
    {
        throw new InvalidOperationException($"{tool} failed: {text}");
    }

    return JsonDocument.Parse(text).RootElement;
}

string? Argument(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}
