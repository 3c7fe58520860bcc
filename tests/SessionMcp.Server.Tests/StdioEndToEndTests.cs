using ModelContextProtocol.Protocol;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>The built server as a real process over stdio, driven by the SDK's McpClient, as Claude Desktop or an agent loop drives it.</summary>
public sealed class StdioEndToEndTests : IAsyncLifetime
{
    private LocalSite _site = null!;

    public async ValueTask InitializeAsync() => _site = await LocalSite.StartAsync();

    public async ValueTask DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task Stdio_LoginPersistsAcrossRunTasks_SessionsAreIsolated_FramesGrow_AndNoChromiumIsLeft()
    {
        var server = await ServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        IReadOnlyList<int> chromium;
        await using (server)
        {
            var client = server.Client;
            var tools = await client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
            Assert.Contains(tools, t => t.Name == "run_task");

            var first = (await client.CallOkAsync("create_browser_session", new() { ["timeout"] = 10 })).GetProperty("browser_session_id").GetString();
            var second = (await client.CallOkAsync("create_browser_session", new() { ["viewport"] = new { width = 640, height = 480 } })).GetProperty("browser_session_id").GetString();

            var login = await client.CallOkAsync("run_task", new()
            {
                ["browser_session_id"] = first,
                ["url"] = _site.Url("/login"),
                ["commands"] = LocalSite.LoginCommands,
            });
            Assert.Equal("completed", login.GetProperty("status").GetString());

            // A second call in the same session: still logged in.
            var invoices = await client.CallOkAsync("run_task", new()
            {
                ["browser_session_id"] = first,
                ["url"] = _site.Url("/dashboard"),
                ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "td.num", all = true } } },
            });
            Assert.Equal(LocalSite.InvoiceNumbers, invoices.GetProperty("output").EnumerateArray().Select(e => e.GetString()));

            // The other session never saw that login.
            var isolated = await client.CallOkAsync("run_task", new() { ["browser_session_id"] = second, ["url"] = _site.Url("/dashboard") });
            Assert.Equal(_site.Url("/login"), isolated.GetProperty("url").GetString());

            var seqs = new List<long>();
            for (var i = 0; i < 2; i++)
            {
                var frame = await client.CallToolAsync("stream_frame", new Dictionary<string, object?> { ["browser_session_id"] = second }, cancellationToken: TestContext.Current.CancellationToken);
                var image = frame.Content.OfType<ImageContentBlock>().Single();
                Assert.Equal((640, 480), ImageSize.Of(image.DecodedData.ToArray()));
                seqs.Add(System.Text.Json.JsonDocument.Parse(ToolCalls.Text(frame)).RootElement.GetProperty("seq").GetInt64());
            }

            Assert.True(seqs[1] > seqs[0]);

            await client.CallOkAsync("close_browser_session", new() { ["browser_session_id"] = first });
            var refused = await client.CallErrorAsync("run_task", new() { ["browser_session_id"] = first, ["url"] = _site.Url("/") });
            Assert.Contains($"browser_session_id '{first}' closed (closed)", refused, StringComparison.Ordinal);

            chromium = server.ChromiumProcesses();
            Assert.NotEmpty(chromium);
        }

        // Disposing the client closed the server's stdin: the server shut down and took its browser with it.
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(chromium, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stdio_KeepsStdoutForProtocol_AndAnswersToolsListFirst()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);

        // Any stray line on stdout would have broken the client's JSON-RPC reading before this answer.
        var tools = await server.Client.ListToolsAsync(cancellationToken: TestContext.Current.CancellationToken);
        Assert.Equal(10, tools.Count);
        Assert.Equal("SessionMcp", server.Client.ServerInfo?.Name);
    }

    [Fact]
    public async Task Stdio_Sigterm_ClosesSessionsAndBrowser()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        await server.Client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") });
        var pid = server.ProcessId!.Value;
        var chromium = server.ChromiumProcesses();
        Assert.NotEmpty(chromium);

        using var process = System.Diagnostics.Process.GetProcessById(pid);
        using (var kill = System.Diagnostics.Process.Start("kill", ["-TERM", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        await process.WaitForExitAsync(TestContext.Current.CancellationToken).WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(chromium, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Stdio_BrowserCrash_ClosesSessionsAsCrashed_AndNextSessionWorks()
    {
        await using var server = await ServerProcess.StartAsync(cancellationToken: TestContext.Current.CancellationToken);
        var client = server.Client;
        var id = (await client.CallOkAsync("create_browser_session", new() { ["start_url"] = _site.Url("/login") })).GetProperty("browser_session_id").GetString();
        var crashed = server.ChromiumProcesses();
        Assert.NotEmpty(crashed);

        foreach (var pid in crashed)
        {
            using var kill = System.Diagnostics.Process.Start("kill", ["-KILL", pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        // The server learns of the crash from the driver; ask until it says so (each ask is a round trip, bounded in time).
        var watch = System.Diagnostics.Stopwatch.StartNew();
        System.Text.Json.JsonElement session;
        do
        {
            session = await client.CallOkAsync("get_browser_session", new() { ["browser_session_id"] = id });
        }
        while (session.GetProperty("status").GetString() == "running" && watch.Elapsed < TimeSpan.FromSeconds(20));

        Assert.Equal("crashed", session.GetProperty("close_reason").GetString());
        var refused = await client.CallErrorAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = _site.Url("/") });
        Assert.Contains("closed (crashed)", refused, StringComparison.Ordinal);

        var next = await client.CallOkAsync("run_task", new() { ["url"] = _site.Url("/login"), ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } } });
        Assert.Equal("Log in", next.GetProperty("output").GetString());
        Assert.Empty(await ChromiumProcesses.WaitUntilGoneAsync(crashed, TimeSpan.FromSeconds(10)));
    }
}
