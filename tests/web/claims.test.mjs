// Three documents dropped: the claims × documents grid shows the engine's coverage.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { assertClean, dropFiles, expected, launch, openPage, sample, serve, shownClaims, shownStats, waitShown } from './helpers.mjs';

const FILES = [sample('harbor-ferry-fire', 'v1.txt'), sample('harbor-ferry-fire', 'v2.txt'), sample('harbor-ferry-fire', 'outlet.html')];

let server;
let browser;
let result;
before(async () => {
  server = await serve();
  browser = await launch(server.origin);
  await openPage(browser.page, server.url);
  result = await expected(FILES);
});
after(async () => {
  await browser?.close();
  await server?.close();
});

function gridCoverage(page) {
  return page.$$eval('#view tr.claim-row', (rows) =>
    rows.map((tr) => ({
      claim: Number(tr.dataset.claim),
      cells: [...tr.querySelectorAll('td.cell')].map((td) => ({ doc: Number(td.dataset.doc), covered: td.dataset.covered === 'true' })),
    })),
  );
}

test('three dropped files show the claims grid with the engine’s coverage', async () => {
  const { page } = browser;
  await dropFiles(page, FILES);
  assert.ok(result.claims && !result.alignment);
  const grid = await gridCoverage(page);
  assert.equal(grid.length, result.claims.length, 'one row per claim');
  grid.forEach((row, i) => {
    assert.equal(row.claim, i);
    assert.deepEqual(row.cells.map((c) => c.doc), [0, 1, 2]);
    assert.deepEqual(row.cells.map((c) => c.covered), result.coverage[i], `coverage of claim ${i}`);
  });
  const texts = await page.$$eval('#view tr.claim-row td.claim-text', (els) => els.map((el) => el.firstChild.textContent));
  assert.deepEqual(texts, result.claims.map((c) => c.text));
  const stats = await shownStats(page);
  assert.deepEqual([stats.claims, stats.in_all, stats.unique], [result.stats.claims, result.stats.in_all, result.stats.unique].map(String));
  const headers = await page.$$eval('#view table.grid th.doc-col', (els) => els.map((el) => el.title));
  assert.deepEqual(headers, FILES.map((f) => f.name));
});

test('a cell opens that document’s wording of the claim', async () => {
  const { page } = browser;
  // A claim whose wordings differ, opened in a document that is not the representative.
  const i = result.claims.findIndex((c) => c.members.some((m) => m.doc !== c.representative && m.similarity < 1));
  const claim = result.claims[i];
  const member = claim.members.find((m) => m.doc !== claim.representative && m.similarity < 1);
  await page.click(`#view td.cell[data-claim="${i}"][data-doc="${member.doc}"] button`);
  const shown = await page.$$eval(`#view tr.detail[data-claim="${i}"] .claim`, (els) => els.map((el) => ({ doc: Number(el.dataset.doc), index: Number(el.dataset.index), text: [...el.childNodes].filter((n) => n.nodeName !== 'DEL').map((n) => n.textContent).join('') })));
  assert.deepEqual(
    shown,
    member.sentences.map((k) => ({ doc: member.doc, index: k, text: result.documents[member.doc].sentences[k].text })),
  );
  assert.equal(await page.getAttribute(`#view td.cell[data-claim="${i}"][data-doc="${member.doc}"] button`, 'aria-expanded'), 'true');
});

test('filters: in every document, only in one, missing from one; and one document in its own order', async () => {
  const { page } = browser;
  const n = result.documents.length;
  const rowsOf = () => page.$$eval('#view tr.claim-row', (rows) => rows.map((tr) => Number(tr.dataset.claim)));
  await page.selectOption('#claim-filter', 'every');
  await waitShown(page);
  assert.deepEqual(await rowsOf(), result.claims.flatMap((c, i) => (c.docs.length === n ? [i] : [])));
  for (let d = 0; d < n; ++d) {
    await page.selectOption('#claim-filter', `only:${d}`);
    await waitShown(page);
    assert.deepEqual(await rowsOf(), result.unique[d], `only in document ${d}`);
    await page.selectOption('#claim-filter', `missing:${d}`);
    await waitShown(page);
    assert.deepEqual(await rowsOf(), result.claims.flatMap((c, i) => (c.docs.includes(d) ? [] : [i])), `missing from document ${d}`);
  }
  await page.selectOption('#claim-filter', 'outlet:2');
  await waitShown(page);
  const order = await page.$$eval('#view .outlet-claim', (els) => els.map((el) => Number(el.dataset.claim)));
  assert.deepEqual(order, result.claim_order[2]);
  // Every sentence of that document, once, in its order.
  const claims = await shownClaims(page);
  assert.deepEqual(claims.map((c) => c.index), result.documents[2].sentences.map((_, k) => k));
  assert.ok(claims.every((c) => c.doc === 2));
  await page.selectOption('#claim-filter', 'all');
  await waitShown(page);
});

test('removing one document returns to the two-document view', async () => {
  const { page } = browser;
  await page.click('#docs .doc[data-doc="2"] button.remove');
  await page.waitForFunction(() => document.querySelectorAll('#docs .doc').length === 2 && document.querySelector('#view').dataset.state === 'done');
  const pair = await expected(FILES.slice(0, 2));
  const claims = await shownClaims(page);
  assert.equal(claims.length, pair.stats.old_sentences + pair.stats.new_sentences);
  assert.ok(claims.every((c) => ['equal', 'modified', 'added', 'removed'].includes(c.op)));
  assert.equal(await page.$$eval('#view table.grid', (els) => els.length), 0);
  await assertClean(page, browser.log);
});
