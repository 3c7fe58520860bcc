namespace SessionMcp.Core;

/// <summary>
/// Where sessions may navigate. Entries are origins (<c>https://example.com</c>, <c>http://127.0.0.1:8080</c>)
/// or host patterns (<c>example.com</c>, <c>*.example.com</c>).
/// </summary>
public sealed class NavigationOptions
{
    /// <summary>When not empty, only these origins or hosts may be reached.</summary>
    /// <value>Empty: every http(s) origin not blocked.</value>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Origins or hosts that may never be reached, also not through redirects or popups.</summary>
    /// <value>Empty.</value>
    public IList<string> BlockedOrigins { get; } = [];

    /// <summary>Whether <c>file:</c> URLs may be opened (local files of the server's machine).</summary>
    /// <value>false.</value>
    public bool AllowFileUrls { get; set; }

    /// <summary>Whether link-local and cloud-metadata addresses (169.254.0.0/16, fe80::/10, fd00:ec2::254) may be reached.</summary>
    /// <value>false: they hold cloud credentials, and no page a user wants lives there.</value>
    public bool AllowLinkLocal { get; set; }

    /// <summary>Whether private networks (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7) may be reached.</summary>
    /// <value>Unset: yes over stdio and over HTTP on loopback; no over HTTP bound beyond this machine.</value>
    public bool? AllowPrivateNetworks { get; set; }

    /// <summary>Whether this machine itself (127.0.0.0/8, ::1, localhost) may be reached.</summary>
    /// <value>Unset: yes over stdio and over HTTP on loopback; no over HTTP bound beyond this machine.</value>
    public bool? AllowLoopback { get; set; }

    /// <summary>
    /// Whether every request of every page is checked in the browser, host names resolved, against the address
    /// rules (not only the URLs a client asks for and the pages a session lands on).
    /// </summary>
    /// <value>Unset: yes over HTTP, no over stdio (a local tool, where it would only cost time).</value>
    public bool? GuardAllRequests { get; set; }
}
