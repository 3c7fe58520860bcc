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
            return Results.Content(Page("Browser sessions", Table(sessions, links, time.GetUtcNow())), "text/html; charset=utf-8");
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
            var status = running ? "running" : $"closed ({session.CloseReason?.ToString().ToLowerInvariant()})";
            var left = running && session.ExpiresAt is { } expires ? Duration(expires - now) : "—";
            var actions = running
                ? $"""<a href="{WebUtility.HtmlEncode(links.For(session))}">live view</a> <form method="post" action="/sessions/{WebUtility.HtmlEncode(session.Id)}/close"><button>close</button></form>"""
                : "";
            rows.Append(CultureInfo.InvariantCulture, $"<tr class=\"{(running ? "running" : "closed")}\"><td><code>{WebUtility.HtmlEncode(session.Id)}</code><br>{WebUtility.HtmlEncode(session.Settings.Name ?? "")}</td><td>{status}</td><td class=\"url\">{WebUtility.HtmlEncode(session.Url)}</td><td>{Duration(now - session.CreatedAt)}</td><td>{left}</td><td>{actions}</td></tr>");
        }

        return $"<table><tr><th>session</th><th>status</th><th>url</th><th>age</th><th>time left</th><th></th></tr>{rows}</table>";
    }

    private static string Duration(TimeSpan span) =>
        span.TotalHours >= 1 ? $"{(int)span.TotalHours} h {span.Minutes} min" : span.TotalMinutes >= 1 ? $"{(int)span.TotalMinutes} min" : $"{Math.Max(0, (int)span.TotalSeconds)} s";

    private static string Page(string title, string body) => $$"""
        <!doctype html>
        <html><head><meta charset="utf-8"><title>{{title}} · SessionMcp</title>
        <style>
          body { font: 14px system-ui, sans-serif; margin: 24px; } table { border-collapse: collapse; width: 100%; }
          td, th { padding: 6px 10px; border-bottom: 1px solid #ddd; text-align: left; vertical-align: top; }
          tr.closed { color: #888; } td.url { max-width: 480px; overflow-wrap: anywhere; } form { display: inline; }
        </style></head>
        <body><h1>{{title}}</h1>{{body}}</body></html>
        """;
}
