// scripts/serve.mjs, the static server of `npm start` and of these tests: content types, the
// page's security headers, no directory listing, nothing outside build-web/, GET and HEAD only.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, test } from 'node:test';
import { serve } from './helpers.mjs';

let server;
before(async () => {
  server = await serve();
});
after(async () => {
  await server?.close();
});

// A raw request: the path goes out exactly as written (fetch() would normalise "..").
function get(path, method = 'GET') {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    const req = request({ hostname, port, path, method }, (res) => {
      let body = '';
      res.setEncoding('latin1');
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('prints its address on 127.0.0.1', () => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('serves the page and the package with the right content types', async () => {
  const expected = {
    '/': 'text/html; charset=utf-8',
    '/index.html': 'text/html; charset=utf-8',
    '/app.js': 'text/javascript; charset=utf-8',
    '/worker.js': 'text/javascript; charset=utf-8',
    '/style.css': 'text/css; charset=utf-8',
    '/samples.json': 'application/json; charset=utf-8',
    '/storydiff/storydiff.mjs': 'text/javascript; charset=utf-8',
    '/storydiff/storydiff.wasm': 'application/wasm',
  };
  for (const [path, type] of Object.entries(expected)) {
    const res = await get(path);
    assert.equal(res.status, 200, path);
    assert.equal(res.headers['content-type'], type, path);
    assert.equal(res.headers['x-content-type-options'], 'nosniff');
    assert.match(res.headers['content-security-policy'], /default-src 'self'/);
  }
  const wasm = await get('/storydiff/storydiff.wasm');
  assert.equal(wasm.body.slice(0, 4), '\0asm');
  const samples = JSON.parse((await get('/samples.json')).body);
  assert.ok(samples.length > 0 && samples.every((s) => s.id && s.files.some((f) => f.name.startsWith('v1.'))));
});

test('no directory listing, no hidden files, nothing outside the root', async () => {
  for (const path of ['/storydiff/', '/storydiff', '/.stamp', '/../package.json', '/..%2fpackage.json', '/%2e%2e/package.json',
    '/storydiff/../../package.json', '/%2e%2e%2f%2e%2e%2fetc/passwd', '/..\\package.json', '/%00', '/missing.js']) {
    const res = await get(path);
    assert.equal(res.status, 404, path);
    assert.doesNotMatch(res.body, /storydiff\.wasm|"name": "storydiff"|root:/, path);
  }
});

test('GET and HEAD only', async () => {
  const head = await get('/index.html', 'HEAD');
  assert.equal(head.status, 200);
  assert.equal(head.body, '');
  assert.ok(Number(head.headers['content-length']) > 0);
  for (const method of ['POST', 'PUT', 'DELETE']) assert.equal((await get('/index.html', method)).status, 405, method);
});
