using System.Text.Json;
using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>
/// An agent on Playwright MCP, which holds one browser per server process: it starts its own server, as its users
/// do. It uses the cheapest route the server offers: selectors instead of a snapshot to find refs, fill_form for
/// both fields, evaluate to read the table.
/// </summary>
internal sealed class PlaywrightMcpAgent(RunningServer server) : IBrowserAgent
{
    public int ToolCalls { get; private set; }

    public RunningServer Server => server;

    public async Task<int> OpenAsync(string url) => await NavigateAsync(url);

    public async Task<int> NavigateAsync(string url) => (await CallAsync("browser_navigate", new() { ["url"] = url })).Length;

    public async Task<int> LoginAsync(string loginUrl)
    {
        var characters = await NavigateAsync(loginUrl);
        characters += (await CallAsync("browser_fill_form", new()
        {
            ["fields"] = new object[]
            {
                new { name = "Email", type = "textbox", target = "#email", value = LocalSite.Email },
                new { name = "Password", type = "textbox", target = "#password", value = LocalSite.Password },
            },
        })).Length;
        characters += (await CallAsync("browser_click", new() { ["target"] = "button[type=submit]", ["element"] = "Sign in button" })).Length;
        var waited = await CallAsync("browser_wait_for", new() { ["text"] = LocalSite.InvoiceNumbers[^1] });
        Check.Equal("dashboard url", waited.Contains("/dashboard", StringComparison.Ordinal), true);
        return characters + waited.Length;
    }

    public async Task<int> ExtractInvoicesAsync()
    {
        var text = await CallAsync("browser_evaluate", new() { ["function"] = "() => [...document.querySelectorAll('td.num')].map(e => e.textContent)" });
        var start = text.IndexOf('[', StringComparison.Ordinal);
        var end = text.IndexOf(']', start);
        Check.Invoices(JsonSerializer.Deserialize<string[]>(text[start..(end + 1)])!);
        return text.Length;
    }

    /// <summary>One tool call per action: the server has no way to send several.</summary>
    public async Task<int> LoginAndExtractAsync(string loginUrl) => await LoginAsync(loginUrl) + await ExtractInvoicesAsync();

    public async Task<(int Characters, string Text)> SnapshotAsync()
    {
        var text = await CallAsync("browser_snapshot", []);
        return (text.Length, text);
    }

    /// <summary>Navigate and click answer with the page's address only (their snapshots go to files): a snapshot after each.</summary>
    public async Task<int> EpisodeAsync(string url, string link)
    {
        var characters = await NavigateAsync(url);
        var (read, snapshot) = await SnapshotAsync();
        var clicked = await CallAsync("browser_click", new() { ["target"] = InteractiveRefs.RefOf(snapshot, $"link \"{link}\""), ["element"] = link });
        var (readAgain, after) = await SnapshotAsync();
        Check.Equal("page left", after.Contains($"Page URL: {url}", StringComparison.Ordinal), false);
        return characters + read + clicked.Length + readAgain;
    }

    public async Task<int> FrameAsync() => (await CallAsync("browser_take_screenshot", [])).Length;

    public ValueTask DisposeAsync() => server.DisposeAsync();

    private async Task<string> CallAsync(string tool, Dictionary<string, object?> arguments)
    {
        ToolCalls++;
        var text = await server.CallAsync(tool, arguments);
        if (text.Contains("### Error", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{tool}: {text}");
        }

        return text;
    }
}
