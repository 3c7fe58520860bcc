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
}
