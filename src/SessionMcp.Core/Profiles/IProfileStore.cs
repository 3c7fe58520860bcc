namespace SessionMcp.Core.Profiles;

/// <summary>Where profiles live between server runs; every call is scoped to the owner.</summary>
public interface IProfileStore
{
    Task SaveAsync(BrowserProfile profile, CancellationToken cancellationToken);

    Task<BrowserProfile?> GetAsync(string browserProfileId, string owner, CancellationToken cancellationToken);

    Task<IReadOnlyList<BrowserProfile>> ListAsync(string owner, CancellationToken cancellationToken);

    /// <summary>Deletes a profile; false when the owner has none with that id.</summary>
    Task<bool> DeleteAsync(string browserProfileId, string owner, CancellationToken cancellationToken);
}
