using System.Net;
using SessionMcp.Core.Sessions;

namespace SessionMcp.Server.Http;

/// <summary><c>GET /live/{id}?token=…</c>: a page that shows a session's viewport live, with its url, title and status.</summary>
internal static class LiveViewPage
{
    public static IEndpointConventionBuilder MapLiveView(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet("/live/{browserSessionId}", (string browserSessionId, string? token, BrowserSessionPool pool) =>
        {
            var session = pool.FindForViewer(browserSessionId, token ?? "");
            return session is null
                ? UnknownSession()
                : Results.Content(Html(session), "text/html; charset=utf-8");
        });

    /// <summary>The answer of every live-view address to a wrong id or token: a guess learns nothing.</summary>
    internal static IResult UnknownSession() =>
        Results.NotFound(new { error = "no session with that id and token; the app_url from create_browser_session has both." });

    private static string Html(BrowserSession session)
    {
        var id = WebUtility.HtmlEncode(session.Id);
        var stream = $"/stream/sse?session_id={Uri.EscapeDataString(session.Id)}&token={Uri.EscapeDataString(session.FrameToken)}";
        var human = $"/live/{Uri.EscapeDataString(session.Id)}/human?token={Uri.EscapeDataString(session.FrameToken)}";
        var control = $"/live/{Uri.EscapeDataString(session.Id)}/control?token={Uri.EscapeDataString(session.FrameToken)}";
        var name = WebUtility.HtmlEncode(session.Settings.Name ?? session.Id);
        return $$"""
            <!doctype html>
            <html><head><meta charset="utf-8"><title>{{name}} · SessionMcp live view</title>
            <style>
              body { font: 14px system-ui, sans-serif; margin: 0; background: #111; color: #eee; }
              header { padding: 8px 12px; display: flex; gap: 16px; align-items: baseline; background: #222; }
              #status { font-weight: 600; } #status.closed { color: #f77; } #status.running { color: #7f7; }
              #url { color: #9cf; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; flex: 1; }
              main { display: flex; justify-content: center; padding: 12px; }
              img { max-width: 100%; box-shadow: 0 0 12px #000; background: #fff; }
              #closed { display: none; padding: 24px; font-size: 18px; color: #f77; text-align: center; }
              #human { display: none; padding: 12px; background: #fc3; color: #111; gap: 12px; align-items: center; flex-wrap: wrap; }
              #human.asking { display: flex; } #human p { margin: 0; flex: 1; font-size: 16px; font-weight: 600; }
              #human button { font: inherit; padding: 6px 16px; cursor: pointer; }
              #control { font: inherit; padding: 2px 12px; cursor: pointer; } #control-note { color: #fc3; }
              body.holding img { cursor: crosshair; outline: 3px solid #fc3; }
            </style></head>
            <body>
              <header><span id="status" class="running">connecting…</span><span id="title"></span><span id="url"></span><small>{{id}}</small><button id="control">Take control</button><span id="control-note"></span></header>
              <div id="closed"></div>
              <section id="human" role="alertdialog" aria-labelledby="ask">
                <p id="ask"></p>
                <input id="note" placeholder="note (optional)" aria-label="note">
                <button id="done">Done</button><button id="reject">Reject</button>
              </section>
              <main><img id="frame" alt="live view of {{id}}"></main>
              <script>
                const source = new EventSource({{System.Text.Json.JsonSerializer.Serialize(stream)}});
                const $ = (id) => document.getElementById(id);
                source.addEventListener('frame', (e) => {
                  const f = JSON.parse(e.data);
                  $('frame').src = 'data:' + f.mime_type + ';base64,' + f.image;
                  $('title').textContent = f.title; $('url').textContent = f.url;
                });
                source.addEventListener('status', (e) => {
                  const s = JSON.parse(e.data);
                  $('status').textContent = s.status; $('status').className = s.status;
                  if (s.status === 'closed') {
                    source.close();
                    $('closed').style.display = 'block';
                    $('closed').textContent = 'This session has closed (' + (s.close_reason || 'closed') + ') at ' + s.closed_at + '. The last frame stays below.';
                  }
                });
                // A run's wait_for_human: the person answers here, and the run goes on (Done) or fails (Reject).
                const human = {{System.Text.Json.JsonSerializer.Serialize(human)}};
                const ask = async () => {
                  try {
                    const w = await (await fetch(human)).json();
                    $('human').className = w.waiting ? 'asking' : '';
                    $('ask').textContent = w.waiting ? w.message : '';
                  } catch { /* the next poll tries again */ }
                };
                const answer = async (value) => {
                  await fetch(human, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ answer: value, note: $('note').value }) });
                  $('note').value = '';
                  stop();
                  await ask();
                };
                // "Take control": clicks, wheel turns and keys on the viewport go to the session's page (x, y as
                // fractions of the image), in order, one request at a time; a keep-alive holds control while open.
                const control = {{System.Text.Json.JsonSerializer.Serialize(control)}};
                let queue = Promise.resolve(), holding = false, keepalive = null;
                const send = (body) => {
                  const sent = queue.then(() => fetch(control, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }));
                  queue = sent.catch(() => {});
                  return sent;
                };
                const stop = () => {
                  holding = false; clearInterval(keepalive);
                  $('control').textContent = 'Take control'; document.body.classList.remove('holding');
                };
                $('control').onclick = async () => {
                  if (holding) { await send({ action: 'release' }); stop(); return; }
                  const taken = await send({ action: 'take' });
                  if (!taken.ok) { $('control-note').textContent = (await taken.json()).error; return; }
                  holding = true; $('control-note').textContent = 'you have control';
                  $('control').textContent = 'Release'; document.body.classList.add('holding');
                  keepalive = setInterval(async () => { if (!(await send({ action: 'keepalive' })).ok) { stop(); $('control-note').textContent = ''; } }, 10000);
                };
                const point = (e) => {
                  const r = $('frame').getBoundingClientRect();
                  const clamp = (v) => Math.min(1, Math.max(0, v));
                  return { x: clamp((e.clientX - r.left) / r.width), y: clamp((e.clientY - r.top) / r.height) };
                };
                $('frame').addEventListener('click', (e) => { if (holding) { e.preventDefault(); send({ action: 'click', ...point(e) }); } });
                $('frame').addEventListener('contextmenu', (e) => { if (holding) { e.preventDefault(); send({ action: 'click', button: 'right', ...point(e) }); } });
                $('frame').addEventListener('wheel', (e) => {
                  if (!holding) return;
                  e.preventDefault();
                  send({ action: 'wheel', ...point(e), delta_x: e.deltaX, delta_y: e.deltaY });
                }, { passive: false });
                document.addEventListener('keydown', (e) => {
                  if (!holding || e.target === $('note') || ['Control', 'Alt', 'Meta', 'Shift'].includes(e.key)) return;
                  e.preventDefault();
                  if (e.key.length === 1 && !e.ctrlKey && !e.metaKey && !e.altKey) { send({ action: 'type', text: e.key }); return; }
                  const held = [e.ctrlKey && 'Control', e.altKey && 'Alt', e.metaKey && 'Meta', e.shiftKey && 'Shift'].filter(Boolean);
                  send({ action: 'key', key: [...held, e.key].join('+') });
                });
                $('done').onclick = () => answer('done');
                $('reject').onclick = () => answer('reject');
                ask();
                setInterval(ask, 1000);
                source.onerror = () => { if ($('status').textContent !== 'closed') $('status').textContent = 'reconnecting…'; };
              </script>
            </body></html>
            """;
    }
}
