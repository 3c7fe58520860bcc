namespace SessionMcp.Benchmarks;

/// <summary>
/// One agent's browser session, driven the way a user of that server drives it. Every method returns the characters
/// of text the agent received (its token cost), and throws if the page did not do what it should.
/// </summary>
internal interface IBrowserAgent : IAsyncDisposable
{
    /// <summary>How many tool calls the agent has made.</summary>
    int ToolCalls { get; }

    /// <summary>A new session and its first page.</summary>
    Task<int> OpenAsync(string url);

    Task<int> NavigateAsync(string url);

    /// <summary>Open the login page, fill email and password, submit, and wait for the dashboard.</summary>
    Task<int> LoginAsync(string loginUrl);

    /// <summary>The 25 invoice numbers of the dashboard, checked.</summary>
    Task<int> ExtractInvoicesAsync();

    /// <summary>
    /// Log in and read the invoices, as an agent that knows the form does it with this server: in as few tool calls
    /// as the server allows.
    /// </summary>
    Task<int> LoginAndExtractAsync(string loginUrl);

    /// <summary>The accessibility snapshot an agent reads to act on the page, as the server gives it by default.</summary>
    Task<(int Characters, string Text)> SnapshotAsync();

    /// <summary>One image of the viewport.</summary>
    Task<int> FrameAsync();

    /// <summary>
    /// What an agent does on a page it does not know, in as few calls as the server allows: open it and read its
    /// snapshot, click the link named <paramref name="link"/> by its ref, read the new page's snapshot. Returns all
    /// the characters received.
    /// </summary>
    Task<int> EpisodeAsync(string url, string link);
}
