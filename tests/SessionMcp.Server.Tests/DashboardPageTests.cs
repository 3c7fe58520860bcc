using Microsoft.Playwright;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// The dashboard as a person sees it, in a second Chromium: the caller's sessions with a live thumbnail, their
/// runs with the failing step marked, updating without a reload, and nobody else's sessions.
/// </summary>
public sealed class DashboardPageTests(HttpKeysFixture fixture, PersonFixture people) : IClassFixture<HttpKeysFixture>, IClassFixture<PersonFixture>, IAsyncDisposable
{
    /// <summary>Each test's pages close with it, and with them their live views' screencasts.</summary>
    public async ValueTask DisposeAsync() => await people.Person.CloseAllAsync();

    private HttpServer Server => fixture.Server;

    [Fact]
    public async Task Dashboard_ShowsThumbnailsAndRuns_MarksTheFailingStep_AndFollowsTheAgent()
    {
        await using var alice = await Server.ConnectAsync(HttpKeysFixture.AliceKey);
        await using var bob = await Server.ConnectAsync(HttpKeysFixture.BobKey);
        var id = (await alice.CallOkAsync("create_browser_session", new() { ["start_url"] = people.Site.Url("/login"), ["name"] = "invoices" })).GetProperty("browser_session_id").GetString()!;
        var bobsId = (await bob.CallOkAsync("create_browser_session", new() { ["start_url"] = people.Site.Url("/") })).GetProperty("browser_session_id").GetString()!;
        var failed = await alice.CallErrorAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "switch_tab", data = new { index = 5 } } } });

        var dashboard = await people.Person.OpenAsync(new Uri(Server.BaseUrl, $"?key={HttpKeysFixture.AliceKey}").AbsoluteUri);
        var row = dashboard.Locator($"tr[data-session='{id}']");
        await Assertions.Expect(row).ToContainTextAsync("invoices", new() { Timeout = 10_000 });
        await Assertions.Expect(row.Locator(".run.failed .step.failed")).ToContainTextAsync("step 1 (switch_tab)");
        Assert.Contains("failed", failed, StringComparison.Ordinal);
        await Assertions.Expect(dashboard.Locator($"tr[data-session='{bobsId}']")).ToHaveCountAsync(0);
        await dashboard.WaitForFunctionAsync("() => { const img = document.querySelector('img.thumb'); return img && img.complete && img.naturalWidth === 320; }", null, new() { Timeout = 10_000 });

        await alice.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = people.Site.Url("/article") });
        await Assertions.Expect(row.Locator("td.url")).ToHaveTextAsync(people.Site.Url("/article"), new() { Timeout = 10_000 });
        await Assertions.Expect(row.Locator(".run.completed")).ToHaveCountAsync(1);
        await ReadmeScreenshots.SaveAsync(dashboard, "dashboard.png");
    }
}
