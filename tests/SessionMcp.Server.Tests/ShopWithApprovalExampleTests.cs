using Microsoft.Playwright;
using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// Runs the shopping example as its README says, against the test shop and SessionMcp over HTTP, with the test as
/// the person: it opens the live view the example prints, sees the question, and answers it there.
/// </summary>
public sealed class ShopWithApprovalExampleTests : IAsyncLifetime
{
    private HttpServer _server = null!;
    private ShopSite _shop = null!;
    private PersonBrowser _person = null!;

    public async ValueTask InitializeAsync()
    {
        // The example runs as a separate process beside the whole suite: a busy CI machine gets the default step time.
        _server = await HttpServer.StartAsync("--SessionMcp:StepTimeoutMs=15000");
        _shop = await ShopSite.StartAsync();
        _person = await PersonBrowser.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await _person.DisposeAsync();
        await _shop.DisposeAsync();
        await _server.DisposeAsync();
    }

    private Task<ChildProcess.Ended> RunExampleAsync(Func<string, Task> onLine) => ChildProcess.RunAsync(
        "dotnet",
        [RepoPaths.Built("examples/ShopWithApproval", "ShopWithApproval.dll"), "--mcp", new Uri(_server.BaseUrl, "mcp").AbsoluteUri, "--site", _shop.BaseUrl.AbsoluteUri],
        null,
        TimeSpan.FromSeconds(120),
        onLine);

    /// <summary>The person: opens the live view named in the example's "waiting for a person" line and answers there.</summary>
    private async Task AnswerAsync(string line, string button, string? note = null)
    {
        var appUrl = line[(line.IndexOf("(answer at ", StringComparison.Ordinal) + "(answer at ".Length)..].TrimEnd(')');
        var page = await _person.OpenAsync(appUrl);
        var question = page.GetByRole(AriaRole.Alertdialog);
        await Assertions.Expect(question).ToContainTextAsync("Buy the cart? Total: 12.00 EUR.", new() { Timeout = 10_000 });
        Assert.Empty(_shop.Orders);
        if (note is not null)
        {
            await question.GetByLabel("note").FillAsync(note);
        }

        await question.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
    }

    [Fact]
    public async Task Example_WaitsForThePerson_AndChecksOutOnlyAfterDone()
    {
        var ended = await RunExampleAsync(async line =>
        {
            if (line.Contains("waiting for a person", StringComparison.Ordinal))
            {
                await AnswerAsync(line, "Done");
            }
        });
        TestContext.Current.SendDiagnosticMessage(ended.Errors);

        Assert.True(ended.ExitCode == 0, ended.Output + ended.Errors);
        Assert.Contains("cart: Total: 12.00 EUR", ended.Output, StringComparison.Ordinal);
        Assert.True(ended.Output.Contains("order: Order confirmed: 1 item(s)", StringComparison.Ordinal), ended.Output);
        Assert.Equal(["mug"], Assert.Single(_shop.Orders));
    }

    [Fact]
    public async Task Example_BuysNothing_WhenThePersonRejects()
    {
        var ended = await RunExampleAsync(async line =>
        {
            if (line.Contains("waiting for a person", StringComparison.Ordinal))
            {
                await AnswerAsync(line, "Reject", "too expensive");
            }
        });

        Assert.True(ended.ExitCode == 0, ended.Output + ended.Errors);
        Assert.Contains("not bought: step 1 (wait_for_human) failed: the person rejected", ended.Output, StringComparison.Ordinal);
        Assert.Contains("too expensive", ended.Output, StringComparison.Ordinal);
        Assert.Empty(_shop.Orders);
    }
}
