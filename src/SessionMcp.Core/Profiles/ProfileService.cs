using Microsoft.Playwright;
using SessionMcp.Core.Errors;
using SessionMcp.Core.Ids;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Core.Profiles;

/// <summary>Saves a session's storage state as a profile, and finds the one a new session should start from.</summary>
public sealed class ProfileService(IProfileStore store, TimeProvider time)
{
    public async Task<BrowserProfile> SaveFromSessionAsync(BrowserSession session, string? name, CancellationToken cancellationToken)
    {
        if (name is { Length: > 200 })
        {
            throw new InvalidArgumentException("name", "must be at most 200 characters.");
        }

        session.ThrowIfClosed();
        string state;
        try
        {
            state = await session.Context.StorageStateAsync(new BrowserContextStorageStateOptions { IndexedDB = false });
        }
        catch (PlaywrightException) when (session.Status == BrowserSessionStatus.Closed)
        {
            session.ThrowIfClosed();
            throw;
        }

        var profile = new BrowserProfile(
            IdGenerator.New(IdGenerator.BrowserProfilePrefix),
            session.Owner,
            string.IsNullOrWhiteSpace(name) ? session.Settings.Name ?? $"from {session.Id}" : name.Trim(),
            time.GetUtcNow(),
            session.Id,
            state);
        await store.SaveAsync(profile, cancellationToken);
        return profile;
    }

    public async Task<BrowserProfile> GetAsync(string browserProfileId, string owner, CancellationToken cancellationToken)
    {
        ValidateId(browserProfileId);
        return await store.GetAsync(browserProfileId, owner, cancellationToken) ?? throw new BrowserProfileNotFoundException(browserProfileId);
    }

    /// <summary>The saved state a new session starts from; a damaged one (a truncated row, a hand edit) is named as such.</summary>
    public async Task<string> GetStorageStateAsync(string browserProfileId, string owner, CancellationToken cancellationToken)
    {
        var state = (await GetAsync(browserProfileId, owner, cancellationToken)).StorageState;
        try
        {
            using var parsed = System.Text.Json.JsonDocument.Parse(state);
            if (parsed.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new System.Text.Json.JsonException("not an object");
            }
        }
        catch (System.Text.Json.JsonException)
        {
            throw new InvalidArgumentException(
                "browser_profile_id",
                $"'{browserProfileId}' is damaged: its saved cookies and storage cannot be read. Delete it with delete_browser_profile and save a new one with create_browser_profile.");
        }

        return state;
    }

    public Task<IReadOnlyList<BrowserProfile>> ListAsync(string owner, CancellationToken cancellationToken) => store.ListAsync(owner, cancellationToken);

    public async Task DeleteAsync(string browserProfileId, string owner, CancellationToken cancellationToken)
    {
        ValidateId(browserProfileId);
        if (!await store.DeleteAsync(browserProfileId, owner, cancellationToken))
        {
            throw new BrowserProfileNotFoundException(browserProfileId);
        }
    }

    private static void ValidateId(string browserProfileId)
    {
        if (string.IsNullOrWhiteSpace(browserProfileId) || !browserProfileId.StartsWith(IdGenerator.BrowserProfilePrefix, StringComparison.Ordinal))
        {
            throw new InvalidArgumentException("browser_profile_id", $"'{browserProfileId}' is not a browser profile id; ids look like bp_… as create_browser_profile returns them.");
        }
    }
}
