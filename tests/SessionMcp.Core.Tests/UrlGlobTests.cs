using Microsoft.Playwright;
using SessionMcp.Core.Tasks.Commands;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>wait_for_navigation's URL globs match as Playwright's own waitForURL does (checked against it in a real page).</summary>
public sealed class UrlGlobTests(BrowserFixture fixture)
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "http://127.0.0.1:5000/dashboard", "**/dashboard", true },
        { "http://127.0.0.1:5000/a/dashboard", "**/dashboard", true },
        { "http://127.0.0.1:5000/dashboard?x=1", "**/dashboard", false },
        { "http://127.0.0.1:5000/order?items=2", "**/order*", true },
        { "http://127.0.0.1:5000/a/b", "http://127.0.0.1:5000/*", false },
        { "http://127.0.0.1:5000/a", "http://127.0.0.1:5000/*", true },
        { "http://127.0.0.1:5000/cart", "**/{cart,checkout}", true },
        { "http://127.0.0.1:5000/checkout", "**/{cart,checkout}", true },
        { "http://127.0.0.1:5000/other", "**/{cart,checkout}", false },
        { "http://127.0.0.1:5000/login", "http://127.0.0.1:5000/login", true },
        { "http://127.0.0.1:5000/login", "http://127.0.0.1:5000/log", false },
        { "http://127.0.0.1:5000/a.b", "**/a.b", true },
        { "http://127.0.0.1:5000/axb", "**/a.b", false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Matches_AsPlaywrightDocuments(string url, string glob, bool expected) =>
        Assert.Equal(expected, UrlGlob.Matches(url, glob));

    [Fact]
    public async Task Matches_AsPlaywrightsOwnWaitForUrl_OnARealPage()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync();
        var page = session.ActiveTab!.Page;
        var site = new Uri(fixture.Site.Url("/"));
        foreach (var (path, glob) in new[] { ("/article", "**/article"), ("/article", "**/art*"), ("/article", "**/{login,article}"), ("/article?x=1", "**/article"), ("/article", "**/a?ticle") })
        {
            await page.GotoAsync(new Uri(site, path).ToString());
            bool playwright;
            try
            {
                await page.WaitForURLAsync(glob, new PageWaitForURLOptions { Timeout = 300 });
                playwright = true;
            }
            catch (TimeoutException)
            {
                playwright = false;
            }

            Assert.True(playwright == UrlGlob.Matches(page.Url, glob), $"{page.Url} ~ {glob}: Playwright {playwright}");
        }
    }
}
