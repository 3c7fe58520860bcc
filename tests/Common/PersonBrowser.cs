using Microsoft.Playwright;
using SessionMcp.Core;
using SessionMcp.Core.Browser;

namespace SessionMcp.Tests.Common;

/// <summary>
/// A second, separate Chromium acting as the person at the live view or the dashboard: it opens our pages as a user
/// would, and clicks, types and reads them.
/// </summary>
public sealed class PersonBrowser : IAsyncDisposable
{
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IBrowserContext> _opened = [];

    private PersonBrowser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<PersonBrowser> StartAsync()
    {
        var target = new BrowserLocator(new SessionMcpOptions()).Resolve(BrowserKind.Chromium);
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = target.ExecutablePath,
            Channel = target.Channel,
            Args = LaunchArgs.For([]),
        });
        return new PersonBrowser(playwright, browser);
    }

    /// <summary>A new page (in a context of its own) at <paramref name="url"/>.</summary>
    public async Task<IPage> OpenAsync(string url)
    {
        var context = await _browser.NewContextAsync();
        lock (_opened)
        {
            _opened.Add(context);
        }

        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return page;
    }

    /// <summary>Closes every page opened so far: a live view left open keeps its session's screencast running.</summary>
    public async Task CloseAllAsync()
    {
        IBrowserContext[] opened;
        lock (_opened)
        {
            opened = [.. _opened];
            _opened.Clear();
        }

        foreach (var context in opened)
        {
            await context.CloseAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
