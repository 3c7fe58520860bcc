using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>Builds a session's <c>app_url</c>: the live-view page, carrying the session's frame token.</summary>
internal sealed class LiveViewLinks(IServer server, IOptions<HttpOptions> options)
{
    public string For(BrowserSession session) => For(session.Id, session.FrameToken);

    /// <summary>The live view of a session by id and token: one on another host of the cluster is watched through this one.</summary>
    public string For(string browserSessionId, string frameToken) =>
        $"{BaseUrl()}live/{browserSessionId}?token={Uri.EscapeDataString(frameToken)}";

    /// <summary>Where a recorded session's trace downloads from (<see cref="TraceDownload"/>).</summary>
    public string TraceFor(string browserSessionId) => $"{BaseUrl()}traces/{Uri.EscapeDataString(browserSessionId)}.zip";

    private string BaseUrl()
    {
        var configured = options.Value.PublicUrl;
        var address = !string.IsNullOrWhiteSpace(configured)
            ? configured
            : server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? options.Value.Urls.Split(';')[0];
        address = address.Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal).Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
        return address.EndsWith('/') ? address : address + "/";
    }
}
