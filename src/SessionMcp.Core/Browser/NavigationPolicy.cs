using SessionMcp.Core.Errors;

namespace SessionMcp.Core.Browser;

/// <summary>
/// Decides which URLs a session may reach: http(s) and about:blank by default, narrowed by the configured
/// allow and block lists of origins or hosts.
/// </summary>
public sealed class NavigationPolicy
{
    private readonly OriginPattern[] _allowed;
    private readonly OriginPattern[] _blocked;
    private readonly bool _allowFileUrls;
    private readonly AddressGuard _addresses;

    public NavigationPolicy(SessionMcpOptions options)
    {
        _allowed = [.. options.Navigation.AllowedOrigins.Select(OriginPattern.Parse)];
        _blocked = [.. options.Navigation.BlockedOrigins.Select(OriginPattern.Parse)];
        _allowFileUrls = options.Navigation.AllowFileUrls;
        _addresses = new AddressGuard(options.Navigation);
        GuardsAllRequests = options.Navigation.GuardAllRequests ?? false;
    }

    /// <summary>Whether every request of every page is checked against the address rules, host names resolved.</summary>
    public bool GuardsAllRequests { get; }

    /// <summary>
    /// Whether requests need to be watched in the browser: an allow or block list is set, or every request is
    /// guarded. Otherwise only the URLs clients ask for and the pages sessions land on are checked, which costs nothing.
    /// </summary>
    public bool FiltersRequests => _allowed.Length > 0 || _blocked.Length > 0 || GuardsAllRequests;

    /// <summary>Checks a URL a client asked for; throws a <see cref="SessionMcpException"/> naming <paramref name="argument"/>.</summary>
    public Uri Validate(string? url, string argument)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidArgumentException(argument, "is empty; give an absolute http(s) URL such as https://example.com/.");
        }

        // On Unix "/path" parses as an absolute file URI; a client that wrote a path meant a relative URL.
        if (!Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) || (uri.IsFile && !url.TrimStart().StartsWith("file:", StringComparison.OrdinalIgnoreCase)))
        {
            throw new InvalidArgumentException(argument, $"'{ErrorText.Quote(url)}' is not an absolute URL; give one with its scheme, such as https://example.com/.");
        }

        var refusal = Refusal(uri);
        if (refusal is not null)
        {
            throw new NavigationBlockedException(argument, url, refusal);
        }

        return uri;
    }

    /// <summary>Why a URL may not be reached, or null when it may.</summary>
    public string? Refusal(Uri uri)
    {
        var scheme = uri.Scheme.ToLowerInvariant();
        switch (scheme)
        {
            case "about":
                return uri.AbsoluteUri == "about:blank" ? null : "of about: pages only about:blank may be opened.";
            case "file" when _allowFileUrls:
                return null;
            case "http" or "https":
                break;
            default:
                return $"the {scheme}: scheme is refused; sessions may open http, https and about:blank URLs only.";
        }

        if (_addresses.RefusalOfLiteral(uri.Host) is { } address)
        {
            return address;
        }

        if (_blocked.Any(p => p.Matches(uri)))
        {
            return $"{uri.GetLeftPart(UriPartial.Authority)} is on the server's blocked list (SessionMcp:Navigation:BlockedOrigins).";
        }

        if (_allowed.Length > 0 && !_allowed.Any(p => p.Matches(uri)))
        {
            return $"{uri.GetLeftPart(UriPartial.Authority)} is not on the server's allowed list (SessionMcp:Navigation:AllowedOrigins).";
        }

        return null;
    }

    /// <summary>Why a host (an address or a well-known name) may not be reached under the address rules, or null.</summary>
    public string? RefusalOfAddress(string host) => _addresses.RefusalOfLiteral(host);

    /// <summary>
    /// Why a request the browser is about to send may not go: for a navigation, everything <see cref="Refusal(Uri)"/>
    /// checks; for any request, the address rules with its host name resolved when every request is guarded.
    /// </summary>
    public async Task<string?> RefusalOfRequestAsync(string url, bool isNavigation)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https" or "ws" or "wss"))
        {
            return isNavigation ? RefusalOfLanding(url) : null;
        }

        var refusal = isNavigation ? Refusal(uri) : _addresses.RefusalOfLiteral(uri.Host);
        if (refusal is null && GuardsAllRequests)
        {
            refusal = await _addresses.RefusalAsync(uri.Host);
        }

        return refusal;
    }

    /// <summary>
    /// Where a connection the browser asked the egress proxy for may go: the block list and the address rules, the
    /// host name resolved here, once, and the connection made to the very address that was checked (a name that
    /// resolves differently a moment later, or in the browser's own resolver, changes nothing).
    /// </summary>
    /// <param name="host">The host the browser asked for, a name or an address.</param>
    /// <param name="port">Its port.</param>
    /// <param name="schemes">What the connection may carry: http for a plain request, http and https (or ws and wss) for a tunnel.</param>
    public async Task<(System.Net.IPAddress? Address, string? Refusal)> ConnectionTargetAsync(string host, int port, IReadOnlyList<string> schemes)
    {
        var bare = host.Trim('[', ']');
        if (_addresses.RefusalOfLiteral(bare) is { } literal)
        {
            return (null, literal);
        }

        foreach (var scheme in schemes)
        {
            var uri = new UriBuilder(scheme, bare, port).Uri;
            if (_blocked.Any(p => p.Matches(uri)))
            {
                return (null, $"{uri.GetLeftPart(UriPartial.Authority)} is on the server's blocked list (SessionMcp:Navigation:BlockedOrigins).");
            }
        }

        return await _addresses.AllowedAddressAsync(host);
    }

    /// <summary>Like <see cref="Refusal(Uri)"/> for a URL seen in the browser; pages Chromium shows for its own errors pass.</summary>
    public string? RefusalOfLanding(string url)
    {
        if (url.StartsWith("chrome-error://", StringComparison.Ordinal))
        {
            return null;
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) ? Refusal(uri) : "it is not a valid URL.";
    }
}
