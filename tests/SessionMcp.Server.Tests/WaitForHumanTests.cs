using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// wait_for_human over HTTP: a run pauses, get_run and progress say so with the live view's address, and a person
/// (a second Chromium, on the real live view page) presses Done or Reject there.
/// </summary>
public sealed class WaitForHumanTests(HttpKeysFixture fixture, PersonFixture people) : IClassFixture<HttpKeysFixture>, IClassFixture<PersonFixture>, IAsyncDisposable
{
    /// <summary>Each test's pages close with it, and with them their live views' screencasts.</summary>
    public async ValueTask DisposeAsync() => await people.Person.CloseAllAsync();

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);

    private HttpServer Server => fixture.Server;

    private async Task<(McpClient Client, string SessionId, string AppUrl)> CreateAsync()
    {
        var client = await Server.ConnectAsync(HttpKeysFixture.AliceKey);
        var session = await client.CallOkAsync("create_browser_session", new() { ["start_url"] = people.Site.Url("/") });
        return (client, session.GetProperty("browser_session_id").GetString()!, session.GetProperty("app_url").GetString()!);
    }

    private static Dictionary<string, object?> WaitThenRead(string sessionId, string message, int? timeoutMs = null) => new()
    {
        ["browser_session_id"] = sessionId,
        ["wait_for_completion"] = false,
        ["commands"] = new object[]
        {
            new { command = "wait_for_human", data = timeoutMs is null ? (object)new { message } : new { message, timeout_ms = timeoutMs } },
            new { command = "extract_text", data = new { selector = "h1" } },
        },
    };

    [Fact]
    public async Task Done_PressedInTheLiveView_ResumesTheRun()
    {
        var (client, id, appUrl) = await CreateAsync();
        await using var _ = client;
        var started = await client.CallOkAsync("run_task", WaitThenRead(id, "Approve the cart, then press Done"));
        var runId = started.GetProperty("run_id").GetString()!;

        var waiting = await client.WaitForRunAsync(runId, s => s == "waiting_for_human", Bound);
        var asked = waiting.GetProperty("waiting_for_human");
        Assert.Equal("Approve the cart, then press Done", asked.GetProperty("message").GetString());
        Assert.Equal(appUrl, asked.GetProperty("app_url").GetString());

        var page = await people.Person.OpenAsync(appUrl);
        var banner = page.GetByRole(AriaRole.Alertdialog);
        await Assertions.Expect(banner).ToContainTextAsync("Approve the cart, then press Done", new() { Timeout = 10_000 });
        await Assertions.Expect(page.Locator("#frame")).ToHaveAttributeAsync("src", new System.Text.RegularExpressions.Regex("^data:image/"));
        await ReadmeScreenshots.SaveAsync(page, "live-view.png");
        await banner.GetByRole(AriaRole.Button, new() { Name = "Done" }).ClickAsync();

        var done = await client.WaitForRunAsync(runId, s => s != "waiting_for_human" && s != "running", Bound);
        Assert.Equal("completed", done.GetProperty("status").GetString());
        Assert.Equal("done", done.GetProperty("steps")[0].GetProperty("result").GetProperty("answer").GetString());
        Assert.Equal("Test site", done.GetProperty("output").GetString());
        Assert.False(done.TryGetProperty("waiting_for_human", out var stillWaiting), $"still waiting: {stillWaiting}");
        await Assertions.Expect(banner).ToBeHiddenAsync(new() { Timeout = 10_000 });
    }

    [Fact]
    public async Task Reject_WithANote_FailsTheRun_SayingWhatThePersonWrote()
    {
        var (client, id, appUrl) = await CreateAsync();
        await using var _ = client;
        var runId = (await client.CallOkAsync("run_task", WaitThenRead(id, "Pay 129.00 EUR?"))).GetProperty("run_id").GetString()!;
        await client.WaitForRunAsync(runId, s => s == "waiting_for_human", Bound);

        var page = await people.Person.OpenAsync(appUrl);
        await page.GetByLabel("note").FillAsync("wrong size, pick M");
        await page.GetByRole(AriaRole.Button, new() { Name = "Reject" }).ClickAsync();

        var failed = await client.WaitForRunAsync(runId, s => s != "waiting_for_human" && s != "running", Bound);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        var reason = failed.GetProperty("failure_reason").GetString()!;
        Assert.Contains("rejected 'Pay 129.00 EUR?'", reason, StringComparison.Ordinal);
        Assert.Contains("wrong size, pick M", reason, StringComparison.Ordinal);
        Assert.Single(failed.GetProperty("steps").EnumerateArray());
    }

    [Fact]
    public async Task NoAnswer_FailsTheStepAtItsTimeout_AndTheSessionGoesOn()
    {
        var (client, id, _) = await CreateAsync();
        await using var __ = client;
        var runId = (await client.CallOkAsync("run_task", WaitThenRead(id, "Anyone?", timeoutMs: 1_000))).GetProperty("run_id").GetString()!;

        var failed = await client.WaitForRunAsync(runId, s => s != "waiting_for_human" && s != "running", Bound);
        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Contains("no one answered 'Anyone?' in the live view within 1000 ms", failed.GetProperty("failure_reason").GetString(), StringComparison.Ordinal);
        var next = await client.CallOkAsync("run_task", new() { ["browser_session_id"] = id, ["commands"] = new object[] { new { command = "extract_text", data = new { selector = "h1" } } } });
        Assert.Equal("Test site", next.GetProperty("output").GetString());
    }

    [Fact]
    public async Task WaitingRun_IsAnnouncedAsProgress_AndAnsweredOnlyWithTheSessionsToken()
    {
        var (client, id, appUrl) = await CreateAsync();
        await using var _ = client;
        var notes = System.Threading.Channels.Channel.CreateUnbounded<ProgressNotificationValue>();
        var arguments = WaitThenRead(id, "Solve the captcha");
        arguments["wait_for_completion"] = true;
        var run = client.CallToolAsync("run_task", arguments, new Progress<ProgressNotificationValue>(n => notes.Writer.TryWrite(n)), cancellationToken: TestContext.Current.CancellationToken).AsTask();

        var note = await notes.Reader.ReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.Equal($"step 1/2 wait_for_human: waiting for a person: Solve the captcha (answer at {appUrl})", note.Message);
        Assert.Equal(0.5f, note.Progress);

        var human = PersonFixture.LiveViewEndpoint(appUrl, id, "human");
        var asked = await people.Http.GetFromJsonAsync<JsonElement>(human, TestContext.Current.CancellationToken);
        Assert.Equal("Solve the captcha", asked.GetProperty("message").GetString());
        var guess = new Uri(human.AbsoluteUri[..(human.AbsoluteUri.IndexOf("token=", StringComparison.Ordinal) + 6)] + "ft_guess");
        using (var refused = await people.Http.PostAsJsonAsync(guess, new { answer = "done" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        }

        using (var unclear = await people.Http.PostAsJsonAsync(human, new { answer = "maybe" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unclear.StatusCode);
        }

        Assert.False(run.IsCompleted);
        using (var answered = await people.Http.PostAsJsonAsync(human, new { answer = "done", note = "solved" }, TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        var result = await run.WaitAsync(Bound, TestContext.Current.CancellationToken);
        Assert.NotEqual(true, result.IsError);
        using var again = await people.Http.PostAsJsonAsync(human, new { answer = "done" }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
    }
}
