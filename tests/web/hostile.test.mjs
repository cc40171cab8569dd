// Hostile documents: scripts, event handlers, javascript: links, remote images, an SVG with a
// script, a file name with markup. Nothing runs, the text shows as text, no request leaves.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { assertClean, dropFiles, launch, openPage, root, serve, shownClaims } from './helpers.mjs';

const fixture = (file, name = file) => ({ name, text: readFileSync(join(root, 'tests', 'web', 'fixtures', file), 'utf8') });
const TXT = fixture('hostile.txt', '<img src=x onerror="window.__pwned=40;alert(40)">.txt');
const HTML = fixture('hostile.html');
const MD = fixture('hostile.md');
const SVG = fixture('hostile.svg');

let server;
let browser;
before(async () => {
  server = await serve();
  browser = await launch(server.origin);
  await openPage(browser.page, server.url);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

// Elements and attributes that could run or load something; none may appear in the page.
const DANGEROUS =
  'body :is(script, img, iframe, frame, object, embed, svg, video, audio, link, meta, style, a[href^="javascript" i], [onerror], [onload], [onclick], [onmouseover], [srcdoc])';

async function assertInert(page) {
  // Poke everything: hover and click every claim, as a reader would.
  await page.evaluate(() => {
    for (const el of document.querySelectorAll('#view .claim, #docs .name, #summary *')) {
      el.dispatchEvent(new MouseEvent('mouseover', { bubbles: true }));
      el.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    }
  });
  await page.waitForTimeout(200); // give an onerror or a timer the chance to fire
  const state = await page.evaluate((selector) => ({
    pwned: window.__pwned ?? parent.__pwned ?? null,
    scripts: [...document.scripts].map((s) => s.getAttribute('src')),
    dangerous: [...document.querySelectorAll(selector)].map((el) => el.outerHTML.slice(0, 80)),
  }), DANGEROUS);
  assert.equal(state.pwned, null, 'a hostile script ran');
  assert.deepEqual(state.scripts, ['app.js'], 'only the page’s own module script');
  assert.deepEqual(state.dangerous, []);
}

test('a text file and an HTML page full of markup: shown as text, nothing runs', async () => {
  const { page, log } = browser;
  await dropFiles(page, [TXT, HTML]);
  await assertInert(page);
  const claims = await shownClaims(page);
  const texts = claims.map((c) => c.text);
  assert.ok(texts.includes('The mayor said the <script>window.__pwned = 1; alert(1)</script> plan was final.'), 'the script tag shows as text');
  assert.ok(texts.some((t) => t.includes('<img src=x onerror="window.__pwned = 2; alert(2)">')), 'the img tag shows as text');
  assert.ok(texts.some((t) => t.includes('<a href="javascript:window.__pwned = 3">this link</a>')), 'the javascript: link shows as text');
  assert.ok(texts.some((t) => t.includes('The literal text <script>alert(16)</script> was quoted')), 'decoded entities show as text');
  const names = await page.$$eval('#docs .doc .name', (els) => els.map((el) => el.textContent));
  assert.deepEqual(names, [TXT.name, HTML.name], 'the file name shows as text');
  const titles = await page.$$eval('#docs .doc-title', (els) => els.map((el) => el.textContent));
  assert.ok(titles.includes('Council <script>alert(1)</script> vote'), 'the HTML title shows as text');
  await page.check('input[name="layout"][value="inline"]');
  await page.waitForSelector('#view[data-state="done"]');
  await assertInert(page);
  await page.check('input[name="layout"][value="split"]');
  await page.waitForSelector('#view[data-state="done"]');
  await assertClean(page, log);
});

test('Markdown with javascript: links and an SVG with scripts', async () => {
  const { page, log } = browser;
  await dropFiles(page, [MD, SVG]);
  await assertInert(page);
  const texts = (await shownClaims(page)).map((c) => c.text);
  assert.ok(texts.some((t) => t.includes('<script>window.__pwned = 31; alert(31)</script>')), 'the SVG’s script shows as text');
  await assertClean(page, log);
});

test('four hostile documents in the claims grid, every wording opened', async () => {
  const { page, log } = browser;
  await dropFiles(page, [TXT, HTML, MD, SVG]);
  await page.waitForSelector('#view table.grid');
  const cells = await page.$$('#view .cell.present button');
  assert.ok(cells.length > 4);
  for (const cell of cells) await cell.click();
  await assertInert(page);
  for (let d = 0; d < 4; ++d) {
    await page.selectOption('#claim-filter', `outlet:${d}`);
    await page.waitForSelector('#view[data-state="done"] .outlet-view');
    await assertInert(page);
  }
  // The HTML report of hostile documents is escaped too.
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
  const html = await readFile(await report.path(), 'utf8');
  assert.doesNotMatch(html, /<script|<img|<iframe|<svg|href="javascript/i);
  assert.match(html, /&lt;script&gt;/);
  await assertClean(page, log);
});

test('the request guard sees a request that leaves the origin (control)', async () => {
  const { context, log } = browser;
  const before = log.foreign.length;
  const other = await context.newPage();
  await other.goto('https://evil.example/').catch(() => {});
  await other.close();
  assert.deepEqual(log.foreign.slice(before, before + 1), ['https://evil.example/']);
  log.foreign.splice(before);
});
