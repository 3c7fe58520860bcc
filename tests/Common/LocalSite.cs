using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace SessionMcp.Tests.Common;

/// <summary>
/// The test site, served on 127.0.0.1 on a free port: a login form that sets a cookie and localStorage, a
/// dashboard of invoices behind it, a slow page, a popup, dialogs, an upload form, an iframe, a download,
/// redirects, and a rendezvous that proves two sessions run at the same time.
/// </summary>
public sealed class LocalSite : IAsyncDisposable
{
    public const string Email = "demo@example.com";
    public const string Password = "secret";
    public const int InvoiceCount = 25;

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Rendezvous> _rendezvous = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrivals = new();

    private LocalSite(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    /// <summary>Requests seen, by path: lets a test check what reached the site.</summary>
    public ConcurrentQueue<string> Requests { get; } = new();

    public string Url(string pathAndQuery) => new Uri(BaseUrl, pathAndQuery).AbsoluteUri;

    /// <summary>run_task commands that log in from /login and wait for the dashboard, as an agent that knows the form sends them.</summary>
    public static IReadOnlyList<object> LoginCommands { get; } =
    [
        new { command = "type_text", data = new { selector = "#email", text = Email } },
        new { command = "type_text", data = new { selector = "#password", text = Password } },
        new { command = "click", data = new { selector = "button[type=submit]" } },
        new { command = "wait_for_navigation", data = new { url = "**/dashboard" } },
    ];

    public static IReadOnlyList<string> InvoiceNumbers { get; } = [.. Enumerable.Range(1, InvoiceCount).Select(i => $"INV-{1000 + i}")];

    public static async Task<LocalSite> StartAsync()
    {
        var app = LoopbackWebApp.Create();
        LocalSite? site = null;
        app.Use(async (context, next) =>
        {
            site!.Requests.Enqueue(context.Request.Path + context.Request.QueryString);
            await next(context);
        });
        app.MapGet("/", () => Html("Home", """<h1>Test site</h1><a href="/login">Log in</a> <a href="/dashboard">Dashboard</a>"""));
        app.MapGet("/login", () => Html("Log in", LoginForm));
        app.MapPost("/login", async (HttpContext context) =>
        {
            var form = await context.Request.ReadFormAsync();
            if (form["email"] == Email && form["password"] == Password)
            {
                context.Response.Cookies.Append("sid", "session-for-" + Email, new CookieOptions { HttpOnly = true, Path = "/" });
                return Results.Redirect("/dashboard");
            }

            return Html("Log in", """<p id="error">Wrong email or password</p>""" + LoginForm);
        });
        app.MapGet("/dashboard", (HttpContext context) =>
            context.Request.Cookies.TryGetValue("sid", out var sid) && sid == "session-for-" + Email
                ? Html("Invoices", Dashboard)
                : Results.Redirect("/login"));
        app.MapGet("/slow", async (int? ms, CancellationToken cancellationToken) =>
        {
            await Task.Delay(ms ?? 5000, cancellationToken);
            return Html("Slow", "<h1>Finally</h1>");
        });
        app.MapGet("/heavy", () => Html("Catalogue", HeavyPage.Body));
        app.MapGet("/popup", () => Html("Popup opener", """
            <a id="blank" href="/popup-target" target="_blank">Open in new tab</a>
            <button id="open" onclick="window.open('/popup-target?from=script')">Open popup</button>
            <button id="open-url" onclick="window.open(document.getElementById('target').value)">Open URL</button>
            <input id="target" aria-label="target">
            """));
        app.MapGet("/popup-target", () => Html("Popup target", "<h1>I am the popup</h1>"));
        app.MapGet("/flood", () => Html("Flood", """
            <button id="alerts" onclick="for (let i = 0; i < 200; i++) alert('alert ' + i); document.getElementById('done').textContent = 'done'">Alerts</button>
            <button id="tabs" onclick="for (let i = 0; i < 30; i++) window.open('/popup-target?n=' + i)">Tabs</button>
            <p id="done"></p>
            """));
        app.MapGet("/dialog", () => Html("Dialogs", """
            <button id="confirm" onclick="document.getElementById('result').textContent = confirm('Proceed?') ? 'confirmed' : 'cancelled'">Confirm</button>
            <button id="prompt" onclick="document.getElementById('result').textContent = 'name:' + prompt('Your name?')">Prompt</button>
            <p id="result">none</p>
            """));
        app.MapGet("/upload", () => Html("Upload", """
            <label>Files <input id="files" type="file" multiple onchange="document.getElementById('chosen').textContent = Array.from(this.files).map(f => f.name + ':' + f.size).join(',')"></label>
            <p id="chosen"></p>
            """));
        app.MapGet("/iframe", () => Html("Frames", """<h1>Outer</h1><iframe src="/frame-inner" title="inner frame"></iframe>"""));
        app.MapGet("/frame-inner", () => Html("Inner", """<button onclick="this.textContent='clicked inside'">Inner button</button>"""));
        app.MapGet("/form", () => Html("Form", """
            <label>Colour <select id="colour"><option value="r">Red</option><option value="g">Green</option><option value="b">Blue</option></select></label>
            <label><input id="agree" type="checkbox"> I agree</label>
            <label>Notes <input id="notes"></label>
            <div id="hover-target" onmouseover="this.textContent='hovered'">hover me</div>
            <a class="next" href="/form?page=2">Next page</a>
            <div style="height:3000px"></div><p id="bottom">Bottom</p>
            """));
        app.MapGet("/article", () => Html("Article", """
            <nav><a href="/">Home</a></nav>
            <main><h1>Main title</h1><p>Some <strong>bold</strong> text and a <a href="/login">link</a>.</p>
            <ul><li>One</li><li>Two</li></ul>
            <table><tr><th>Name</th><th>Qty</th></tr><tr><td>Apple</td><td>3</td></tr></table></main>
            <footer>Footer text</footer>
            """));
        app.MapGet("/download", () => Html("Download", """<a id="get" href="/file.csv" download>Get the report</a>"""));
        app.MapGet("/file.csv", () => Results.File("a,b\n1,2\n"u8.ToArray(), "text/csv", "report.csv"));
        app.MapGet("/redirect", (string to) => Results.Redirect(to));
        MapHostileWays(app);

        // Stuck in a script from its first load in a browser context, once it has told the test (a synchronous request
        // to /hold, which blocks the page's thread too); loaded again (a recovered tab), it is not.
        // With painted=true it hangs only after its first frame is on screen.
        app.MapGet("/hang-once", (string key, bool? painted) => Html("Hangs once", $$"""
            <h1>About to hang</h1>
            <script>
              function hang() {
                const beacon = new XMLHttpRequest();
                beacon.open('GET', '/hold?ms=0&key={{Uri.EscapeDataString(key)}}', false);
                beacon.send();
                while (true) {}
              }
              if (!localStorage.getItem('hung')) {
                localStorage.setItem('hung', '1');
                if ({{(painted == true ? "true" : "false")}}) { requestAnimationFrame(() => setTimeout(hang, 100)); } else { hang(); }
              }
            </script>
            """));
        app.MapGet("/ads", () => Html("Ads", """<h1>Article</h1><img id="ad" src="http://ads.doubleclick.net/pixel.gif" alt="ad">"""));
        app.MapGet("/late-list", () => Html("Late list", """
            <ul id="list"></ul>
            <script>setTimeout(() => { for (const n of ['one', 'two', 'three']) { const li = document.createElement('li'); li.textContent = n; document.getElementById('list').append(li); } }, 300);</script>
            """));
        app.MapGet("/buttons", () => Html("Buttons", """<button>Same</button><button>Same</button><button id="hidden" style="display:none">Hidden</button><p id="out"></p>"""));
        app.MapGet("/hold", async (string key, int? ms, CancellationToken cancellationToken) =>
        {
            // Tells the test the browser is waiting on it, then keeps it waiting: a step provably in progress.
            site!.Arrival(key).TrySetResult();
            await Task.Delay(TimeSpan.FromMilliseconds(ms ?? 30_000), cancellationToken);
            return Html("Held", "<h1>released</h1>");
        });
        app.MapGet("/covered", (int? removeAfterMs) => Html("Covered", $"""
            <button id="buy" onclick="document.getElementById('out').textContent = 'bought'">Buy</button>
            <p id="out"></p>
            <div id="cookie-banner" class="overlay modal" style="position: fixed; inset: 0; background: rgba(0,0,0,.5)">We use cookies</div>
            {(removeAfterMs is { } ms ? $"<script>setTimeout(() => document.getElementById('cookie-banner').remove(), {ms});</script>" : "")}
            """));
        // The same cover, on a page that tells scripts nothing covers the button.
        app.MapGet("/covered-lying", () => Html("Covered", """
            <button id="buy" onclick="document.getElementById('out').textContent = 'bought'">Buy</button>
            <p id="out"></p>
            <div id="cookie-banner" style="position: fixed; inset: 0; background: rgba(0,0,0,.5)">We use cookies</div>
            <script>document.elementFromPoint = () => document.getElementById('buy');</script>
            """));
        app.MapGet("/shadow-button", () => Html("Shadow", """
            <div id="host"></div><p id="out"></p>
            <script>
              const root = document.getElementById('host').attachShadow({ mode: 'open' });
              root.innerHTML = '<button id="inside">Inside</button>';
              root.getElementById('inside').onclick = () => document.getElementById('out').textContent = 'clicked';
            </script>
            """));
        app.MapGet("/spa", () => Html("Single page", """<button id="next" onclick="history.pushState({}, '', '/spa/next')">Next</button>"""));
        app.MapGet("/clickables", () => Html("Clickables", """
            <h1>Clickables</h1>
            <div>Plain text in a div</div>
            <div id="opener" onclick="this.textContent = 'opened'">Open</div>
            <div id="listened">Listened</div>
            <script>document.getElementById('listened').addEventListener('click', e => e.target.textContent = 'heard');</script>
            <div tabindex="0">Focusable</div>
            <div role="tree"><div role="treeitem">Node</div></div>
            <ul role="menu"><li role="menuitem">Item</li></ul>
            <a href="/popup-target">Floating Point: Issues and Limitations</a>
            <div role="tablist"><button role="tab">Tab #1</button><button role="tab">Tab 2</button></div>
            <div role="tabpanel" aria-label="Tab #1">one</div><div role="tabpanel" aria-label="Tab 2">two</div>
            <label for="email">Email:</label><input id="email">
            <div id="delegate"><button>Inside</button></div>
            <script>document.getElementById('delegate').addEventListener('click', () => {});</script>
            """));
        app.MapGet("/inputs", () => Html("Inputs", """<input id="when" type="date" aria-label="When"><input id="at" type="time" aria-label="At"><input id="qty" type="number" aria-label="Quantity">"""));
        app.MapGet("/sized-link", (int bytes) => Html("Sized", $"""<a id="get" href="/sized?bytes={bytes}" download>Get {bytes} bytes</a>"""));
        app.MapGet("/sized", (int bytes) => Results.File(new byte[bytes], "application/octet-stream", "sized.bin"));
        app.MapGet("/endless-link", (string key) => Html("Endless", $"""<a id="get" href="/endless?key={key}" download>Get the never-ending file</a>"""));
        app.MapGet("/endless", async (HttpContext context, string key) =>
        {
            // A download that never ends (about 12 MB/s); when the browser hangs up, /hold's arrival "gone:key" completes.
            context.Response.ContentType = "application/octet-stream";
            context.Response.Headers.ContentDisposition = "attachment; filename=endless.bin";
            var chunk = new byte[64 * 1024];
            try
            {
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await Task.Delay(5, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The browser hung up.
            }

            site!.Arrival("gone:" + key).TrySetResult();
        });
        app.MapGet("/rendezvous", async (string key, int n, CancellationToken cancellationToken) =>
        {
            // Answers only when n requests with this key are waiting together: proof that they ran in parallel.
            var meeting = site!._rendezvous.GetOrAdd(key, _ => new Rendezvous(n));
            await meeting.ArriveAsync().WaitAsync(TimeSpan.FromSeconds(20), cancellationToken);
            return Html("Met", $"<h1>met {key}</h1>");
        });
        site = new LocalSite(app, new Uri(await LoopbackWebApp.StartAsync(app), "/"));
        return site;
    }

    /// <summary>Completes when the browser has requested <c>/hold?key=…</c> (or hung up on <c>/endless?key=…</c>, as <c>gone:key</c>).</summary>
    public Task WaitForArrivalAsync(string key) => Arrival(key).Task;

    private TaskCompletionSource Arrival(string key) =>
        _arrivals.GetOrAdd(key, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private const string LoginForm = """
        <h1>Log in</h1>
        <form id="login" method="post" action="/login" onsubmit="localStorage.setItem('user', document.getElementById('email').value)">
          <label>Email <input id="email" name="email" type="email"></label>
          <label>Password <input id="password" name="password" type="password"></label>
          <button type="submit">Sign in</button>
        </form>
        """;

    private static string Dashboard => $$"""
        <h1>Invoices</h1>
        <p>Signed in as <span id="user"></span></p>
        <script>document.getElementById('user').textContent = localStorage.getItem('user') ?? '(nobody)';</script>
        <table id="invoices"><tr><th>Number</th><th>Amount</th></tr>
        {{string.Concat(InvoiceNumbers.Select((n, i) => $"<tr><td class=\"num\">{n}</td><td>{(i + 1) * 10}.00</td></tr>"))}}
        </table>
        """;

    /// <summary>Every way a page on this site can make the browser reach <c>?to=</c>, for the network guard's tests.</summary>
    private static void MapHostileWays(WebApplication app)
    {
        static string Js(string to) => System.Text.Json.JsonSerializer.Serialize(to);
        app.MapGet("/go/307", (string to) => Results.Redirect(to, permanent: false, preserveMethod: true));
        app.MapGet("/go/chain", (int n, string to) => Results.Redirect(n <= 1 ? to : $"/go/chain?n={n - 1}&to={Uri.EscapeDataString(to)}"));
        app.MapGet("/go/refresh", (string to) => Html("Refresh", $"""<meta http-equiv="refresh" content="0;url={System.Net.WebUtility.HtmlEncode(to)}">"""));
        app.MapGet("/go/script", (string to) => Html("Script", $"<script>location.href = {Js(to)};</script>"));
        app.MapGet("/go/websocket", (string to) => Html("WebSocket", $"<script>new WebSocket({Js(to)});</script>"));
        app.MapGet("/go/iframe", (string to) => Html("Iframe", $"""<iframe src="{System.Net.WebUtility.HtmlEncode(to)}"></iframe>"""));
        app.MapGet("/go/form", (string to) => Html("Form post", $"""<form method="post" action="{System.Net.WebUtility.HtmlEncode(to)}"><input name="a" value="b"></form><script>document.forms[0].submit();</script>"""));
        app.MapGet("/go/open", (string to) => Html("Popup", $"<script>window.open({Js(to)});</script>"));
        app.MapGet("/go/fetch", (string to) => Html("Fetch", $"<script>fetch({Js(to)}, {{ mode: 'no-cors' }});</script>"));
        app.MapGet("/go/preconnect", (string to) => Html("Preconnect", $"""<link rel="preconnect" href="{System.Net.WebUtility.HtmlEncode(to)}"><link rel="dns-prefetch" href="{System.Net.WebUtility.HtmlEncode(to)}">"""));
    }

    private static IResult Html(string title, string body) =>
        Results.Content($"<!doctype html><html><head><meta charset=\"utf-8\"><title>{WebUtility.HtmlEncode(title)}</title></head><body>{body}</body></html>", "text/html");

    private sealed class Rendezvous(int expected)
    {
        private readonly TaskCompletionSource _all = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _arrived;

        public Task ArriveAsync()
        {
            if (Interlocked.Increment(ref _arrived) >= expected)
            {
                _all.TrySetResult();
            }

            return _all.Task;
        }
    }
}
