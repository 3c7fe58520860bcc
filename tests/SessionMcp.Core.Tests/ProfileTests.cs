using Microsoft.Extensions.Time.Testing;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Core.Storage;
using SessionMcp.Core.Storage.Sqlite;
using SessionMcp.Core.Tasks;
using SessionMcp.Tests.Common;

namespace SessionMcp.Core.Tests;

/// <summary>Browser profiles: a login saved once opens the dashboard in later sessions, across restarts of the store.</summary>
public sealed class ProfileTests(BrowserFixture fixture)
{
    private async Task<string> DashboardHeadingAsync(CoreHarness harness, BrowserSession session)
    {
        var run = await harness.RunAsync(session, ("navigate", $$"""{"url": "{{fixture.Site.Url("/dashboard")}}"}"""), ("extract_text", """{"selector": "h1"}"""));
        return run.Output!.GetValue<string>();
    }

    [Fact]
    public async Task Profile_RoundTrip_NewSessionStartsLoggedIn()
    {
        await using var harness = fixture.CreateHarness();
        var first = await harness.CreateSessionAsync();
        Assert.Equal(RunStatus.Completed, (await harness.RunAsync(first, BrowserSessionPoolTests.LoginSteps(fixture.Site))).Status);

        var profile = await harness.Profiles.SaveFromSessionAsync(first, "invoices login", TestContext.Current.CancellationToken);
        await harness.Pool.CloseAsync(first.Id, CoreHarness.Owner);

        Assert.StartsWith("bp_", profile.BrowserProfileId, StringComparison.Ordinal);
        Assert.Equal("invoices login", profile.Name);
        var second = await harness.CreateSessionAsync(new BrowserSessionSettings { BrowserProfileId = profile.BrowserProfileId });
        Assert.Equal("Invoices", await DashboardHeadingAsync(harness, second));
        Assert.Equal(profile.BrowserProfileId, second.BrowserProfileId);
        var user = await harness.RunAsync(second, ("extract_text", """{"selector": "#user"}"""));
        Assert.Equal(LocalSite.Email, user.Output!.GetValue<string>());
    }

    [Fact]
    public async Task DamagedProfile_IsNamed_WithTheFix()
    {
        await using var harness = fixture.CreateHarness();
        var source = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/login") });
        var profile = await harness.Profiles.SaveFromSessionAsync(source, "to be damaged", TestContext.Current.CancellationToken);
        await harness.Database.UseAsync(
            async connection =>
            {
                // A row cut short, as a full disk or a hand edit can leave it.
                await using var truncate = connection.CreateCommand();
                truncate.CommandText = "UPDATE profiles SET storage_state = substr(storage_state, 1, length(storage_state) / 2) WHERE id = $id;";
                truncate.Parameters.AddWithValue("$id", profile.BrowserProfileId);
                return await truncate.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
            },
            TestContext.Current.CancellationToken);

        var error = await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { BrowserProfileId = profile.BrowserProfileId }));

        Assert.Equal("browser_profile_id", error.Argument);
        Assert.Contains("is damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete_browser_profile", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, harness.Pool.OpenCount);
    }

    [Fact]
    public async Task GenerateBrowserProfile_SavesOnClose()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { GenerateBrowserProfile = true, Name = "keeps its login" });
        await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));

        await harness.Pool.CloseAsync(session.Id, CoreHarness.Owner);

        Assert.StartsWith("bp_", session.BrowserProfileId, StringComparison.Ordinal);
        var saved = await harness.Profiles.GetAsync(session.BrowserProfileId!, CoreHarness.Owner, TestContext.Current.CancellationToken);
        Assert.Equal("keeps its login", saved.Name);
        var next = await harness.CreateSessionAsync(new BrowserSessionSettings { BrowserProfileId = saved.BrowserProfileId });
        Assert.Equal("Invoices", await DashboardHeadingAsync(harness, next));
    }

    [Fact]
    public async Task GenerateBrowserProfile_SavesOnTimeout_OnFakeClock()
    {
        var clock = new FakeTimeProvider();
        await using var harness = fixture.CreateHarness(time: clock);
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { GenerateBrowserProfile = true, TimeoutMinutes = 5 });
        await harness.RunAsync(session, BrowserSessionPoolTests.LoginSteps(fixture.Site));

        clock.Advance(TimeSpan.FromMinutes(5));
        await harness.Pool.CloseExpiredAsync();

        Assert.Equal(CloseReason.Timeout, session.CloseReason);
        Assert.NotNull(session.BrowserProfileId);
        Assert.Single(await harness.Profiles.ListAsync(CoreHarness.Owner, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Store_KeepsProfiles_AcrossReopen_AndScopesThemToOwner()
    {
        await using var harness = fixture.CreateHarness();
        var session = await harness.CreateSessionAsync(new BrowserSessionSettings { StartUrl = fixture.Site.Url("/") });
        var profile = await harness.Profiles.SaveFromSessionAsync(session, null, TestContext.Current.CancellationToken);

        var reopened = new SqliteProfileStore(new SqliteDatabase(new SessionMcpOptions { DataPath = harness.Options.DataPath }));
        Assert.Equal(profile, await reopened.GetAsync(profile.BrowserProfileId, CoreHarness.Owner, TestContext.Current.CancellationToken));
        Assert.Null(await reopened.GetAsync(profile.BrowserProfileId, "someone-else", TestContext.Current.CancellationToken));
        await Assert.ThrowsAsync<BrowserProfileNotFoundException>(() => harness.CreateSessionAsync(new BrowserSessionSettings { BrowserProfileId = profile.BrowserProfileId }, owner: "someone-else"));
    }

    [Fact]
    public async Task Profiles_RefuseBadAndUnknownIds()
    {
        await using var harness = fixture.CreateHarness();
        Assert.Equal("browser_profile_id", (await Assert.ThrowsAsync<InvalidArgumentException>(() => harness.Profiles.GetAsync("pbs_1", CoreHarness.Owner, TestContext.Current.CancellationToken))).Argument);
        await Assert.ThrowsAsync<BrowserProfileNotFoundException>(() => harness.Profiles.DeleteAsync("bp_missing", CoreHarness.Owner, TestContext.Current.CancellationToken));
    }
}
