// A tiny static server for the browser example, on Node's http module only.
//
//   node serve.mjs [--port 8081] [--host 127.0.0.1]
//
// It serves index.html, app.js, style.css and the official socket.io-client
// browser bundle straight from node_modules (no CDN, no build step). Port 0
// picks a free port; the first line on stdout is always
//   listening on http://HOST:PORT/
// so a test (or you) can read the origin to put on the chat server's
// allowed origins.
import http from 'node:http';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);

// Resolved through Node's module resolution so it is the exact version in package-lock.json.
const clientBundle = join(dirname(require.resolve('socket.io-client/package.json')), 'dist', 'socket.io.min.js');

// The whole site: URL path -> [file, content type]. Anything else is a 404.
const routes = new Map([
  ['/', [join(here, 'index.html'), 'text/html; charset=utf-8']],
  ['/index.html', [join(here, 'index.html'), 'text/html; charset=utf-8']],
  ['/app.js', [join(here, 'app.js'), 'text/javascript; charset=utf-8']],
  ['/style.css', [join(here, 'style.css'), 'text/css; charset=utf-8']],
  ['/vendor/socket.io.min.js', [clientBundle, 'text/javascript; charset=utf-8']],
]);

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const host = option('host', '127.0.0.1');
const port = Number(option('port', process.env.PORT ?? '8081'));
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`serve.mjs: --port must be an integer from 0 to 65535, got "${option('port')}"`);
  process.exit(2);
}

const server = http.createServer(async (req, res) => {
  const path = new URL(req.url, 'http://placeholder').pathname;
  if (path === '/favicon.ico') {
    res.writeHead(204).end(); // no icon, and no 404 noise in the browser console
    return;
  }
  const route = routes.get(path);
  if (req.method !== 'GET' || !route) {
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('not found\n');
    return;
  }
  try {
    const body = await readFile(route[0]);
    res.writeHead(200, { 'content-type': route[1], 'cache-control': 'no-store' }).end(body);
  } catch (err) {
    res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end(`cannot read ${path}: ${err.message}\n`);
  }
});

server.on('error', (err) => {
  console.error(`serve.mjs: cannot listen on ${host}:${port}: ${err.message}`);
  process.exit(1);
});

server.listen(port, host, () => {
  const { port: actual } = server.address();
  console.log(`listening on http://${host}:${actual}/`);
});

// Stop cleanly when the test (or Ctrl-C) asks, so no port stays bound.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}
