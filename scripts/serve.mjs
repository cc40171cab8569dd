#!/usr/bin/env node
// A tiny static file server for the built page (build-web/), for `npm start` and the browser
// tests. Node built-ins only; the page itself needs no server logic and works from any static host.
//
//   node scripts/serve.mjs [--root DIR] [--open] [--quiet]
//   PORT (default 8080; 0 picks a free port) and HOST (default 127.0.0.1) choose where it listens.
//
// Prints the page's address (http://127.0.0.1:PORT/) on standard output once listening. Serves
// GET and HEAD only, files only (a folder serves its index.html, never a listing), never outside
// the root (no `..`, no symlink out of it), with the right Content-Type (application/wasm for
// .wasm, which WebAssembly.instantiateStreaming requires) and the page's Content-Security-Policy
// as a header too, so that the worker gets it as well. Opens a browser only with --open.
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const USAGE = 'usage: node scripts/serve.mjs [--root DIR] [--open] [--quiet]   (env: PORT, HOST)';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.ts': 'text/plain; charset=utf-8',
};

// The same policy as the page's <meta> (web/index.html), plus what only a header can say.
const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "require-trusted-types-for 'script'",
  'trusted-types storydiff',
].join('; ');

function parseArgs(argv) {
  const args = { root: null, open: false, quiet: false };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    if (a === '--open') args.open = true;
    else if (a === '--quiet') args.quiet = true;
    else if (a === '--root' && i + 1 < argv.length) args.root = argv[++i];
    else if (a.startsWith('--root=')) args.root = a.slice(7);
    else if (a === '--help' || a === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else {
      console.error(`serve: unknown argument '${a}'\n${USAGE}`);
      process.exit(2);
    }
  }
  return args;
}

/** The file a URL path names inside `root` (a real path), or null: outside, missing, hidden. */
async function resolveFile(root, urlPath) {
  let path;
  try {
    path = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (path.includes('\0') || path.includes('\\')) return null;
  const parts = path.split('/').filter((p) => p !== '' && p !== '.');
  // No "..", and no hidden files (.stamp and the like).
  if (parts.some((p) => p === '..' || p.startsWith('.'))) return null;
  let file = resolve(root, ...parts);
  if (file !== root && !file.startsWith(root + sep)) return null;
  try {
    let info = await stat(file);
    if (info.isDirectory()) {
      file = join(file, 'index.html');
      info = await stat(file);
    }
    if (!info.isFile()) return null;
    const real = await realpath(file);
    if (!real.startsWith(root + sep)) return null; // a symlink leading out of the root
    return { file: real, size: info.size };
  } catch {
    return null;
  }
}

function send(res, status, text, head = {}) {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Content-Length': Buffer.byteLength(text), ...head });
  res.end(text);
}

export async function startServer({ root, port = 8080, host = '127.0.0.1', quiet = false } = {}) {
  const realRoot = await realpath(root);
  const server = createServer(async (req, res) => {
    const common = {
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': 'no-cache',
      'Cross-Origin-Resource-Policy': 'same-origin',
    };
    for (const [k, v] of Object.entries(common)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      send(res, 405, 'method not allowed\n', { Allow: 'GET, HEAD' });
      return;
    }
    let pathname;
    try {
      pathname = new URL(req.url, 'http://localhost').pathname;
    } catch {
      send(res, 400, 'bad request\n');
      return;
    }
    const found = await resolveFile(realRoot, pathname);
    if (!found) {
      send(res, 404, 'not found\n');
      if (!quiet) console.error(`serve: 404 ${req.method} ${req.url}`);
      return;
    }
    const type = TYPES[extname(found.file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': found.size,
      'Content-Security-Policy': CSP,
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    const stream = createReadStream(found.file);
    stream.on('error', () => res.destroy());
    stream.pipe(res);
  });
  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });
  const address = server.address();
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return { server, url: `http://${shownHost}:${address.port}/` };
}

function openBrowser(url) {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'cmd' : 'xdg-open';
  const args = process.platform === 'win32' ? ['/c', 'start', '', url] : [url];
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true });
    child.on('error', () => console.error(`serve: could not open a browser (${command}); open ${url} yourself`));
    child.unref();
  } catch {
    console.error(`serve: could not open a browser; open ${url} yourself`);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = parseArgs(process.argv.slice(2));
  const root = resolve(args.root ?? join(dirname(fileURLToPath(import.meta.url)), '..', 'build-web'));
  const port = process.env.PORT === undefined || process.env.PORT === '' ? 8080 : Number(process.env.PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: PORT must be a port number (0 for any free one), not '${process.env.PORT}'`);
    process.exit(2);
  }
  const host = process.env.HOST || '127.0.0.1';
  try {
    await stat(join(root, 'index.html'));
  } catch {
    console.error(`serve: ${root} has no index.html: build the page first (bash scripts/build-web.sh)`);
    process.exit(2);
  }
  let started;
  try {
    started = await startServer({ root, port, host, quiet: args.quiet });
  } catch (error) {
    const hint = error.code === 'EADDRINUSE' ? ` (port ${port} is taken: set PORT to another, or PORT=0 for any free one)` : '';
    console.error(`serve: cannot listen on ${host}:${port}: ${error.message}${hint}`);
    process.exit(2);
  }
  console.log(started.url);
  if (args.open) openBrowser(started.url);
  const stop = () => {
    started.server.close();
    started.server.closeAllConnections?.();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
