using Microsoft.Playwright;
using SessionMcp.Tests.Common;

namespace SessionMcp.Benchmarks;

/// <summary>
/// The same work done with Playwright .NET directly, no MCP and no server: the floor SessionMcp's layer is measured
/// against (what run_task, its checks and its JSON add per operation).
/// </summary>
internal sealed class DirectPlaywright : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private DirectPlaywright(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<DirectPlaywright> StartAsync(string chromium)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        var context = await browser.NewContextAsync();
        return new DirectPlaywright(playwright, browser, await context.NewPageAsync());
    }

    // Each operation ends with what SessionMcp's reply tells the agent (the page's title; the visible text, not the
    // source's): the same work, so the ratio is what the MCP layer adds, not a difference in what is read.
    public async Task NavigateAsync(string url)
    {
        await Page.GotoAsync(url);
        await Page.TitleAsync();
    }

    public async Task LoginAsync(string loginUrl)
    {
        await Page.GotoAsync(loginUrl);
        await Page.FillAsync("#email", LocalSite.Email);
        await Page.FillAsync("#password", LocalSite.Password);
        await Page.ClickAsync("button[type=submit]");
        await Page.WaitForURLAsync("**/dashboard");
        await Page.TitleAsync();
    }

    public async Task ExtractInvoicesAsync()
    {
        var texts = Page.Locator("td.num").AllInnerTextsAsync();
        await Task.WhenAll(texts, Page.TitleAsync());
        Check.Invoices(await texts);
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
