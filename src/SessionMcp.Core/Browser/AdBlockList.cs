namespace SessionMcp.Core.Browser;

/// <summary>
/// The <c>ad-blocker</c> extension's bundled list of ad and tracker hosts (a request to a listed host or any of its
/// subdomains is blocked in the browser). Deliberately short: the hosts that serve most overlay ads and trackers.
/// </summary>
internal static class AdBlockList
{
    private static readonly HashSet<string> Hosts = new(StringComparer.OrdinalIgnoreCase)
    {
        "doubleclick.net", "googlesyndication.com", "googleadservices.com", "google-analytics.com", "googletagmanager.com",
        "googletagservices.com", "adservice.google.com", "adnxs.com", "adsrvr.org", "advertising.com", "amazon-adsystem.com",
        "criteo.com", "criteo.net", "outbrain.com", "taboola.com", "scorecardresearch.com", "quantserve.com", "moatads.com",
        "rubiconproject.com", "pubmatic.com", "openx.net", "casalemedia.com", "smartadserver.com", "adform.net", "bidswitch.net",
        "yieldmo.com", "sharethrough.com", "teads.tv", "mediavoice.com", "zedo.com", "adroll.com", "media.net", "serving-sys.com",
        "hotjar.com", "mouseflow.com", "crazyegg.com", "fullstory.com", "mixpanel.com", "segment.io", "segment.com",
        "facebook.net", "connect.facebook.net", "ads-twitter.com", "analytics.twitter.com", "ads.linkedin.com", "bat.bing.com",
        "adsafeprotected.com", "doubleverify.com", "popads.net", "propellerads.com", "exoclick.com", "revcontent.com", "mgid.com",
    };

    public static bool Blocks(Uri uri)
    {
        var host = uri.IdnHost;
        while (true)
        {
            if (Hosts.Contains(host))
            {
                return true;
            }

            var dot = host.IndexOf('.', StringComparison.Ordinal);
            if (dot < 0 || host.IndexOf('.', dot + 1) < 0)
            {
                return false;
            }

            host = host[(dot + 1)..];
        }
    }
}
