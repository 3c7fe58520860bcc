using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using SessionMcp.Core.Browser;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>The egress proxy on its own, driven by an HTTP client as a browser drives it.</summary>
public sealed class EgressProxyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task PlainRequest_IsForwarded_AndARefusedOneAnswered403()
    {
        var options = new SessionMcpOptions();
        options.Navigation.BlockedOrigins.Add("http://127.0.0.1:9");
        await using var proxy = new EgressProxy(new NavigationPolicy(options), NullLogger.Instance);
        using var http = new HttpClient(new HttpClientHandler { Proxy = new WebProxy(proxy.Address) { BypassProxyOnLocal = false }, UseProxy = true });

        var page = await http.GetStringAsync(fixture.Site.Url("/login"), TestContext.Current.CancellationToken);
        using var refused = await http.GetAsync("http://127.0.0.1:9/secret", TestContext.Current.CancellationToken);

        Assert.Contains("<h1>Log in</h1>", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("blocked list", await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
