using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>
/// A session's browser contacts only what its pages ask for. Chromium's own net log, written by a browser launched
/// with the server's switches, lists every host it looked up or connected to while serving only 127.0.0.1 pages.
/// </summary>
public sealed partial class QuietBrowserTests(BrowserFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("netlog-").FullName;

    [Fact]
    public async Task Browser_ContactsNoHostButThePages_WhileLoggingInAndBrowsing()
    {
        var netLog = Path.Combine(_folder, "netlog.json");
        var options = new SessionMcpOptions { StepTimeoutMs = 10_000, DataPath = Path.Combine(_folder, "data") };
        options.ExtraBrowserArgs.Add($"--log-net-log={netLog}");
        await using (var browser = new BrowserProvider(options, NullLogger<BrowserProvider>.Instance))
        await using (var harness = new CoreHarness(browser, options, TimeProvider.System))
        {
            var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
            // A form with an email and a password: what autofill, password and sign-in services look at.
            var run = await harness.RunAsync(session,
                ("type_text", $$"""{"selector": "#email", "text": "{{LocalSite.Email}}"}"""),
                ("type_text", $$"""{"selector": "#password", "text": "{{LocalSite.Password}}", "submit": true}"""),
                ("wait_for_selector", """{"selector": "text=Invoices"}"""),
                ("navigate", $$"""{"url": "{{fixture.Site.Url("/form")}}"}"""),
                ("type_text", """{"selector": "#notes", "text": "hello"}"""),
                ("wait", """{"ms": 3000}"""));
            Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        }

        var log = await File.ReadAllTextAsync(netLog, TestContext.Current.CancellationToken);
        var hosts = Hosts().Matches(log).Select(m => m.Groups["host"].Value.ToLowerInvariant())
            .Where(h => h is not ("127.0.0.1" or "localhost" or "[::1]"))
            .Distinct()
            .ToList();
        Assert.True(log.Length > 1_000, "the net log is empty: Chromium did not write it");
        var urls = Urls().Matches(log).Select(m => m.Groups["url"].Value).Where(u => hosts.Any(h => u.Contains(h, StringComparison.OrdinalIgnoreCase))).Distinct().Take(10);
        Assert.True(hosts.Count == 0, $"the browser contacted: {string.Join(", ", hosts)}\n{string.Join("\n", urls)}");

        // And the only TCP connections it opened were to the site's own port.
        var sitePort = new Uri(fixture.Site.Url("/")).Port;
        var connections = TcpConnections(log).Distinct().ToList();
        Assert.NotEmpty(connections);
        Assert.All(connections, address => Assert.Equal($"127.0.0.1:{sitePort}", address));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static IEnumerable<string> TcpConnections(string log)
    {
        using var netLog = System.Text.Json.JsonDocument.Parse(log);
        var attempt = netLog.RootElement.GetProperty("constants").GetProperty("logEventTypes").GetProperty("TCP_CONNECT_ATTEMPT").GetInt32();
        foreach (var entry in netLog.RootElement.GetProperty("events").EnumerateArray())
        {
            if (entry.GetProperty("type").GetInt32() == attempt && entry.TryGetProperty("params", out var parameters) && parameters.TryGetProperty("address", out var address))
            {
                yield return address.GetString()!;
            }
        }
    }

    // Hosts in the URLs, host:port pairs and DNS lookups the net log records.
    [GeneratedRegex(@"(?:""(?:url|original_url|host|hostname)"":\s*""(?:[a-z][a-z0-9+.-]*://)?|""host_port_pair"":\s*"")(?<host>\[[0-9a-f:]+\]|[a-z0-9.-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex Hosts();

    [GeneratedRegex(@"""url"":\s*""(?<url>[^""]+)""")]
    private static partial Regex Urls();
}
