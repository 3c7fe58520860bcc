using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary>
/// <c>GET /</c>: the caller's sessions (status, url, age, time left) with live-view links and close buttons.
/// It takes the same API key as /mcp; a person opens <c>/?key=…</c> once and a same-site cookie keeps it.
/// </summary>
internal static class Dashboard
{
    public static void MapDashboard(this IEndpointRouteBuilder endpoints, bool keysRequired)
    {
        endpoints.MapGet("/", (HttpContext context, BrowserSessionPool pool, LiveViewLinks links, TimeProvider time, string? key) =>
        {
            if (!string.IsNullOrEmpty(key))
            {
                // Keep the key in an HttpOnly, same-site cookie and drop it from the address bar and history.
                context.Response.Cookies.Append(ApiKeyAuthenticationHandler.CookieName, key, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
                return Results.Redirect("/");
            }

            if (keysRequired && context.User.Identity?.IsAuthenticated != true)
            {
                return Results.Content(Page("Sign in", "<p>This server needs an API key. Open <code>/?key=&lt;your key&gt;</code> once; the key is then kept in a cookie for this site.</p>"), "text/html; charset=utf-8", Encoding.UTF8, StatusCodes.Status401Unauthorized);
            }

            var sessions = pool.List(Caller.Of(context.User), includeClosed: true);
            return Results.Content(Page("Browser sessions", $"<div id=\"sessions\">{Table(sessions, links, time.GetUtcNow())}</div>{LiveScript}"), "text/html; charset=utf-8");
        });

        var close = endpoints.MapPost("/sessions/{browserSessionId}/close", async (string browserSessionId, HttpContext context, BrowserSessionPool pool) =>
        {
            await pool.CloseAsync(browserSessionId, Caller.Of(context.User));
            return Results.Redirect("/");
        });
        if (keysRequired)
        {
            close.RequireAuthorization();
        }
    }

    private static string Table(IReadOnlyList<BrowserSession> sessions, LiveViewLinks links, DateTimeOffset now)
    {
        if (sessions.Count == 0)
        {
            return "<p>No sessions yet. Create one with the <code>create_browser_session</code> tool.</p>";
        }

        var rows = new StringBuilder();
        foreach (var session in sessions.OrderByDescending(s => s.CreatedAt))
        {
            var running = session.Status == BrowserSessionStatus.Running;
            var status = running ? "running" : $"closed ({(session.CloseReason is { } reason ? BrowserSession.CloseReasonName(reason) : "")})";
            var left = running && session.ExpiresAt is { } expires ? Duration(expires - now) : "—";
            var actions = running
                ? $"""<a href="{WebUtility.HtmlEncode(links.For(session))}">live view</a> <form method="post" action="/sessions/{WebUtility.HtmlEncode(session.Id)}/close"><button>close</button></form>"""
                : "";
            rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(running ? "running" : "closed")}\"><td><code>{WebUtility.HtmlEncode(session.Id)}</code><br>{WebUtility.HtmlEncode(session.Settings.Name ?? "")}</td><td>{status}</td><td class=\"url\">{WebUtility.HtmlEncode(session.Url)}</td><td>{Duration(now - session.CreatedAt)}</td><td>{left}</td><td>{actions}</td></tr>");
        }

        return $"<table><tr><th>session</th><th>status</th><th>url</th><th>age</th><th>time left</th><th></th></tr>{rows}</table>";
    }

    /// <summary>
    /// Keeps the page current without reloads: every 2 s it redraws the list from /dashboard/sessions, with each
    /// running session's latest frame (a thumbnail, every 4 s), its latest runs and the step that failed.
    /// </summary>
    private const string LiveScript = """
        <script>
          const text = (value) => { const span = document.createElement('span'); span.textContent = value ?? ''; return span.innerHTML.replaceAll('"', '&quot;'); };
          const duration = (s) => s >= 3600 ? `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min` : s >= 60 ? `${Math.floor(s / 60)} min` : `${s} s`;
          let tick = 0;
          const run = (r) => `<li class="run ${r.status}"><code>${text(r.run_id)}</code> ${text(r.status)}, ${r.steps} step(s), ${r.duration_ms} ms`
            + (r.failed_step ? `<div class="step failed">step ${r.failed_step.number} (${text(r.failed_step.command)}): ${text(r.failed_step.error)}</div>` : '')
            + (!r.failed_step && r.failure_reason ? `<div class="step failed">${text(r.failure_reason)}</div>` : '') + '</li>';
          const row = (s) => `<tr class="${s.status}" data-session="${text(s.id)}">`
            + `<td>${s.status === 'running' ? `<img class="thumb" alt="latest frame of ${text(s.id)}" src="/dashboard/sessions/${encodeURIComponent(s.id)}/thumbnail?t=${Math.floor(tick / 2)}">` : ''}</td>`
            + `<td><code>${text(s.id)}</code><br>${text(s.name)}</td>`
            + `<td>${s.status === 'running' ? 'running' : `closed (${text(s.close_reason)})`}${s.waiting_for_human ? `<div class="asking">waiting for a person: ${text(s.waiting_for_human)}</div>` : ''}${s.controlled ? '<div class="asking">a person has control</div>' : ''}</td>`
            + `<td class="url">${text(s.url)}</td><td>${duration(s.age_seconds)}</td><td>${s.seconds_left === null ? '—' : duration(s.seconds_left)}</td>`
            + `<td><ul class="runs">${s.runs.map(run).join('')}</ul></td>`
            + `<td>${s.app_url ? `<a href="${text(s.app_url)}">live view</a> <form method="post" action="/sessions/${encodeURIComponent(s.id)}/close"><button>close</button></form>` : ''}${s.trace_url ? ` <a href="${text(s.trace_url)}">trace</a>` : ''}</td></tr>`;
          const refresh = async () => {
            try {
              const response = await fetch('/dashboard/sessions');
              if (!response.ok) return;
              const sessions = await response.json();
              document.getElementById('sessions').innerHTML = sessions.length === 0
                ? '<p>No sessions yet. Create one with the <code>create_browser_session</code> tool.</p>'
                : '<table><tr><th></th><th>session</th><th>status</th><th>url</th><th>age</th><th>time left</th><th>latest runs</th><th></th></tr>' + sessions.map(row).join('') + '</table>';
              tick++;
            } catch { /* the next tick tries again */ }
          };
          refresh();
          setInterval(refresh, 2000);
        </script>
        """;

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min" : $"{Math.Max(0, (int)span.TotalSeconds)} s";

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>{{title}} · SessionMcp</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 24px; } table { border-collapse: collapse; width: 100%; }
          td, th { padding: 6px 10px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
          tr.closed { color: #888; } td.url { max-width: 360px; overflow-wrap: anywhere; } form { display: inline; }
          img.thumb { width: 160px; border: 1px solid #ccc; } ul.runs { margin: 0; padding-left: 16px; }
          .run.failed, .run.timed_out, .run.canceled { color: #a00; } .step.failed { background: #fee; border-left: 3px solid #c00; padding: 2px 6px; }
          .asking { color: #a60; font-weight: 600; }
        </style></head>
        <body><h1>{{title}}</h1>{{body}}</body></html>
        """;
}
