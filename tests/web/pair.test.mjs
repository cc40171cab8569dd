// Two documents dropped on the page: what is shown is the engine's result, sentence by sentence.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { DEFAULT_OPTIONS, assertClean, dropFiles, expected, launch, openPage, sample, serve, shownClaims, shownStats, waitShown } from './helpers.mjs';

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

const OLD = sample('city-budget-vote', 'v1.txt');
const NEW = sample('city-budget-vote', 'v2.txt');

// Where each sentence is in the result: entry index by [doc][sentence].
function entryOf(result) {
  const where = [new Map(), new Map()];
  result.alignment.forEach((e, i) => {
    for (const k of e.a) where[0].set(k, i);
    for (const k of e.b) where[1].set(k, i);
  });
  return where;
}

function checkClaims(result, claims, { inline = false } = {}) {
  const where = entryOf(result);
  const seen = [new Set(), new Set()];
  for (const c of claims) {
    const i = where[c.doc].get(c.index);
    assert.ok(i !== undefined, `sentence ${c.doc}/${c.index} is not in the result`);
    const e = result.alignment[i];
    assert.equal(c.op, e.op, `op of sentence ${c.doc}/${c.index}`);
    assert.equal(c.moved, String(e.moved), `moved of sentence ${c.doc}/${c.index}`);
    const text = inline && c.doc === 1 ? c.kept : c.text;
    assert.equal(text, result.documents[c.doc].sentences[c.index].text, `text of sentence ${c.doc}/${c.index}`);
    assert.ok(!seen[c.doc].has(c.index), `sentence ${c.doc}/${c.index} shown twice`);
    seen[c.doc].add(c.index);
  }
  if (inline) {
    // The new document whole, and the removed old sentences.
    assert.equal(seen[1].size, result.documents[1].sentences.length);
    const removed = result.alignment.filter((e) => e.op === 'removed').flatMap((e) => e.a);
    assert.deepEqual([...seen[0]].sort((x, y) => x - y), removed.sort((x, y) => x - y));
  } else {
    assert.equal(seen[0].size, result.documents[0].sentences.length, 'every old sentence shown once');
    assert.equal(seen[1].size, result.documents[1].sentences.length, 'every new sentence shown once');
  }
}

function checkStats(result, shown) {
  const s = result.stats;
  assert.deepEqual(
    { added: shown.added, removed: shown.removed, modified: shown.modified, moved: shown.moved, equal: shown.equal, overlap: shown.overlap },
    { added: String(s.added), removed: String(s.removed), modified: String(s.modified), moved: String(s.moved), equal: String(s.equal), overlap: `${Math.round(s.overlap * 100)}%` },
  );
}

test('the bundled sample comparison is shown on load', async () => {
  const { page } = browser;
  const names = await page.$$eval('#docs .doc .name', (els) => els.map((el) => el.textContent));
  assert.deepEqual(names, ['harbor-ferry-fire/v1.txt', 'harbor-ferry-fire/v2.txt']);
  const result = await expected([sample('harbor-ferry-fire', 'v1.txt', names[0]), sample('harbor-ferry-fire', 'v2.txt', names[1])]);
  checkClaims(result, await shownClaims(page));
  checkStats(result, await shownStats(page));
});

test('two dropped files: every claim element carries the op and moved flag of the engine result, and the counts match', async () => {
  const { page } = browser;
  await dropFiles(page, [OLD, NEW]);
  const result = await expected([OLD, NEW]);
  const claims = await shownClaims(page);
  checkClaims(result, claims);
  checkStats(result, await shownStats(page));

  // Rows in the result's order, one per alignment entry, plus a "moved away" row per moved entry.
  const rows = await page.$$eval('#view .row', (els) => els.map((el) => ({ entry: Number(el.dataset.entry), ghost: el.classList.contains('ghost') })));
  assert.deepEqual(rows.filter((r) => !r.ghost).map((r) => r.entry), result.alignment.map((_, i) => i));
  const moved = result.alignment.flatMap((e, i) => (e.moved ? [i] : []));
  assert.deepEqual(rows.filter((r) => r.ghost).map((r) => r.entry).sort((x, y) => x - y), moved);
  assert.ok(moved.length > 0, 'the sample has moved claims');
  for (const i of moved) {
    const links = await page.$$eval(`#view .row[data-entry="${i}"] a.move-link`, (els) => els.map((el) => el.getAttribute('href')));
    assert.equal(links.length, 2, `moved entry ${i}: a link on each side of the move`);
  }

  // Word-level changes inside modified claims: struck words on the left, underlined on the right.
  for (const [i, e] of result.alignment.entries()) {
    if (e.op !== 'modified') continue;
    const marks = await page.$eval(`#view .row[data-entry="${i}"]:not(.ghost)`, (row) => ({
      del: [...row.querySelectorAll('.side.old del')].map((el) => el.textContent).join(''),
      ins: [...row.querySelectorAll('.side.new ins')].map((el) => el.textContent).join(''),
    }));
    const squash = (s) => s.replace(/\s+/g, '');
    assert.equal(squash(marks.del), squash(e.tokens.filter((t) => t.op === 'delete').map((t) => t.text).join('')), `deleted words of entry ${i}`);
    assert.equal(squash(marks.ins), squash(e.tokens.filter((t) => t.op === 'insert').map((t) => t.text).join('')), `inserted words of entry ${i}`);
  }

  // Call-outs: one button per call-out, in order, and each jumps to its claim.
  const callouts = result.alignment.flatMap((e) => e.callouts ?? []);
  const shownCallouts = await page.$$eval('#summary button.callout', (els) => els.map((el) => el.dataset.kind));
  assert.deepEqual(shownCallouts, callouts.map((c) => c.kind));
  if (callouts.length) {
    await page.click('#summary button.callout >> nth=0');
    const current = await page.$eval('#view .row.current', (el) => Number(el.dataset.entry));
    assert.ok(result.alignment[current].callouts?.length, 'the first call-out jumps to a claim with call-outs');
  }
  await assertClean(page, browser.log);
});

test('navigation: n/j and p/k, the buttons and the change list walk the changes in order', async () => {
  const { page } = browser;
  const result = await expected([OLD, NEW]);
  const changes = result.alignment.flatMap((e, i) => (e.op !== 'equal' || e.moved ? [i] : []));
  await page.click('#view'); // focus outside any input
  await page.evaluate(() => document.activeElement.blur());
  const current = () => page.$eval('#view .row.current', (el) => Number(el.dataset.entry));
  await page.keyboard.press('Home');
  // The call-out click above moved the position; start from the first change.
  for (let k = 0; k < changes.length; ++k) await page.keyboard.press('p');
  assert.equal(await current(), changes[0]);
  await page.keyboard.press('n');
  assert.equal(await current(), changes[1]);
  await page.keyboard.press('j');
  assert.equal(await current(), changes[2]);
  await page.keyboard.press('k');
  assert.equal(await current(), changes[1]);
  await page.click('#next');
  assert.equal(await current(), changes[2]);
  assert.match(await page.textContent('#position'), new RegExp(`^3 of ${changes.length} changes`));
  const listed = await page.$$eval('#changes li button', (els) => els.length);
  assert.equal(listed, changes.length);
  await page.click(`#changes li:nth-child(${changes.length}) button`);
  assert.equal(await current(), changes[changes.length - 1]);
  // The overview bar has a mark for the changes.
  assert.ok((await page.$$eval('#overview .tick', (els) => els.length)) > 0);
});

test('inline view: the new text with the old inside, same ops', async () => {
  const { page } = browser;
  await page.check('input[name="layout"][value="inline"]');
  await waitShown(page);
  const result = await expected([OLD, NEW]);
  checkClaims(result, await shownClaims(page), { inline: true });
  await page.check('input[name="layout"][value="split"]');
  await waitShown(page);
  checkClaims(result, await shownClaims(page));
});

test('options rerun the comparison live', async () => {
  const { page } = browser;
  const options = { ...DEFAULT_OPTIONS, ignore_case: true, ignore_punctuation: true, threshold: 0.5 };
  await page.check('#ignore-case');
  await page.check('#ignore-punctuation');
  await page.$eval('#threshold', (el) => {
    el.value = '0.5';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  const result = await expected([OLD, NEW], options);
  await page.waitForFunction(
    (stats) => document.querySelector('#view').dataset.state === 'done' && document.querySelector('#summary [data-stat="modified"] .num')?.textContent === String(stats.modified) && document.querySelector('#threshold-out').textContent === '0.50',
    result.stats,
  );
  await waitShown(page);
  checkClaims(result, await shownClaims(page));
  checkStats(result, await shownStats(page));

  // The JSON export is the engine's result for these options, byte for byte what the package gives.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
  assert.match(download.suggestedFilename(), /^storydiff-v1-vs-v2\.json$/);
  const exported = JSON.parse(await readFile(await download.path(), 'utf8'));
  assert.deepEqual(exported, result);

  // The HTML report: one self-contained file with no script.
  const [report] = await Promise.all([page.waitForEvent('download'), page.click('#export-html')]);
  const html = await readFile(await report.path(), 'utf8');
  assert.match(html, /^<!doctype html>/i);
  assert.doesNotMatch(html, /<script/i);
  assert.match(html, /Content-Security-Policy/);

  for (const id of ['#ignore-case', '#ignore-punctuation']) await page.uncheck(id);
  await page.$eval('#threshold', (el) => {
    el.value = '0.25';
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });
  await assertClean(page, browser.log);
});

test('documents can be swapped and removed', async () => {
  const { page } = browser;
  await page.click('#swap');
  await page.waitForFunction(() => document.querySelector('#docs .doc .name')?.textContent === 'v2.txt');
  await waitShown(page);
  const result = await expected([NEW, OLD]);
  await page.waitForFunction((n) => document.querySelector('#summary [data-stat="added"] .num')?.textContent === String(n), result.stats.added);
  checkClaims(result, await shownClaims(page));
  await page.click('#docs .doc[data-doc="1"] button.remove');
  await page.waitForSelector('#view[data-state="empty"]');
  assert.deepEqual(await page.$$eval('#docs .doc .name', (els) => els.map((el) => el.textContent)), ['v2.txt']);
  // One more file makes a pair again.
  await dropFiles(page, [OLD], { wait: false });
  await page.waitForFunction(() => document.querySelectorAll('#docs .doc').length === 2 && document.querySelector('#view').dataset.state === 'done');
  checkClaims(result, await shownClaims(page));
});
