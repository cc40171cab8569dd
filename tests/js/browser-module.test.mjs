// The npm package in a browser with no bundler: dist/ served as static files, a page whose plain
// <script type="module"> imports ./dist/storydiff.mjs, and a module Web Worker
// (new Worker(url, { type: 'module' })) that imports it too. Both compare two sample pairs,
// fetched as bytes, and must give the JSON Node's compareToJson gives, byte for byte. Skipped
// when Chromium is not installed.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch } from '../web/helpers.mjs';
import { browserSkip, dist, entryUrl, loadPackage, readRel, root, samplePairs, serveStatic } from './helpers.mjs';

// Two pairs: two versions of an article (plain text), and an article against an outlet's HTML
// page (the format read from the name).
const all = samplePairs();
const pairs = [all.find((p) => /\/v2\.txt$/.test(p.new)) ?? all[0], all.find((p) => /\.html?$/.test(p.new)) ?? all[1]];

// The page and the worker, with no build step; the texts are fetched by their repository paths,
// which are also their names.
const PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>storydiff as a plain ES module</title></head>
<body>
<pre id="out"></pre>
<script type="module">
import { init, compareToJson, StorydiffError, version } from './dist/storydiff.mjs';

const out = document.getElementById('out');
async function doc(name) {
  const response = await fetch(name);
  if (!response.ok) throw new Error(name + ': HTTP ' + response.status);
  return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}
try {
  const diagnostics = [];
  await init({ printErr: (text) => diagnostics.push(text) });
  const pairs = JSON.parse(new URLSearchParams(location.search).get('pairs'));
  const json = [];
  for (const [a, b] of pairs) json.push(compareToJson(await doc(a), await doc(b)));
  let error = null;
  try {
    compareToJson('ok.', new Uint8Array([0x6f, 0xff]));
  } catch (e) {
    error = { isStorydiffError: e instanceof StorydiffError, code: e.code };
  }
  out.textContent = JSON.stringify({ version, json, error, diagnostics });
  document.body.dataset.done = 'ok';
} catch (e) {
  out.textContent = String(e && e.stack || e);
  document.body.dataset.done = 'error';
}
</script>
</body>
</html>
`;

const WORKER_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>storydiff in a module Web Worker</title></head>
<body>
<pre id="out"></pre>
<script type="module">
const out = document.getElementById('out');
const worker = new Worker(new URL('./worker.mjs', import.meta.url), { type: 'module' });
worker.onmessage = ({ data }) => {
  out.textContent = JSON.stringify(data);
  document.body.dataset.done = data.error ? 'error' : 'ok';
};
worker.onerror = (event) => {
  out.textContent = 'worker error: ' + (event.message || 'failed to load');
  document.body.dataset.done = 'error';
};
worker.postMessage({ pairs: JSON.parse(new URLSearchParams(location.search).get('pairs')) });
</script>
</body>
</html>
`;

const WORKER = `import { init, compareToJson } from './dist/storydiff.mjs';

async function doc(name) {
  const response = await fetch(name);
  if (!response.ok) throw new Error(name + ': HTTP ' + response.status);
  return { name, bytes: new Uint8Array(await response.arrayBuffer()) };
}
self.onmessage = async ({ data }) => {
  try {
    await init();
    const json = [];
    for (const [a, b] of data.pairs) json.push(compareToJson(await doc(a), await doc(b)));
    self.postMessage({ json, inWorker: typeof window === 'undefined' });
  } catch (e) {
    self.postMessage({ error: String(e && e.stack || e) });
  }
};
`;

/** Node's JSON for every pair, the texts named by their repository paths. */
async function nodeJson() {
  const sd = await loadPackage();
  await sd.init();
  return pairs.map((p) => sd.compareToJson({ name: p.old, bytes: readRel(p.old) }, { name: p.new, bytes: readRel(p.new) }));
}

describe('the package as a plain ES module in Chromium, no bundler', { skip: browserSkip() }, () => {
  const pages = mkdtempSync(join(tmpdir(), 'storydiff-module-'));
  const query = `?pairs=${encodeURIComponent(JSON.stringify(pairs.map((p) => [p.old, p.new])))}`;
  let server;
  let browser;

  before(async () => {
    entryUrl(); // fails with the build command when dist/ is missing
    writeFileSync(join(pages, 'index.html'), PAGE);
    writeFileSync(join(pages, 'worker.html'), WORKER_PAGE);
    writeFileSync(join(pages, 'worker.mjs'), WORKER);
    // The pages at /, the package at /dist/, each text at its repository path.
    const texts = [...new Set(pairs.flatMap((p) => [dirname(p.old), dirname(p.new)]))].map((d) => [`/${d}/`, join(root, d)]);
    server = await serveStatic([['/', pages], ['/dist/', dist], ...texts]);
    browser = await launch(server.origin);
  }, { timeout: 60_000 });
  after(async () => {
    await browser?.close();
    await server?.close();
    rmSync(pages, { recursive: true, force: true });
  });

  async function open(page) {
    await browser.page.goto(`${server.url}${page}${query}`);
    await browser.page.waitForSelector('body[data-done]', { timeout: 30_000 });
    const done = await browser.page.evaluate(() => document.body.dataset.done);
    const text = await browser.page.textContent('#out');
    assert.equal(done, 'ok', `${page} failed: ${text}`);
    return JSON.parse(text);
  }

  test('<script type="module"> importing ./dist/storydiff.mjs gives Node\'s JSON byte for byte', { timeout: 60_000 }, async () => {
    const got = await open('index.html');
    const want = await nodeJson();
    assert.equal(got.json.length, pairs.length);
    pairs.forEach((p, k) => assert.equal(got.json[k], want[k], `${p.old} vs ${p.new}`));
    assert.equal(got.version, (await loadPackage()).version);
    assert.deepEqual(got.error, { isStorydiffError: true, code: 'invalid_utf8' }, 'a StorydiffError with its code');
    // Nothing went wrong quietly: no fallback from streaming compilation, nothing fetched twice.
    assert.deepEqual(got.diagnostics, [], 'the module printed no diagnostics');
    assert.equal(server.served.filter((r) => r === '200 /dist/storydiff.wasm').length, 1, server.served.join(', '));
    assert.deepEqual(browser.log.errors, [], 'page errors');
    assert.deepEqual(browser.log.foreign, [], 'requests off the origin');
  });

  test('a module Web Worker importing ./dist/storydiff.mjs gives Node\'s JSON byte for byte', { timeout: 60_000 }, async () => {
    const got = await open('worker.html');
    const want = await nodeJson();
    assert.equal(got.inWorker, true);
    assert.equal(got.json.length, pairs.length);
    pairs.forEach((p, k) => assert.equal(got.json[k], want[k], `${p.old} vs ${p.new} in the worker`));
    assert.ok(server.served.includes('200 /worker.mjs'));
    assert.deepEqual(browser.log.errors, [], 'page errors');
  });
});
