// A tiny site on 127.0.0.1 for the flows: a login form and the page behind it.
import { createServer } from 'node:http';

const pages = {
  '/login': `<!doctype html><title>Log in</title><h1>Log in</h1>
    <form action="/dashboard" method="get">
      <label>Email <input id="email" name="email"></label>
      <label>Password <input id="password" name="password" type="password"></label>
      <button type="submit">Sign in</button>
    </form>`,
  '/dashboard': (url) => `<!doctype html><title>Dashboard</title><h1>Welcome ${escape(url.searchParams.get('email') ?? '')}</h1>
    <ul><li class="invoice">INV-1 €12</li><li class="invoice">INV-2 €30</li></ul>`,
};

function escape(text) {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
}

/** Starts the site; resolves to { url(path), stop() }. */
export async function startSite() {
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://127.0.0.1');
    const page = pages[url.pathname];
    if (!page) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(typeof page === 'function' ? page(url) : page);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address();
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    stop: () => new Promise((r) => server.close(r)),
  };
}
