using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ModelContextProtocol.Client;
using SessionMcp.Core.Sessions;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// "Take control" in the live view: a person (a second Chromium on the real live view page) clicks, types and
/// scrolls on the viewport image, and it reaches the session's page at the right element; runs wait their turn.
/// </summary>
public sealed partial class LiveControlTests(HttpKeysFixture fixture, PersonFixture people) : IClassFixture<HttpKeysFixture>, IClassFixture<PersonFixture>, IAsyncDisposable
{
    /// <summary>Each test's pages close with it, and with them their live views' screencasts.</summary>
    public async ValueTask DisposeAsync() => await people.Person.CloseAllAsync();

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private HttpServer Server => fixture.Server;

    private async Task<(McpClient Client, string Id, string AppUrl, BrowserSession Session)> CreateAsync(string path)
    {
        var client = await Server.ConnectAsync(HttpKeysFixture.AliceKey);
        var created = await client.CallOkAsync("create_browser_session", new() { ["start_url"] = people.Site.Url(path) });
        var id = created.GetProperty("browser_session_id").GetString()!;
        var session = Server.Services.GetRequiredService<BrowserSessionPool>().FindForViewer(id, created.GetProperty("frame_token").GetString()!)!;
        return (client, id, created.GetProperty("app_url").GetString()!, session);
    }

    /// <summary>Clicks the live view's image where <paramref name="selector"/> is on the session's own page.</summary>
    private static async Task ClickOnViewportAsync(IPage liveView, BrowserSession session, string selector)
    {
        var page = session.ActiveTab!.Page;
        var box = (await page.Locator(selector).BoundingBoxAsync())!;
        var viewport = page.ViewportSize!;
        var image = liveView.Locator("#frame");
        var shown = (await image.BoundingBoxAsync())!;
        await image.ClickAsync(new()
        {
            Position = new() { X = (box.X + (box.Width / 2)) / viewport.Width * shown.Width, Y = (box.Y + (box.Height / 2)) / viewport.Height * shown.Height },
        });
    }

    private async Task<IPage> TakeControlAsync(string appUrl)
    {
        var liveView = await people.Person.OpenAsync(appUrl);
        await Assertions.Expect(liveView.Locator("#frame")).ToHaveAttributeAsync("src", DataUrl(), new() { Timeout = 15_000 });
        await liveView.GetByRole(AriaRole.Button, new() { Name = "Take control" }).ClickAsync();
        await Assertions.Expect(liveView.Locator("#control-note")).ToHaveTextAsync("you have control");
        return liveView;
    }

    [Fact]
    public async Task ClicksKeysAndWheel_OnTheViewport_ReachTheSessionsPage_AndRunsWaitForRelease()
    {
        var (client, id, appUrl, session) = await CreateAsync("/form");
        await using var _ = client;
        var page = session.ActiveTab!.Page;
        var liveView = await TakeControlAsync(appUrl);

        await ClickOnViewportAsync(liveView, session, "#agree");
        await Assertions.Expect(page.Locator("#agree")).ToBeCheckedAsync(new() { Timeout = 10_000 });

        await ClickOnViewportAsync(liveView, session, "#notes");
        await liveView.Keyboard.TypeAsync("hi there");
        await liveView.Keyboard.PressAsync("Backspace");
        await Assertions.Expect(page.Locator("#notes")).ToHaveValueAsync("hi ther", new() { Timeout = 10_000 });

        await liveView.Locator("#frame").HoverAsync();
        await liveView.Mouse.WheelAsync(0, 600);
        await page.WaitForFunctionAsync("() => window.scrollY > 0", null, new() { Timeout = 10_000 });

        var refused = await client.CallErrorAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract", data = new { selector = "#notes" } } } });
        Assert.Contains("a person has control of this session in its live view", refused, StringComparison.Ordinal);

        await liveView.GetByRole(AriaRole.Button, new() { Name = "Release" }).ClickAsync();
        await Assertions.Expect(liveView.GetByRole(AriaRole.Button, new() { Name = "Take control" })).ToBeVisibleAsync();
        var read = await client.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract", data = new { selector = "#notes" } } } });
        Assert.Equal("hi ther", read.GetProperty("output").GetProperty("value").GetString());

        // The viewport follows the agent: a frame of the new page reaches the live view after the run navigates.
        await client.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["url"] = people.Site.Url("/article") });
        await Assertions.Expect(liveView.Locator("#url")).ToHaveTextAsync(people.Site.Url("/article"), new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Control_IsRefusedWhileARunUsesThePage_ButGivenWhileItWaitsForAPerson_AndDoneHandsItBack()
    {
        var (client, id, appUrl, session) = await CreateAsync("/form");
        await using var _ = client;
        var control = PersonFixture.LiveViewEndpoint(appUrl, id, "control");
        var waiting = await client.CallOkAsync("run_task", new()
        {
            ["browser_session_id"] = id,
            ["wait_for_completion"] = false,
            ["commands"] = new object[] { new { command = "wait", data = new { ms = 3000 } }, new { command = "wait_for_human", data = new { message = "Solve the captcha" } } },
        });
        using (var busy = await people.Http.PostAsJsonAsync(control, new { action = "take" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            Assert.Contains("a run is using the page", await busy.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }

        using var limit = new CancellationTokenSource(Bound);
        while (session.WaitingForHuman is null)
        {
            await Task.Delay(50, limit.Token);
        }

        var liveView = await TakeControlAsync(appUrl);
        await ClickOnViewportAsync(liveView, session, "#agree");
        await Assertions.Expect(session.ActiveTab!.Page.Locator("#agree")).ToBeCheckedAsync(new() { Timeout = 10_000 });
        await liveView.GetByRole(AriaRole.Alertdialog).GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var done = await client.WaitForRunAsync(waiting.GetProperty("run_id").GetString()!, s => s is not ("running" or "waiting_for_human"), Bound);

        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Null(session.Control.HeldSince(DateTimeOffset.UtcNow));
        using var after = await people.Http.PostAsJsonAsync(control, new { action = "click", x = 0.5, y = 0.5 }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, after.StatusCode);
    }

    [Fact]
    public async Task ControlInput_NeedsTheToken_AndControl_IsChecked_AndLimited()
    {
        var (client, id, appUrl, _) = await CreateAsync("/form");
        await using var __ = client;
        var control = PersonFixture.LiveViewEndpoint(appUrl, id, "control");
        var guess = new Uri(Regex.Replace(control.AbsoluteUri, "token=[^&]+", "token=ft_guess"));

        async Task<HttpStatusCode> PostAsync(Uri url, object body)
        {
            using var response = await people.Http.PostAsJsonAsync(url, body, TestContext.Current.CancellationToken);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.NotFound, await PostAsync(guess, new { action = "take" }));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(control, new { action = "click", x = 0.5, y = 0.5 }));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(control, new { action = "take" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(control, new { action = "click", x = 1.5, y = 0.5 }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(control, new { action = "key", key = "NoSuchKey" }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(control, new { action = "type", text = new string('a', 1_001) }));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(control, new { action = "drag" }));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 120).Select(i => PostAsync(control, new { action = "move", x = (i % 10) / 10.0, y = 0.5 })));
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(control, new { action = "release" }));
    }

    private static Regex DataUrl() => DataUrlPattern();

    [GeneratedRegex("^data:image/")]
    private static partial Regex DataUrlPattern();
}
