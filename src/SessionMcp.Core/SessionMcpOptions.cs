using System.ComponentModel.DataAnnotations;

namespace SessionMcp.Core;

/// <summary>Server settings, bound from the <c>SessionMcp</c> configuration section.</summary>
public sealed class SessionMcpOptions
{
    public const string SectionName = "SessionMcp";

    /// <summary>Path of a Chromium or Chrome executable to use for <c>browser_type: chromium</c>.</summary>
    /// <value>Unset: a Playwright-managed Chromium if installed, else a system Chromium or Chrome.</value>
    public string? BrowserExecutablePath { get; set; }

    /// <summary>
    /// Runs headless Chromium sessions in Chromium's headless shell when one is installed (Debian's
    /// <c>chromium-headless-shell</c>, or Playwright's): it starts in a third of the time of the full browser and
    /// draws pages faster. False runs them in the full browser's headless mode, which some sites tell apart less
    /// easily. A configured <see cref="BrowserExecutablePath"/> is used either way.
    /// </summary>
    /// <value>True.</value>
    public bool HeadlessShell { get; set; } = true;

    /// <summary>Extra command-line switches for every Chromium the server launches.</summary>
    /// <value>None.</value>
    public IList<string> ExtraBrowserArgs { get; } = [];

    /// <summary>
    /// How long a browser may take to start (to print its DevTools endpoint); past it the launch is abandoned, the
    /// process killed, and the create that needed it fails clearly. The next create tries again.
    /// </summary>
    /// <value>30,000 ms.</value>
    [Range(1_000, 600_000)]
    public int BrowserLaunchTimeoutMs { get; set; } = 30_000;

    /// <summary>Most browser sessions open at once, across all clients.</summary>
    /// <value>50.</value>
    [Range(1, 1000)]
    public int MaxSessions { get; set; } = 50;

    /// <summary>Most browser sessions open at once for one client identity (an API key's owner, or the stdio client).</summary>
    /// <value>20.</value>
    [Range(1, 1000)]
    public int MaxSessionsPerIdentity { get; set; } = 20;

    /// <summary>
    /// Ready browser contexts kept warm so that <c>create_browser_session</c> returns at once. Each holds a page and
    /// so a renderer process (~30 MiB); one is refilled a second after it is taken.
    /// </summary>
    /// <value>1.</value>
    [Range(0, 20)]
    public int WarmContexts { get; set; } = 1;

    /// <summary>
    /// Browser steps carried out at once across all sessions; more wait their turn (a step's timeout starts when it
    /// starts). Fifty sessions navigating together on two cores would otherwise all miss their timeouts.
    /// </summary>
    /// <value>4 per CPU core, at least 8.</value>
    [Range(1, 1000)]
    public int MaxConcurrentSteps { get; set; } = Math.Max(8, Environment.ProcessorCount * 4);

    /// <summary>Default time a single step may wait (for an element, a navigation, a load).</summary>
    /// <value>15,000 ms.</value>
    [Range(100, 600_000)]
    public int StepTimeoutMs { get; set; } = 15_000;

    /// <summary>Default limit of a whole <c>run_task</c> when <c>timeout_seconds</c> is not given.</summary>
    /// <value>300 s.</value>
    [Range(1, 86_400)]
    public int RunTimeoutSeconds { get; set; } = 300;

    /// <summary>Most commands in one <c>run_task</c>; a longer list is refused before anything runs.</summary>
    /// <value>500.</value>
    [Range(1, 100_000)]
    public int MaxCommands { get; set; } = 500;

    /// <summary>
    /// Most characters of a tool call's arguments, as JSON (10 MB of <c>type_text</c> would take the browser minutes
    /// and the server hundreds of MB); a larger call is refused before anything runs.
    /// </summary>
    /// <value>1,000,000.</value>
    [Range(1_000, 100_000_000)]
    public int MaxArgumentChars { get; set; } = 1_000_000;

    /// <summary>
    /// Most events (dialogs, downloads, tabs, refused navigations) a step records; past it they are counted in one
    /// <c>events_dropped</c> event, so a page looping on <c>alert()</c> cannot flood a result.
    /// </summary>
    /// <value>50.</value>
    [Range(1, 10_000)]
    public int MaxEventsPerStep { get; set; } = 50;

    /// <summary>Most tabs a session may have open; a page that opens more gets them closed at once, with a <c>tab_refused</c> event.</summary>
    /// <value>20.</value>
    [Range(1, 1_000)]
    public int MaxTabsPerSession { get; set; } = 20;

    /// <summary>Most downloads a session may start; past it a page's downloads are cancelled, each with a <c>download_refused</c> event.</summary>
    /// <value>100.</value>
    [Range(1, 100_000)]
    public int MaxDownloadsPerSession { get; set; } = 100;

    /// <summary>
    /// Most bytes a session's downloads may write, together; past it the downloads still arriving are cancelled and
    /// a finished one that would pass it is not kept, each with a <c>download_refused</c> event.
    /// </summary>
    /// <value>512 MiB.</value>
    [Range(typeof(long), "1", "9223372036854775807")]
    public long MaxDownloadBytesPerSession { get; set; } = 512L * 1024 * 1024;

    /// <summary>
    /// Whether runs may wait for a person (<c>wait_for_human</c>), who answers in the session's live view.
    /// </summary>
    /// <value>On over HTTP, which serves the live view; off over stdio, which has none.</value>
    public bool? WaitForHuman { get; set; }

    /// <summary>
    /// Whether the traces of sessions created with <c>record: true</c> outlive them; otherwise a trace is deleted
    /// when its closed session leaves memory (see <see cref="ClosedRetention"/>) or the server stops.
    /// </summary>
    /// <value>false.</value>
    public bool KeepTraces { get; set; }

    /// <summary>Whether the <c>evaluate</c> command (arbitrary JavaScript in the page) is allowed.</summary>
    /// <value>false.</value>
    public bool AllowEvaluate { get; set; }

    /// <summary>How often session timeouts are checked.</summary>
    /// <value>1 s.</value>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How many closed sessions and finished runs stay visible to get_browser_session and get_run.</summary>
    /// <value>1,000.</value>
    [Range(10, 1_000_000)]
    public int ClosedRetention { get; set; } = 1_000;

    /// <summary>Folder under which each session gets a downloads folder, deleted when the session closes.</summary>
    /// <value>A <c>sessionmcp-downloads</c> folder in the system's temporary folder.</value>
    public string? DownloadsPath { get; set; }

    /// <summary>Folder of the server's database (profiles); created on first start.</summary>
    /// <value>The user's local application data folder, under <c>sessionmcp</c> (~/.local/share/sessionmcp on Linux).</value>
    public string? DataPath { get; set; }

    /// <summary>
    /// The only folder <c>upload_file</c> may read from, when set. Over HTTP it defaults to an <c>uploads</c> folder in
    /// <see cref="DataPath"/>: a remote client must not be able to send the server's own files to a web site.
    /// </summary>
    /// <value>Unset: over stdio any file the server's user can read; over HTTP <c>&lt;DataPath&gt;/uploads</c>.</value>
    public string? UploadsPath { get; set; }

    /// <summary>Which URLs sessions may reach.</summary>
    public NavigationOptions Navigation { get; set; } = new();

    /// <summary>A browser elsewhere for headless Chromium sessions, instead of one this server launches.</summary>
    public Browser.RemoteBrowserOptions RemoteBrowser { get; set; } = new();

    /// <summary>Where profiles, the session history and finished runs are kept.</summary>
    public Storage.StorageOptions Storage { get; set; } = new();
}
