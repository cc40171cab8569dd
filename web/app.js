// storydiff page — the controller: documents in (drop, file dialog, paste, samples), options,
// the engine worker, and the views (side by side, inline, claims grid), navigation and export.
import { append, clear, formatBytes, h, replace } from './dom.js';
import { Cancelled, Engine } from './engine.js';
import { GHOST } from './model.js';
import * as V from './views.js';

const $ = (id) => document.getElementById(id);
const MAX_DOCS = 20;
const PAIR_BATCH = 400; // rows per request while rendering a two-document comparison
const CLAIM_BATCH = 150;
const CHANGE_LIST_MAX = 500;
const FOLD_MIN = 3; // runs of at least this many unchanged claims collapse
const SLICE_MS = 8; // the longest the page builds rows without yielding
const EAGER_ROWS = 3000; // a comparison with more rows builds its unchanged runs lazily
const LAZY_ROW_REM = 4.5; // the height a row not yet built is taken to have
const CHUNK_ROWS = 60; // rows per .chunk (content-visibility: auto skips the layout of far chunks)
const FORMATS = ['auto', 'text', 'markdown', 'html', 'article'];
const reduceMotion = matchMedia('(prefers-reduced-motion: reduce)');

const state = {
  // The documents as Blobs (dropped and opened files are Files already): the page never copies
  // their bytes; the worker reads them. { name, blob, size, format, origin: sample | file | paste }
  docs: [],
  fromSample: false,
  layout: 'split',
  hideEqual: false,
  hideEqualTouched: false,
  claimFilter: 'all',
  header: null, // the current result's header (model.js)
  headerDocs: null, // the documents of that comparison as the page sent them
  changes: [], // two documents: rows that are changes; claims: row elements
  cur: -1,
  pendingJump: null,
  samples: [],
};
let runGen = 0; // bumped by every new comparison
let viewGen = 0; // bumped by every new rendering

// ------------------------------------------------------------------------------------------
// The engine.

const engine = new Engine((status) => {
  if (status.error) showError(`The engine could not start: ${status.error.message}`);
  if (status.ready) $('engine-version').textContent = `storydiff ${status.version}`;
});

let busyTimer = null;
function setBusy(text) {
  const busy = $('busy');
  clearInterval(busyTimer);
  busyTimer = null;
  if (!text) {
    busy.hidden = true;
    $('view').removeAttribute('aria-busy');
    return;
  }
  busy.hidden = false;
  $('view').setAttribute('aria-busy', 'true');
  if (typeof text === 'function') {
    const t0 = performance.now();
    const tick = () => {
      $('busy-text').textContent = text((performance.now() - t0) / 1000);
    };
    tick();
    busyTimer = setInterval(tick, 100);
  } else $('busy-text').textContent = text;
}

function setViewState(value) {
  $('view').dataset.state = value;
}

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
}

function options() {
  return {
    threshold: Number($('threshold').value),
    ignore_case: $('ignore-case').checked,
    ignore_punctuation: $('ignore-punctuation').checked,
    detect_moves: $('detect-moves').checked,
    detect_splits: $('detect-splits').checked,
  };
}

let runTimer = null;
function scheduleRun(delay = 150) {
  clearTimeout(runTimer);
  // What is shown, or still being worked out, is about to be replaced: let it finish unseen.
  ++runGen;
  ++viewGen;
  if (state.docs.length >= 2) setViewState('pending');
  runTimer = setTimeout(run, delay);
}

async function run() {
  clearTimeout(runTimer);
  const gen = ++runGen;
  ++viewGen;
  hideError();
  renderDocs();
  if (state.docs.length < 2) {
    if (engine.running) engine.restart();
    setBusy(false);
    showEmpty();
    return;
  }
  if (engine.running) engine.restart(); // cancels the comparison still running
  const docs = state.docs.slice();
  const total = docs.reduce((n, d) => n + d.size, 0);
  setViewState('busy');
  setBusy((s) => `Comparing ${docs.length} documents (${formatBytes(total)})… ${s.toFixed(1)} s`);
  $('export-json').disabled = $('export-html').disabled = true;
  let res;
  try {
    res = await engine.request({
      type: 'compare',
      docs: docs.map((d) => ({ name: d.name, blob: d.blob, format: d.format })),
      options: options(),
    });
  } catch (error) {
    if (error instanceof Cancelled || gen !== runGen) return;
    setBusy(false);
    clearResult();
    setViewState('error');
    showError(error.message);
    replace($('view'), h('p', { class: 'empty-state' }, 'No comparison: ', error.message));
    return;
  }
  if (gen !== runGen) return;
  state.header = res.header;
  state.headerDocs = docs;
  if (!state.hideEqualTouched) {
    state.hideEqual = res.header.kind === 'pair' && res.header.rowCount > 300;
    $('hide-equal').checked = state.hideEqual;
  }
  $('export-json').disabled = $('export-html').disabled = false;
  renderDocs();
  await yieldToBrowser(); // separate tasks: the page stays responsive between them
  if (gen !== runGen) return;
  renderSummary();
  await yieldToBrowser();
  if (gen !== runGen) return;
  await renderView();
}

// ------------------------------------------------------------------------------------------
// Documents in.

function addDocuments(loaded) {
  if (!loaded.length) return;
  if (loaded.length >= 2 || state.fromSample) state.docs = loaded;
  else state.docs = state.docs.concat(loaded);
  if (state.docs.length > MAX_DOCS) {
    showError(`At most ${MAX_DOCS} documents can be compared at once; kept the first ${MAX_DOCS}.`);
    state.docs = state.docs.slice(0, MAX_DOCS);
  }
  state.fromSample = false;
  $('sample').value = '';
  if (location.hash) history.replaceState(null, '', location.pathname + location.search);
  run();
}

function addFiles(fileList) {
  const files = [...fileList];
  if (!files.length) return;
  addDocuments(files.map((file) => ({ name: file.name || 'untitled', blob: file, size: file.size, format: 'auto', origin: 'file' })));
}

function hasFiles(event) {
  return !!event.dataTransfer && [...event.dataTransfer.types].includes('Files');
}

let dragDepth = 0;
document.addEventListener('dragenter', (event) => {
  if (!hasFiles(event)) return;
  event.preventDefault();
  ++dragDepth;
  $('drop-overlay').hidden = false;
});
document.addEventListener('dragover', (event) => {
  // Always: otherwise the browser opens a dropped file itself.
  event.preventDefault();
  if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy';
});
document.addEventListener('dragleave', () => {
  dragDepth = Math.max(0, dragDepth - 1);
  if (dragDepth === 0) $('drop-overlay').hidden = true;
});
document.addEventListener('drop', (event) => {
  event.preventDefault();
  dragDepth = 0;
  $('drop-overlay').hidden = true;
  if (event.dataTransfer && event.dataTransfer.files.length) addFiles(event.dataTransfer.files);
});

$('open').addEventListener('click', () => $('file').click());
$('file').addEventListener('change', (event) => {
  addFiles(event.target.files);
  event.target.value = '';
});

$('paste-toggle').addEventListener('click', () => {
  const form = $('paste');
  form.hidden = !form.hidden;
  $('paste-toggle').setAttribute('aria-expanded', String(!form.hidden));
  if (!form.hidden) $('paste-old').focus();
});
$('paste').addEventListener('submit', (event) => {
  event.preventDefault();
  const oldText = $('paste-old').value;
  const newText = $('paste-new').value;
  if (!oldText.trim() || !newText.trim()) {
    showError('Paste text into both panes: the old version and the new one.');
    return;
  }
  const doc = (name, text) => {
    const blob = new Blob([text], { type: 'text/plain' });
    return { name, blob, size: blob.size, format: 'auto', origin: 'paste' };
  };
  state.fromSample = true; // replace whatever was there
  addDocuments([doc('old (pasted)', oldText), doc('new (pasted)', newText)]);
});

function moveDoc(i, j) {
  const docs = state.docs.slice();
  [docs[i], docs[j]] = [docs[j], docs[i]];
  state.docs = docs;
  run();
}

function renderDocs() {
  const list = $('docs');
  clear(list);
  const n = state.docs.length;
  const compared = state.header && state.headerDocs && state.headerDocs.length === n && state.headerDocs.every((d, i) => d === state.docs[i]);
  state.docs.forEach((doc, i) => {
    const role = n === 2 ? (i === 0 ? 'Old' : 'New') : `${i + 1}`;
    const seen = compared ? state.header.documents[i] : null;
    const details = seen ? [seen.format, `${seen.sentences} sentences`, formatBytes(doc.size)] : [formatBytes(doc.size)];
    const select = h(
      'select',
      { 'aria-label': `Format of ${doc.name}`, on: { change: (e) => { state.docs[i] = { ...doc, format: e.target.value }; run(); } } },
      FORMATS.map((f) => h('option', { value: f, selected: f === doc.format }, f === 'auto' ? 'auto' : f)),
    );
    list.appendChild(
      h(
        'li',
        { class: 'doc', dataset: { doc: i, sentences: seen ? seen.sentences : undefined } },
        h('span', { class: 'role' }, role),
        h('span', { class: 'doc-main' },
          h('span', { class: 'name', title: doc.name }, doc.name),
          seen && seen.meta && seen.meta.title ? h('span', { class: 'doc-title' }, seen.meta.title) : null,
          h('span', { class: 'doc-meta' }, details.join(' · '))),
        h('span', { class: 'doc-actions' },
          select,
          n > 2 && i > 0 ? h('button', { type: 'button', class: 'small', 'aria-label': `Move ${doc.name} earlier`, on: { click: () => moveDoc(i, i - 1) } }, '↑') : null,
          n > 2 && i < n - 1 ? h('button', { type: 'button', class: 'small', 'aria-label': `Move ${doc.name} later`, on: { click: () => moveDoc(i, i + 1) } }, '↓') : null,
          h('button', { type: 'button', class: 'small remove', title: 'Remove', 'aria-label': `Remove ${doc.name}`, on: { click: () => { state.docs = state.docs.filter((_, k) => k !== i); run(); } } }, h('span', { 'aria-hidden': 'true' }, '✕'))),
      ),
    );
    if (n === 2 && i === 0) {
      list.appendChild(h('li', { class: 'swap' }, h('button', { type: 'button', class: 'small', id: 'swap', title: 'Swap old and new', 'aria-label': 'Swap old and new', on: { click: () => moveDoc(0, 1) } }, h('span', { 'aria-hidden': 'true' }, '⇄'))));
    }
  });
  const hint = $('docs-hint');
  hint.hidden = n >= 2;
  hint.textContent = n === 0 ? 'No documents yet.' : 'Add one more document to compare: drop it here, open it, or paste text.';
}

// ------------------------------------------------------------------------------------------
// Samples (samples.json, written by scripts/build-web.sh from samples/).

const SAMPLE_SETS = [
  ['v2', 'first version → update'],
  ['outlet', 'first version → another outlet'],
  ['all', 'all three (claims grid)'],
];

function sampleFiles(story, set) {
  const pick = (stem) => story.files.find((f) => f.name.split('.')[0] === stem);
  const files = set === 'all' ? [pick('v1'), pick('v2'), pick('outlet')] : [pick('v1'), pick(set)];
  return files.every(Boolean) ? files : null;
}

function loadSample(value, { updateHash = true } = {}) {
  const [id, set] = value.split(':');
  const story = state.samples.find((s) => s.id === id);
  const files = story && sampleFiles(story, set);
  if (!files) return false;
  state.docs = files.map((f) => {
    const blob = new Blob([f.text], { type: 'text/plain' });
    return { name: `${story.id}/${f.name}`, blob, size: blob.size, format: 'auto', origin: 'sample' };
  });
  state.fromSample = true;
  $('sample').value = value;
  if (updateHash) history.replaceState(null, '', `#sample=${encodeURIComponent(value)}`);
  run();
  return true;
}

async function loadSamples() {
  try {
    const response = await fetch(new URL('./samples.json', import.meta.url));
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    state.samples = await response.json();
  } catch (error) {
    state.samples = [];
    showError(`The bundled samples could not be loaded (${error.message}); drop your own files.`);
  }
  const select = $('sample');
  for (const story of state.samples) {
    select.appendChild(
      h('optgroup', { label: story.title }, SAMPLE_SETS.filter(([set]) => sampleFiles(story, set)).map(([set, label]) => h('option', { value: `${story.id}:${set}` }, label))),
    );
  }
}

$('sample').addEventListener('change', (event) => {
  if (event.target.value) loadSample(event.target.value);
});

// ------------------------------------------------------------------------------------------
// Summary and views.

function renderSummary() {
  const header = state.header;
  const summary = $('summary');
  summary.hidden = false;
  const warnings = header.warnings.length || header.approximate
    ? h(
        'ul',
        { class: 'warnings', 'aria-label': 'Warnings' },
        header.approximate ? h('li', {}, 'The documents are large and very different: the engine stopped early, the alignment may not be the best one.') : null,
        header.warnings.map((w) => h('li', {}, w)),
      )
    : null;
  if (header.kind === 'pair') replace(summary, V.pairSummary(header, (row) => jumpToRow(row)), warnings);
  else replace(summary, V.claimsSummary(header), warnings);
  replace($('legend'), header.kind === 'pair' ? V.pairLegend() : V.claimsLegend());
  for (const el of document.querySelectorAll('.pair-only')) el.hidden = header.kind !== 'pair';
  for (const el of document.querySelectorAll('.claims-only')) el.hidden = header.kind === 'pair';
  if (header.kind === 'claims') {
    const docs = header.documents;
    const c = header.counts;
    const filter = $('claim-filter');
    replace(
      filter,
      h('option', { value: 'all' }, `all claims (${c.all})`),
      h('option', { value: 'every' }, `in every document (${c.every})`),
      h('optgroup', { label: 'Only in' }, docs.map((d, k) => h('option', { value: `only:${k}` }, `only in ${d.name} (${c.only[k]})`))),
      h('optgroup', { label: 'Missing from' }, docs.map((d, k) => h('option', { value: `missing:${k}` }, `missing from ${d.name} (${c.missing[k]})`))),
      h('optgroup', { label: 'One document, in its order' }, docs.map((d, k) => h('option', { value: `outlet:${k}` }, `${d.name}'s text`))),
    );
    if (![...filter.options].some((o) => o.value === state.claimFilter)) state.claimFilter = 'all';
    filter.value = state.claimFilter;
  }
}

// Forgets the comparison shown: summary, navigation, export.
function clearResult() {
  state.header = null;
  state.changes = [];
  state.cur = -1;
  $('summary').hidden = true;
  $('export-json').disabled = $('export-html').disabled = true;
  clear($('changes'));
  clear($('overview'));
  updatePosition();
}

function showEmpty() {
  clearResult();
  setViewState('empty');
  replace(
    $('view'),
    h('div', { class: 'empty-state' },
      h('p', {}, h('strong', {}, state.docs.length ? 'One more document, please.' : 'Nothing to compare yet.')),
      h('p', {}, 'Drop two or more files on this page, open them, paste two texts, or pick a sample above.')),
  );
}

function yieldToBrowser() {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

async function renderView() {
  const gen = ++viewGen;
  const header = state.header;
  if (!header) return;
  state.cur = -1;
  state.pendingJump = null;
  clear($('changes'));
  setViewState('rendering');
  try {
    if (header.kind === 'pair') await renderPair(gen, header);
    else await renderClaims(gen, header);
  } catch (error) {
    if (error instanceof Cancelled || gen !== viewGen) return;
    setBusy(false);
    setViewState('error');
    showError(error.message);
    return;
  }
  if (gen !== viewGen) return;
  setBusy(false);
  setViewState('done');
  updatePosition();
}

// A run of unchanged claims, collapsed: one button that shows it (rows fetched on demand). A
// lazy one stands in for rows not built yet (a big comparison shown whole): it has about their
// height and fills itself in when it comes near the screen, so the page never holds more rows
// than the reader has scrolled past.
function foldElement(item, lazy) {
  const el = h(
    'div',
    { class: ['fold', lazy ? 'lazy' : ''], dataset: { start: item.r, end: item.end } },
    h('button', { type: 'button', class: 'small', on: { click: () => expandFold(el) } }, h('span', { 'aria-hidden': 'true' }, '= '), `${item.count} unchanged claims — show`),
  );
  if (lazy) {
    el.style.minHeight = `${item.count * LAZY_ROW_REM}rem`;
    lazyObserver.observe(el);
  }
  return el;
}

const lazyObserver = new IntersectionObserver(
  (entries) => {
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      lazyObserver.unobserve(entry.target);
      expandFold(entry.target);
    }
  },
  { rootMargin: '1500px 0px' },
);

function foldOf(r) {
  for (const el of document.querySelectorAll('#view .fold')) {
    if (Number(el.dataset.start) <= r && r < Number(el.dataset.end)) return el;
  }
  return null;
}

async function expandFold(el) {
  if (el.dataset.expanding) return;
  el.dataset.expanding = 'true';
  lazyObserver.unobserve(el);
  const gen = viewGen;
  const start = Number(el.dataset.start);
  const end = Number(el.dataset.end);
  el.querySelector('button').disabled = true;
  const split = state.layout === 'split';
  for (let from = start; from < end; ) {
    const res = await engine.request({ type: 'rows', from, count: Math.min(PAIR_BATCH, end - from), view: state.layout, fold: 0 });
    if (gen !== viewGen) return;
    // Each slice's rows join the page at once, in a chunk of their own.
    let part = null;
    const ok = await appendSliced(gen, res.rows, (row) => {
      part ??= h('div', { class: 'chunk' });
      part.appendChild(split ? V.splitRow(row) : V.inlineRow(row));
    }, () => {
      if (part) el.before(part);
      part = null;
    });
    if (!ok) return;
    from = res.next;
  }
  if (gen !== viewGen) return;
  el.remove();
}

// Runs `add` over `items` in slices of about SLICE_MS, yielding to the browser in between, so
// that a huge comparison never holds the page's thread for long. Resolves false if superseded.
async function appendSliced(gen, items, add, endSlice = () => {}) {
  let i = 0;
  while (i < items.length) {
    const t0 = performance.now();
    do add(items[i++]);
    while (i < items.length && performance.now() - t0 < SLICE_MS);
    endSlice();
    if (i < items.length) {
      await yieldToBrowser();
      if (gen !== viewGen) return false;
    }
  }
  return true;
}

function changeItem(row) {
  const kind = row.op === 'equal' ? 'moved' : row.op;
  return h(
    'li',
    { class: kind },
    h(
      'button',
      { type: 'button', dataset: { row: row.r }, on: { click: () => jumpToRow(row.r) } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, V.KINDS[kind].icon),
      h('span', { class: 'sr' }, `${V.KINDS[kind].label}: `),
      V.rowPreview(row),
    ),
  );
}

async function renderPair(gen, header) {
  const [a, b] = header.documents;
  const split = state.layout === 'split';
  const rows = h('div', { class: 'rows' });
  const head = split
    ? h('div', { class: 'cols-head', 'aria-hidden': 'true' }, h('div', { class: 'tag' }), h('div', {}, 'Old: ', h('span', { class: 'name' }, a.name)), h('div', {}, 'New: ', h('span', { class: 'name' }, b.name)))
    : h('div', { class: 'cols-head one', 'aria-hidden': 'true' }, h('div', { class: 'tag' }), h('div', {}, h('span', { class: 'name' }, b.name), ', with the old wording (', h('span', { class: 'name' }, a.name), ') inside'));
  replace($('view'), h('div', { class: ['pair', split ? 'split' : 'inline'] }, head, rows));

  const codes = header.codes;
  state.changes = [];
  for (let r = 0; r < codes.length; ++r) if (codes[r] !== 0 && !(codes[r] & GHOST)) state.changes.push(r);
  buildOverview(codes);
  updatePosition();

  const list = $('changes');
  let listed = 0;
  const total = header.rowCount;
  // Collapsed: runs of unchanged claims folded. Shown whole: all rows, except in a big
  // comparison, where the runs are built lazily as the reader scrolls to them.
  const lazy = !state.hideEqual && total > EAGER_ROWS;
  const fold = state.hideEqual || lazy ? FOLD_MIN : 0;
  const ask = (from) => {
    const p = engine.request({ type: 'rows', from, count: PAIR_BATCH, view: state.layout, fold });
    p.catch(() => {}); // a prefetch nobody awaits after a restart
    return p;
  };
  // Rows go into a detached chunk that joins the page when full (or at the end of a batch): a
  // chunk off screen is then never laid out (content-visibility: auto), however big the page.
  let chunk = null;
  let inChunk = 0;
  const flush = () => {
    if (chunk && !chunk.isConnected) rows.appendChild(chunk);
  };
  let pending = ask(0);
  while (pending) {
    const res = await pending;
    if (gen !== viewGen) return;
    pending = res.next < total && res.rows.length ? ask(res.next) : null; // fetch ahead while this renders
    const items = [];
    const done = await appendSliced(gen, res.rows, (item) => {
      if (!chunk || inChunk >= CHUNK_ROWS) {
        flush();
        chunk = h('div', { class: 'chunk' });
        inChunk = 0;
      }
      ++inChunk;
      if (item.fold) {
        chunk.appendChild(foldElement(item, lazy));
        return;
      }
      chunk.appendChild(split ? V.splitRow(item) : V.inlineRow(item));
      if (!item.ghost && (item.op !== 'equal' || item.moved) && listed < CHANGE_LIST_MAX) {
        ++listed;
        items.push(changeItem(item));
      }
    });
    if (!done) return;
    flush();
    append(list, items);
    if (total > PAIR_BATCH) setBusy(`Showing ${Math.round((res.next / total) * 100)}%…`);
    if (state.pendingJump !== null && state.pendingJump < res.next) jumpToRow(state.pendingJump);
    if (pending) {
      await yieldToBrowser();
      if (gen !== viewGen) return;
    }
  }
  if (state.changes.length > listed) list.appendChild(h('li', { class: 'more' }, `and ${state.changes.length - listed} more: use Next`));
  $('change-list').querySelector('summary').textContent = `Changes (${state.changes.length})`;
}

async function renderClaims(gen, header) {
  const docs = header.documents;
  const filter = state.claimFilter;
  const outlet = filter.startsWith('outlet:') ? Number(filter.split(':')[1]) : -1;
  let body;
  if (outlet >= 0) {
    body = h('div', { class: 'rows' });
    replace($('view'), h('div', { class: 'outlet-view' }, h('h2', { class: 'view-title' }, h('span', { class: 'name' }, docs[outlet].name), '’s claims in its own order'), body));
  } else {
    body = h('tbody');
    const table = h(
      'table',
      { class: 'grid' },
      h('caption', { class: 'sr' }, 'Claims (rows) by document (columns)'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col', class: 'num' }, '#'), h('th', { scope: 'col' }, 'Claim'), V.shortNames(docs).map((name, k) => h('th', { scope: 'col', class: 'doc-col', title: docs[k].name }, name)), h('th', { scope: 'col', class: 'in' }, 'In'))),
      body,
    );
    replace($('view'), h('div', { class: 'grid-wrap' }, table));
  }
  clear($('overview'));
  const list = $('changes');
  let listed = 0;
  let from = 0;
  let total = Infinity;
  while (from < total) {
    const res = await engine.request({ type: 'rows', from, count: CLAIM_BATCH, view: filter });
    if (gen !== viewGen) return;
    total = res.total;
    if (!res.rows.length) break;
    const items = [];
    const done = await appendSliced(gen, res.rows, (row) => {
      body.appendChild(outlet >= 0 ? V.outletRow(row, outlet, docs) : V.gridRow(row, docs, openWording));
      if (row.docs.length < docs.length && listed < CHANGE_LIST_MAX) {
        ++listed;
        const label = row.docs.length === 1 ? `only in ${docs[row.docs[0]].name}` : `in ${row.docs.length}/${docs.length}`;
        items.push(h('li', {}, h('button', { type: 'button', on: { click: () => jumpToClaim(row.c) } }, h('span', { class: 'icon', 'aria-hidden': 'true' }, row.docs.length === 1 ? '1' : '~'), `${label}: `, row.text.length > 70 ? `${row.text.slice(0, 69)}…` : row.text)));
      }
    });
    if (!done) return;
    append(list, items);
    from += res.rows.length;
    if (from < total) await yieldToBrowser();
  }
  state.changes = [...$('view').querySelectorAll('.claim-row:not(.every), .outlet-claim:not(.every)')];
  $('change-list').querySelector('summary').textContent = `Claims not in every document (${state.changes.length})`;
}

function openWording(row, doc, button) {
  const tr = document.getElementById(`c${row.c}`);
  const next = tr.nextElementSibling;
  const wasOpen = button.getAttribute('aria-expanded') === 'true';
  if (next && next.classList.contains('detail')) next.remove();
  for (const b of tr.querySelectorAll('button[aria-expanded]')) b.setAttribute('aria-expanded', 'false');
  if (wasOpen) return;
  button.setAttribute('aria-expanded', 'true');
  tr.after(h('tr', { class: 'detail', dataset: { claim: row.c, doc } }, h('td', { colspan: String(state.header.documents.length + 3) }, V.memberWording(row, doc, state.header.documents))));
}

// ------------------------------------------------------------------------------------------
// Navigation.

function buildOverview(codes) {
  const bar = clear($('overview'));
  const n = codes.length;
  if (!n) return;
  const buckets = Math.min(n, 240);
  const rank = { modified: 4, added: 3, removed: 3, moved: 2 };
  const best = new Array(buckets).fill(null);
  for (let r = 0; r < n; ++r) {
    const code = codes[r];
    if (code === 0 || code & GHOST) continue;
    const kind = V.codeKind(code);
    const b = Math.floor((r * buckets) / n);
    if (!best[b] || rank[kind] > rank[best[b].kind]) best[b] = { kind, r };
  }
  best.forEach((item, b) => {
    if (!item) return;
    const tick = h('div', { class: `tick ${item.kind}`, dataset: { row: item.r } });
    tick.style.top = `${(b / buckets) * 100}%`;
    tick.style.height = `${Math.max(100 / buckets, 0.5)}%`;
    bar.appendChild(tick);
  });
}

$('overview').addEventListener('click', (event) => {
  const tick = event.target.closest('.tick');
  if (tick) jumpToRow(Number(tick.dataset.row));
});

function focusRow(el) {
  for (const x of document.querySelectorAll('#view .current')) x.classList.remove('current');
  el.classList.add('current');
  el.scrollIntoView({ block: 'center', behavior: reduceMotion.matches ? 'auto' : 'smooth' });
  el.focus({ preventScroll: true });
}

function jumpToRow(r) {
  const el = document.getElementById(`r${r}`);
  if (!el) {
    state.pendingJump = r;
    const fold = foldOf(r);
    if (fold) expandFold(fold).then(() => {
      if (state.pendingJump === r && document.getElementById(`r${r}`)) jumpToRow(r);
    });
    return;
  }
  state.pendingJump = null;
  focusRow(el);
  // The current change: the last one at or before this row.
  let lo = 0;
  let hi = state.changes.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (state.changes[mid] <= r) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  state.cur = found;
  updatePosition();
}

function jumpToClaim(c) {
  const el = document.getElementById(`c${c}`);
  if (!el) return;
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  focusRow(el);
  state.cur = state.changes.indexOf(el);
  updatePosition();
}

function go(delta) {
  const n = state.changes.length;
  if (!state.header || !n) return;
  let i = state.cur < 0 ? (delta > 0 ? 0 : n - 1) : state.cur + delta;
  i = Math.max(0, Math.min(n - 1, i));
  const target = state.changes[i];
  if (state.header.kind === 'pair') jumpToRow(target);
  else {
    jumpToClaim(Number(target.dataset.claim));
  }
  state.cur = i;
  updatePosition();
}

function updatePosition() {
  const n = state.changes.length;
  const header = state.header;
  let text = '';
  if (header) {
    const what = header.kind === 'pair' ? 'change' : 'claim not in every document';
    const whats = header.kind === 'pair' ? 'changes' : 'claims not in every document';
    if (!n) text = header.kind === 'pair' ? 'No changes: the same claims in the same order.' : 'Every claim is in every document.';
    else if (state.cur < 0) text = `${n} ${n === 1 ? what : whats}`;
    else text = `${state.cur + 1} of ${n} ${n === 1 ? what : whats}`;
  }
  $('position').textContent = text;
  $('prev').disabled = !n || state.cur === 0;
  $('next').disabled = !n || state.cur === n - 1;
}

$('next').addEventListener('click', () => go(1));
$('prev').addEventListener('click', () => go(-1));

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
  const t = event.target;
  if (t instanceof HTMLElement && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
  if (event.key === 'n' || event.key === 'j') {
    event.preventDefault();
    go(1);
  } else if (event.key === 'p' || event.key === 'k') {
    event.preventDefault();
    go(-1);
  } else if (event.key === 'Escape' && !$('paste').hidden) {
    $('paste').hidden = true;
    $('paste-toggle').setAttribute('aria-expanded', 'false');
  }
});

// In-page links (moved claims): move focus too, and leave the address alone.
$('view').addEventListener('click', (event) => {
  const link = event.target.closest('a[data-jump]');
  if (!link) return;
  event.preventDefault();
  jumpToRow(Number(link.dataset.jump));
});

// ------------------------------------------------------------------------------------------
// Options, view switches, export.

$('threshold').addEventListener('input', () => {
  $('threshold-out').textContent = Number($('threshold').value).toFixed(2);
  scheduleRun(250);
});
for (const id of ['ignore-case', 'ignore-punctuation', 'detect-moves', 'detect-splits']) $(id).addEventListener('change', () => scheduleRun(0));

for (const radio of document.querySelectorAll('input[name="layout"]')) {
  radio.addEventListener('change', () => {
    state.layout = radio.value;
    if (state.header && state.header.kind === 'pair') renderView();
  });
}
$('hide-equal').addEventListener('change', (event) => {
  state.hideEqual = event.target.checked;
  state.hideEqualTouched = true;
  if (state.header && state.header.kind === 'pair') renderView();
});
$('claim-filter').addEventListener('change', (event) => {
  state.claimFilter = event.target.value;
  renderView();
});

function fileStem(name) {
  const base = name.split(/[\\/]/).pop().replace(/\.[^.]*$/, '');
  return base.replace(/[^\w.-]+/g, '_').slice(0, 40) || 'doc';
}

async function exportResult(format) {
  if (!state.header) return;
  const docs = state.header.documents;
  const stem = docs.length === 2 ? `storydiff-${fileStem(docs[0].name)}-vs-${fileStem(docs[1].name)}` : `storydiff-${docs.length}-documents`;
  const gen = runGen;
  setBusy(format === 'html' ? 'Writing the report…' : 'Preparing the JSON…');
  try {
    const res = await engine.request({ type: 'export', format });
    if (gen !== runGen) return;
    const url = URL.createObjectURL(res.blob);
    const a = h('a', { href: url, download: `${stem}.${format}`, hidden: true });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
  } catch (error) {
    if (!(error instanceof Cancelled)) showError(`Export failed: ${error.message}`);
  } finally {
    if (gen === runGen) setBusy(false);
  }
}
$('export-json').addEventListener('click', () => exportResult('json'));
$('export-html').addEventListener('click', () => exportResult('html'));

$('cancel').addEventListener('click', () => {
  ++runGen;
  ++viewGen;
  engine.restart();
  setBusy(false);
  setViewState('cancelled');
  replace($('view'), h('p', { class: 'empty-state' }, 'Cancelled. Change an option or the documents to compare again.'));
});
$('error-close').addEventListener('click', hideError);

// ------------------------------------------------------------------------------------------
// Start: the engine's defaults, the samples, and a sample comparison (or the one in the address).

async function start() {
  renderDocs();
  // On a phone the change list starts closed: the comparison comes first.
  if (matchMedia('(max-width: 900px)').matches) $('change-list').open = false;
  const info = await engine.ready.catch(() => null);
  if (info && info.defaults && typeof info.defaults.threshold === 'number') {
    $('threshold').value = String(info.defaults.threshold);
    $('threshold-out').textContent = info.defaults.threshold.toFixed(2);
    $('ignore-case').checked = info.defaults.ignore_case;
    $('ignore-punctuation').checked = info.defaults.ignore_punctuation;
    $('detect-moves').checked = info.defaults.detect_moves;
    $('detect-splits').checked = info.defaults.detect_splits;
  }
  await loadSamples();
  if (state.docs.length) return; // the user was quicker
  const wanted = new URLSearchParams(location.hash.slice(1)).get('sample');
  if (wanted && loadSample(wanted, { updateHash: false })) return;
  const first = state.samples.find((s) => s.id === 'harbor-ferry-fire') ?? state.samples[0];
  if (!first || !loadSample(`${first.id}:v2`, { updateHash: false })) showEmpty();
}

start();
