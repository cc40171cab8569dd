// The npm package in a bundled browser app, as a user builds one: `npm pack` → `npm install
// --offline` of the tarball into a folder holding the tiny app of tests/js/fixtures/app/ → esbuild
// (format esm, bundle, platform browser; the .wasm imported as 'storydiff/storydiff.wasm' through
// esbuild's file loader) → the out folder served over HTTP → headless Chromium. The page must show
// what the package gives in Node for the same two texts, byte for byte. Without Chromium the
// browser tests are skipped (the bundle is still built and checked).
import assert from 'node:assert/strict';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';

import { launch } from '../web/helpers.mjs';
import { browserSkip, dist, fixtures, installTarball, loadPackage, packPackage, readRel, root, samplePairs, serveStatic } from './helpers.mjs';

const work = mkdtempSync(join(tmpdir(), 'storydiff-bundler-'));
const app = join(work, 'app');
const out = join(app, 'out');
const skipBrowser = browserSkip();
// Two comparisons, each with its own texts (served under out/texts/, named by their path there).
const pairs = samplePairs().slice(0, 2).map((p) => ({ ...p, oldPath: `texts/${p.old}`, newPath: `texts/${p.new}` }));
let bundle; // esbuild's result

before(async () => {
  const { tarball } = packPackage(work);
  cpSync(join(fixtures, 'app'), app, { recursive: true });
  installTarball(tarball, app);
  const esbuild = await import('esbuild');
  bundle = await esbuild.build({
    absWorkingDir: app,
    entryPoints: ['main.js'],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    outdir: out,
    loader: { '.wasm': 'file' },
    assetNames: '[name]-[hash]',
    metafile: true,
    logLevel: 'silent',
  });
  copyFileSync(join(app, 'index.html'), join(out, 'index.html'));
  for (const p of pairs) {
    for (const [rel, path] of [[p.old, p.oldPath], [p.new, p.newPath]]) {
      mkdirSync(dirname(join(out, path)), { recursive: true });
      copyFileSync(join(root, rel), join(out, path));
    }
  }
}, { timeout: 180_000 });
after(() => rmSync(work, { recursive: true, force: true }));

/** What the package gives in Node for the pair, as the app names the texts. */
async function nodeJson(pair) {
  const sd = await loadPackage();
  await sd.init();
  return sd.compareToJson({ name: pair.oldPath, bytes: readRel(pair.old) }, { name: pair.newPath, bytes: readRel(pair.new) });
}

test('esbuild bundles the installed package for the browser, without warnings', () => {
  const messages = (list) => list.map((m) => `${m.location?.file ?? ''}:${m.location?.line ?? ''} ${m.text}`);
  assert.deepEqual(messages(bundle.errors), [], 'esbuild errors');
  assert.deepEqual(messages(bundle.warnings), [], 'esbuild warnings');
  const inputs = Object.keys(bundle.metafile.inputs);
  assert.ok(inputs.includes('node_modules/storydiff/dist/storydiff.mjs'), `the installed package is bundled: ${inputs.join(', ')}`);
  assert.ok(inputs.includes('node_modules/storydiff/dist/storydiff-core.mjs'), 'with its Emscripten glue');
  const wasm = readdirSync(out).filter((f) => f.endsWith('.wasm'));
  assert.equal(wasm.length, 1, `one .wasm emitted by the file loader: ${wasm.join(', ')}`);
  assert.match(wasm[0], /^storydiff-[A-Z0-9]+\.wasm$/);
  assert.ok(readFileSync(join(out, wasm[0])).equals(readFileSync(join(dist, 'storydiff.wasm'))), 'the emitted .wasm is the package\'s');
  const code = readFileSync(join(out, 'main.js'), 'utf8');
  assert.doesNotMatch(code, /\bfrom\s*["']node:|\brequire\(\s*["']node:/, 'no static Node import left in the browser bundle');
});

describe('the bundled app in Chromium', { skip: skipBrowser }, () => {
  let server;
  let browser;

  before(async () => {
    server = await serveStatic([['/', out]]);
    browser = await launch(server.origin);
  }, { timeout: 60_000 });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Opens the app on a pair; resolves with what the page shows. */
  async function show(pair, wasm) {
    const query = new URLSearchParams({ old: pair.oldPath, new: pair.newPath, wasm });
    const { page } = browser;
    await page.goto(`${server.url}index.html?${query}`);
    await page.waitForSelector('#result[data-done]', { timeout: 30_000 });
    return page.evaluate(() => ({
      done: document.querySelector('#result').dataset.done,
      error: document.querySelector('#error').textContent,
      code: document.querySelector('#error').dataset.code ?? '',
      json: document.querySelector('#json').textContent,
      status: document.querySelector('#status').textContent,
      stats: Object.fromEntries([...document.querySelectorAll('#stats [data-stat]')].map((el) => [el.dataset.stat, el.querySelector('.num').textContent])),
    }));
  }

  function assertSame(shown, want) {
    assert.equal(shown.error, '', 'no error shown');
    assert.equal(shown.done, 'ok');
    assert.equal(shown.json, want, 'the page shows the JSON Node gives, byte for byte');
    const stats = JSON.parse(want).stats;
    assert.deepEqual(shown.stats, Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, String(v)])), 'the counts shown');
    assert.match(shown.status, /^storydiff \d+\.\d+\.\d+: \d+ claims, \d+ modified$/);
  }

  test('with locateFile to the .wasm the bundler emitted: the result Node gives', { timeout: 60_000 }, async () => {
    const shown = await show(pairs[0], 'locate');
    assertSame(shown, await nodeJson(pairs[0]));
    const wasm = readdirSync(out).find((f) => /^storydiff-.+\.wasm$/.test(f));
    assert.ok(server.served.includes(`200 /${wasm}`), `the page loaded /${wasm}: ${server.served.join(', ')}`);
    assert.deepEqual(browser.log.errors, [], 'page errors');
    assert.deepEqual(browser.log.foreign, [], 'requests off the origin');
  });

  test('with wasmBinary fetched by the app: the result Node gives', { timeout: 60_000 }, async () => {
    const shown = await show(pairs[1], 'binary');
    assertSame(shown, await nodeJson(pairs[1]));
    assert.deepEqual(browser.log.errors, [], 'page errors');
  });

  test('with no init options: an error in the page until storydiff.wasm is beside the bundle', { timeout: 60_000 }, async () => {
    const beside = join(out, 'storydiff.wasm');
    assert.ok(!existsSync(beside));
    const failed = await show(pairs[0], 'beside');
    assert.equal(failed.done, 'error', `the page reports the missing .wasm: ${failed.status}`);
    assert.equal(failed.code, 'internal');
    // The message names the URL it tried and the fix, not Emscripten's build advice.
    assert.match(failed.error, /^StorydiffError: storydiff could not load its WebAssembly module from http:\/\/[^ ]+\/storydiff\.wasm: .*locateFile/);
    assert.doesNotMatch(failed.error, /ASSERTIONS/);
    assert.ok(server.served.includes('404 /storydiff.wasm'), 'it looked for storydiff.wasm beside the bundle');

    // The other way a user can do it: copy the package's exported .wasm beside the bundle.
    const exported = createRequire(join(app, 'main.js')).resolve('storydiff/storydiff.wasm');
    copyFileSync(exported, beside);
    assertSame(await show(pairs[0], 'beside'), await nodeJson(pairs[0]));
    assert.deepEqual(browser.log.errors, [], 'page errors');
  });
});
