using System.Net;
using SessionMcp.Core.Browser;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

public sealed class NavigationPolicyTests(BrowserFixture fixture)
{
    private static NavigationPolicy Policy(Action<SessionMcpOptions>? configure = null)
    {
        var options = new SessionMcpOptions();
        configure?.Invoke(options);
        return new NavigationPolicy(options);
    }

    [Theory]
    [InlineData("file:///etc/passwd", "file:")]
    [InlineData("chrome://settings", "chrome:")]
    [InlineData("javascript:alert(1)", "javascript:")]
    [InlineData("view-source:https://example.com", "view-source:")]
    [InlineData("data:text/html,hi", "data:")]
    [InlineData("about:config", "about:")]
    public void Validate_RefusesNonWebSchemes(string url, string scheme)
    {
        var error = Assert.Throws<NavigationBlockedException>(() => Policy().Validate(url, "url"));
        Assert.Contains(scheme, error.Message, StringComparison.Ordinal);
        Assert.Equal("url", error.Argument);
    }

    [Theory]
    [InlineData("https://example.com/a?b=c")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("about:blank")]
    public void Validate_AllowsWebUrlsAndBlank(string url) => Assert.NotNull(Policy().Validate(url, "url"));

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("/relative")]
    public void Validate_RefusesMissingOrRelativeUrls(string url)
    {
        var error = Assert.Throws<InvalidArgumentException>(() => Policy().Validate(url, "start_url"));
        Assert.Equal("start_url", error.Argument);
    }

    [Fact]
    public void Validate_AllowsFileUrls_OnlyWhenConfigured() =>
        Assert.NotNull(Policy(o => o.Navigation.AllowFileUrls = true).Validate("file:///tmp/x.html", "url"));

    [Theory]
    [InlineData("https://ads.example.com/x", true)]
    [InlineData("https://example.com/", true)]
    [InlineData("https://notexample.com/", false)]
    [InlineData("https://other.org/", false)]
    public void Refusal_BlocksHostPatternsAndSubdomains(string url, bool blocked)
    {
        var policy = Policy(o => o.Navigation.BlockedOrigins.Add("*.example.com"));
        Assert.Equal(blocked, policy.Refusal(new Uri(url)) is not null);
    }

    [Theory]
    [InlineData("https://app.example.com/", false)]
    [InlineData("http://app.example.com/", true)]
    [InlineData("https://app.example.com:8443/", true)]
    [InlineData("https://docs.example.com/", true)]
    public void Refusal_AllowListOfOrigins_MatchesSchemeHostAndPort(string url, bool refused)
    {
        var policy = Policy(o => o.Navigation.AllowedOrigins.Add("https://app.example.com"));
        Assert.Equal(refused, policy.Refusal(new Uri(url)) is not null);
    }

    [Fact]
    public async Task Browser_RefusesRedirectToBlockedOrigin()
    {
        await using var harness = fixture.CreateHarness(o => o.Navigation.BlockedOrigins.Add("localhost"));
        var blockedTarget = fixture.Site.Url("/login").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url($"/redirect?to={Uri.EscapeDataString(blockedTarget)}") });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains($"navigation to '{blockedTarget}' was refused", run.Steps[0].Error, StringComparison.Ordinal);
        Assert.Contains("blocked list", run.Steps[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_RefusesPopupToBlockedOrigin()
    {
        await using var harness = fixture.CreateHarness(o => o.Navigation.BlockedOrigins.Add("localhost"));
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/popup") });
        var blockedTarget = fixture.Site.Url("/popup-target?from=blocked").Replace("127.0.0.1", "localhost", StringComparison.Ordinal);

        var run = await harness.RunAsync(session,
            ("type_text", $$"""{"selector": "#target", "text": "{{blockedTarget}}"}"""),
            ("click", """{"selector": "#open-url"}"""));

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("was refused", run.Steps[1].Error, StringComparison.Ordinal);
        Assert.DoesNotContain("/popup-target?from=blocked", fixture.Site.Requests);
    }

    [Fact]
    public async Task Browser_NeverLandsOnFileUrl_ThroughServerRedirect()
    {
        await using var harness = fixture.CreateHarness();
        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url($"/redirect?to={Uri.EscapeDataString("file:///etc/passwd")}") });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.DoesNotContain("root:", run.Steps[0].Error ?? "", StringComparison.Ordinal);
        Assert.False(run.Url?.StartsWith("file:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Browser_AllowList_StopsOtherOrigins()
    {
        await using var harness = fixture.CreateHarness(o => o.Navigation.AllowedOrigins.Add(fixture.Site.BaseUrl.GetLeftPart(UriPartial.Authority)));
        var allowed = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/login") });
        Assert.True(allowed.Status == RunStatus.Completed, allowed.FailureReason);

        var error = await Assert.ThrowsAsync<NavigationBlockedException>(() => harness.RunAsync(new RunRequest { Url = "https://example.org/" }));
        Assert.Contains("not on the server's allowed list", error.Message, StringComparison.Ordinal);
    }
}

public sealed class AddressGuardTests(BrowserFixture fixture)
{
    private static NavigationPolicy Policy(Action<NavigationOptions>? configure = null)
    {
        var options = new SessionMcpOptions();
        configure?.Invoke(options.Navigation);
        return new NavigationPolicy(options);
    }

    [Theory]
    [InlineData("http://169.254.169.254/latest/meta-data/")]
    [InlineData("http://[fd00:ec2::254]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://metadata.google.internal/computeMetadata/v1/")]
    public void Validate_RefusesLinkLocalAndMetadata_ByDefault(string url)
    {
        var error = Assert.Throws<NavigationBlockedException>(() => Policy().Validate(url, "url"));
        Assert.Contains("AllowLinkLocal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_AllowsLinkLocal_WhenConfigured() =>
        Assert.NotNull(Policy(n => n.AllowLinkLocal = true).Validate("http://169.254.169.254/", "url"));

    [Theory]
    [InlineData("http://10.1.2.3/", "AllowPrivateNetworks")]
    [InlineData("http://172.20.0.1/", "AllowPrivateNetworks")]
    [InlineData("http://192.168.1.1/", "AllowPrivateNetworks")]
    [InlineData("http://100.64.0.1/", "AllowPrivateNetworks")]
    [InlineData("http://[fd12::1]/", "AllowPrivateNetworks")]
    [InlineData("http://127.0.0.1:8080/", "AllowLoopback")]
    [InlineData("http://localhost/", "AllowLoopback")]
    [InlineData("http://[::1]/", "AllowLoopback")]
    [InlineData("http://[::ffff:10.0.0.1]/", "AllowPrivateNetworks")]
    public void Validate_RefusesPrivateAndLoopback_WhenNotAllowed(string url, string setting)
    {
        var policy = Policy(n => { n.AllowPrivateNetworks = false; n.AllowLoopback = false; });
        Assert.Contains(setting, Assert.Throws<NavigationBlockedException>(() => policy.Validate(url, "url")).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://127.0.0.1:8080/")]
    [InlineData("http://172.32.0.1/")]
    public void Validate_AllowsPrivateAndLoopback_ByDefault(string url) => Assert.NotNull(Policy().Validate(url, "url"));

    [Fact]
    public async Task RefusalAsync_ResolvesHostNames_AndRefusesWhatTheyPointAt()
    {
        // DNS is the seam here: a name an attacker controls can point anywhere.
        var guard = new AddressGuard(new NavigationOptions(), host => Task.FromResult(host == "rebind.example" ? [IPAddress.Parse("169.254.169.254")] : new[] { IPAddress.Parse("93.184.216.34") }));

        Assert.Contains("rebind.example resolves to 169.254.169.254", await guard.RefusalAsync("rebind.example"), StringComparison.Ordinal);
        Assert.Null(await guard.RefusalAsync("example.com"));
    }

    [Fact]
    public async Task RefusalOfRequest_ChecksSubresources_OnlyWhenGuardingAllRequests()
    {
        var guarded = Policy(n => { n.GuardAllRequests = true; n.AllowPrivateNetworks = false; });
        Assert.NotNull(await guarded.RefusalOfRequestAsync("http://10.0.0.5/pixel.png", isNavigation: false));
        Assert.Null(await guarded.RefusalOfRequestAsync("https://example.com/app.js", isNavigation: false));
        Assert.NotNull(await Policy().RefusalOfRequestAsync("http://169.254.169.254/", isNavigation: false));
    }

    [Fact]
    public async Task Browser_RefusesRedirectToMetadataAddress_WhenGuardingAllRequests()
    {
        await using var harness = fixture.CreateHarness(o => o.Navigation.GuardAllRequests = true);
        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url($"/redirect?to={Uri.EscapeDataString("http://169.254.169.254/latest/meta-data/")}") });

        Assert.Equal(RunStatus.Failed, run.Status);
        Assert.Contains("navigation to 'http://169.254.169.254/latest/meta-data/' was refused", run.Steps[0].Error, StringComparison.Ordinal);
        Assert.Contains("link-local or cloud-metadata", run.Steps[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Browser_StillServesAllowedPages_WhenGuardingAllRequests()
    {
        await using var harness = fixture.CreateHarness(o => o.Navigation.GuardAllRequests = true);
        var run = await harness.RunAsync(new RunRequest { Url = fixture.Site.Url("/dashboard"), Commands = CoreHarness.Commands(("extract_text", """{"selector": "h1"}""")) });

        Assert.True(run.Status == RunStatus.Completed, run.FailureReason);
        Assert.Equal("Log in", run.Output!.GetValue<string>());
    }
}
