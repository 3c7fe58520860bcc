using System.ComponentModel;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;
using SessionMcp.Core.Profiles;
using SessionMcp.Core.Sessions;
using SessionMcp.Server.Contracts;

namespace SessionMcp.Server.Tools;

/// <summary>create_browser_profile, get_browser_profiles, delete_browser_profile.</summary>
[McpServerToolType]
public sealed class ProfileTools(BrowserSessionPool pool, ProfileService profiles, IServiceProvider services)
{
    private readonly IRemoteSessions? _cluster = services.GetService<IRemoteSessions>();

    [McpServerTool(Name = "create_browser_profile", Title = "Save a browser profile", Destructive = false, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Saves a session's cookies and localStorage as a profile (bp_…) that lasts across server restarts; start later sessions logged in with create_browser_session's browser_profile_id.")]
    public async Task<BrowserProfileResponse> CreateBrowserProfile(
        RequestContext<CallToolRequestParams> context,
        [Description("The running session to save (pbs_…).")] string browser_session_id,
        [Description("A name for the profile, such as 'invoices login'.")] string? name = null,
        CancellationToken cancellationToken = default)
    {
        var owner = Caller.Of(context);
        if (await _cluster.ElsewhereAsync(browser_session_id, cancellationToken) is { } elsewhere)
        {
            return BrowserProfileResponse.From(await elsewhere.SaveProfileAsync(owner, name, cancellationToken));
        }

        var session = await pool.GetRunningAsync(browser_session_id, owner, cancellationToken);
        return BrowserProfileResponse.From(await profiles.SaveFromSessionAsync(session, name, cancellationToken));
    }

    [McpServerTool(Name = "get_browser_profiles", Title = "List browser profiles", ReadOnly = true, Idempotent = true, OpenWorld = false, UseStructuredContent = true)]
    [Description("Your saved browser profiles, oldest first.")]
    public async Task<IReadOnlyList<BrowserProfileResponse>> GetBrowserProfiles(RequestContext<CallToolRequestParams> context, CancellationToken cancellationToken = default) =>
        [.. (await profiles.ListAsync(Caller.Of(context), cancellationToken)).Select(BrowserProfileResponse.From)];

    [McpServerTool(Name = "delete_browser_profile", Title = "Delete a browser profile", Destructive = true, Idempotent = false, OpenWorld = false, UseStructuredContent = true)]
    [Description("Deletes one of your saved profiles and the cookies it holds.")]
    public async Task<BrowserProfileResponse> DeleteBrowserProfile(
        RequestContext<CallToolRequestParams> context,
        [Description("The profile's id (bp_…).")] string browser_profile_id,
        CancellationToken cancellationToken = default)
    {
        var owner = Caller.Of(context);
        var profile = await profiles.GetAsync(browser_profile_id, owner, cancellationToken);
        await profiles.DeleteAsync(browser_profile_id, owner, cancellationToken);
        return BrowserProfileResponse.From(profile);
    }
}
