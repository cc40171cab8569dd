// Shared by the browser tests (tests/web/*.test.mjs): the page served by scripts/serve.mjs on a
// free port, Debian's Chromium through playwright-core, real drop events, the expected result from
// the npm package in Node (dist/), and a guard that records every request.
//
// Run with: npm run test:web (installs Chromium and builds the page when needed).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const screenshots = join(root, 'tests', 'web', 'screenshots');
const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
// Without the background-networking flags Chromium keeps trying to reach the internet.
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The page's default comparison options (the engine's defaults, as the page shows them). */
export const DEFAULT_OPTIONS = { threshold: 0.25, ignore_case: false, ignore_punctuation: false, detect_moves: true, detect_splits: true };
/** The page reads untrusted files forgivingly. */
export const READ_OPTIONS = { replace_invalid_utf8: true };

/** Starts scripts/serve.mjs on a free port; resolves with { url, origin, close }. */
export async function serve() {
  assert.ok(existsSync(join(root, 'build-web', 'index.html')), 'build-web/ is not built: run bash scripts/build-web.sh (npm run test:web does)');
  const child = spawn(process.execPath, [join(root, 'scripts', 'serve.mjs'), '--quiet'], {
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/^(http:\/\/127\.0\.0\.1:\d+\/)\n/);
      if (m) resolve(m[1]);
    });
    child.once('exit', (code) => reject(new Error(`serve.mjs exited (${code}) before listening`)));
    setTimeout(() => reject(new Error('serve.mjs did not print its address')), 10000).unref();
  });
  return {
    url,
    origin: new URL(url).origin,
    close: () => new Promise((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', resolve);
      child.kill('SIGTERM');
    }),
  };
}

/**
 * Launches Chromium with a fresh profile. Every request is recorded in `requests`; any that would
 * leave `origin` is recorded in `foreign` and aborted. Page errors, dialogs and CSP violations
 * are recorded too.
 */
export async function launch(origin, { viewport = { width: 1280, height: 900 }, colorScheme = 'light', acceptDownloads = true } = {}) {
  assert.ok(existsSync(CHROMIUM), `${CHROMIUM} is missing: run bash scripts/setup.sh browser`);
  const { chromium } = await import('playwright-core');
  const profile = mkdtempSync(join(tmpdir(), 'storydiff-web-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    viewport,
    colorScheme,
    acceptDownloads,
  });
  const log = { requests: [], foreign: [], errors: [], dialogs: [], violations: [], console: [] };
  const allowed = (url) => url.startsWith(`${origin}/`) || url.startsWith('blob:') || url.startsWith('data:');
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (allowed(url)) return route.continue();
    log.foreign.push(url);
    return route.abort();
  });
  context.on('request', (request) => {
    log.requests.push(request.url());
    if (!allowed(request.url())) log.foreign.push(request.url());
  });
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => log.errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') log.console.push(message.text());
  });
  page.on('dialog', (dialog) => {
    log.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  return {
    context,
    page,
    log,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the page and waits for its first comparison (the bundled sample) to be shown. */
export async function openPage(page, url) {
  await page.goto(url);
  await waitShown(page);
}

/** Waits until the view has finished rendering a comparison. */
export async function waitShown(page, timeout = 30000) {
  await page.waitForSelector('#view[data-state="done"]', { timeout });
}

/**
 * Drops files on the page with a real drop event: a DataTransfer built in the page, holding
 * File objects, dispatched as dragenter, dragover and drop. files: [{ name, text } | { name, base64 }].
 * Resolves once the page lists the dropped names and has shown the comparison.
 */
export async function dropFiles(page, files, { wait = true, timeout = 30000 } = {}) {
  const dataTransfer = await page.evaluateHandle((list) => {
    const dt = new DataTransfer();
    for (const f of list) {
      const body = f.base64 !== undefined ? Uint8Array.from(atob(f.base64), (c) => c.charCodeAt(0)) : f.text;
      dt.items.add(new File([body], f.name, { type: f.type ?? '' }));
    }
    return dt;
  }, files);
  await page.dispatchEvent('body', 'dragenter', { dataTransfer });
  await page.dispatchEvent('body', 'dragover', { dataTransfer });
  await page.dispatchEvent('body', 'drop', { dataTransfer });
  if (wait) await waitForDocs(page, files.map((f) => f.name), timeout);
  return dataTransfer;
}

/** Waits until the document list shows `names` and the comparison of them is shown. */
export async function waitForDocs(page, names, timeout = 30000) {
  await page.waitForFunction(
    (expected) => {
      const shown = [...document.querySelectorAll('#docs .doc .name')].map((el) => el.textContent);
      return JSON.stringify(shown) === JSON.stringify(expected) && document.querySelector('#view').dataset.state === 'done';
    },
    names,
    { timeout },
  );
}

let sd = null;
/** The npm package from dist/, initialised. */
export async function engine() {
  if (!sd) {
    const entry = join(root, 'dist', 'storydiff.mjs');
    assert.ok(existsSync(entry), 'dist/ is not built: run bash scripts/build-wasm.sh');
    sd = await import(pathToFileURL(entry).href);
    await sd.init();
  }
  return sd;
}

/** The engine's result for `files` ({ name, text }), as the page asks for it. */
export async function expected(files, options = DEFAULT_OPTIONS) {
  const pkg = await engine();
  return pkg.compareMany(files.map((f) => ({ name: f.name, text: f.text })), options, READ_OPTIONS);
}

/** A sample file as { name, text }. */
export function sample(story, file, name = file) {
  return { name, text: readFileSync(join(root, 'samples', story, file), 'utf8') };
}

/**
 * Every claim element in the view: { op, moved, doc, index, text, kept }; `kept` leaves out the
 * struck (<del>) words, which the inline view shows inside the new sentences.
 */
export function shownClaims(page) {
  return page.$$eval('#view .claim', (els) =>
    els.map((el) => ({
      op: el.dataset.op,
      moved: el.dataset.moved,
      doc: Number(el.dataset.doc),
      index: Number(el.dataset.index),
      text: el.textContent,
      kept: [...el.childNodes].filter((n) => n.nodeName !== 'DEL').map((n) => n.textContent).join(''),
    })),
  );
}

/** The counts in the summary, by data-stat. */
export function shownStats(page) {
  return page.$$eval('#summary [data-stat]', (els) => Object.fromEntries(els.map((el) => [el.dataset.stat, el.querySelector('.num').textContent])));
}

export function ensureScreenshots() {
  mkdirSync(screenshots, { recursive: true });
  return screenshots;
}

/** Asserts the page kept to itself: no request off the origin, no error, no CSP violation. */
export async function assertClean(page, log) {
  assert.deepEqual(log.foreign, [], 'requests left the origin');
  assert.deepEqual(log.errors, [], 'page errors');
  assert.deepEqual(log.dialogs, [], 'dialogs opened');
  const violations = await page.evaluate(() => window.__violations);
  assert.deepEqual(violations, [], 'Content-Security-Policy violations');
}
