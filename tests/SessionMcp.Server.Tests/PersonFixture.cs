using SessionMcp.Tests.Common;

namespace SessionMcp.Server.Tests;

/// <summary>
/// For the tests of the pages a person uses (live view, dashboard): the test site the agent browses, a second
/// Chromium as the person, and a plain HTTP client for the pages' own endpoints.
/// </summary>
public sealed class PersonFixture : IAsyncLifetime
{
    public LocalSite Site { get; private set; } = null!;

    public PersonBrowser Person { get; private set; } = null!;

    public HttpClient Http { get; } = new();

    /// <summary>An endpoint of a session's live view (<c>human</c>, <c>control</c>), from its app_url.</summary>
    public static Uri LiveViewEndpoint(string appUrl, string browserSessionId, string name) =>
        new(appUrl.Replace($"/live/{browserSessionId}?", $"/live/{browserSessionId}/{name}?", StringComparison.Ordinal));

    public async ValueTask InitializeAsync()
    {
        Site = await LocalSite.StartAsync();
        Person = await PersonBrowser.StartAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Person.DisposeAsync();
        await Site.DisposeAsync();
    }
}
