// storydiff page — what a comparison looks like: rows of the side-by-side and inline views, the
// claims grid, the summary. Builds DOM through h() only (document text as text nodes).
//
// Claim elements: one <span class="claim"> per sentence shown, carrying data-op (the op of the
// alignment entry it belongs to: equal | modified | added | removed), data-moved (true | false),
// data-doc (0 = old, 1 = new; or the document's position with three or more) and data-index (the
// sentence's index in that document, as in the result's documents[doc].sentences). In the
// side-by-side view every sentence of both documents has exactly one such element; the inline view
// shows the new document's sentences and the removed old ones. A sentence longer than CLIP_AT
// shows its beginning, with data-clipped (its whole length) and a button that shows the rest.
import { append, h, percent } from './dom.js';
import { GHOST, MOVED, OP_NAMES, shortNames } from './model.js';

export { shortNames };

/** Icon and label of each kind of change: colour is never the only cue. */
export const KINDS = {
  equal: { icon: '=', label: 'unchanged' },
  modified: { icon: '~', label: 'modified' },
  added: { icon: '+', label: 'added' },
  removed: { icon: '−', label: 'removed' },
  moved: { icon: '⇅', label: 'moved' },
};

const CALLOUTS_SHOWN = 40;
const CALLOUT_LABEL = { number: 'Number', quote: 'Quote', attribution: 'Attribution' };

/** The word-diff parts of a sentence as nodes: deletions struck (<del>), insertions underlined (<ins>). */
export function partsNodes(parts) {
  return parts.map(([op, text]) => {
    if (op === '-') return h('del', {}, text);
    if (op === '+') return h('ins', {}, text);
    return document.createTextNode(text);
  });
}

// Laying out megabytes of text in one element holds the page's thread for seconds (one 10 MB
// sentence: about 13 s in Chromium), so a sentence longer than this many UTF-16 units shows its
// first CLIP_AT and a button that shows the rest.
export const CLIP_AT = 10000;

// Parts split after `n` UTF-16 units, never inside a surrogate pair: [head, rest].
function splitParts(parts, n) {
  for (let i = 0; i < parts.length; ++i) {
    const [op, text] = parts[i];
    if (text.length <= n) {
      n -= text.length;
      continue;
    }
    const cut = n > 0 && (text.charCodeAt(n - 1) & 0xfc00) === 0xd800 ? n - 1 : n;
    return [[...parts.slice(0, i), [op, text.slice(0, cut)]], [[op, text.slice(cut)], ...parts.slice(i + 1)]];
  }
  return [parts, []];
}

/** `el` holding the parts' nodes; for a very long text, its beginning and a button for the rest. */
function clippedParts(el, parts) {
  const total = parts.reduce((n, p) => n + p[1].length, 0);
  if (total <= CLIP_AT) return append(el, partsNodes(parts));
  const [head, rest] = splitParts(parts, CLIP_AT);
  append(el, partsNodes(head));
  el.dataset.clipped = String(total);
  const more = h(
    'button',
    {
      type: 'button',
      class: 'small show-rest',
      on: {
        click: () => {
          append(el, partsNodes(rest));
          delete el.dataset.clipped;
          more.remove();
        },
      },
    },
    `… show all ${total.toLocaleString('en')} characters`,
  );
  return [el, more];
}

function claimSpan(cell, op, moved, extra = {}) {
  return clippedParts(h('span', { class: 'claim', dataset: { op, moved: String(!!moved), doc: cell.doc, index: cell.k, ...extra } }), cell.parts);
}

function sentences(cells, op, moved) {
  const out = [];
  cells.forEach((cell, j) => {
    if (j > 0) out.push(' ');
    out.push(claimSpan(cell, op, moved));
  });
  return out;
}

function tag(op, moved, ghost) {
  const kind = KINDS[op];
  return h(
    'div',
    { class: 'tag' },
    ghost
      ? [h('span', { class: 'icon', 'aria-hidden': 'true' }, KINDS.moved.icon), h('span', { class: 'label' }, 'moved away')]
      : [
          h('span', { class: 'icon', 'aria-hidden': 'true' }, kind.icon),
          h('span', { class: 'label' }, kind.label),
          moved ? h('span', { class: 'moved-tag' }, h('span', { 'aria-hidden': 'true' }, `${KINDS.moved.icon} `), 'moved') : null,
        ],
  );
}

function calloutList(callouts) {
  if (!callouts || !callouts.length) return null;
  return h(
    'ul',
    { class: 'row-callouts', 'aria-label': 'Call-outs' },
    callouts.map((c) => h('li', { class: `callout ${c.kind}` }, h('span', { class: 'callout-kind' }, `! ${CALLOUT_LABEL[c.kind] ?? c.kind}`), ' ', calloutChange(c))),
  );
}

/** "old → new" of a call-out, with empty sides named. */
export function calloutChange(c) {
  return [
    h('span', { class: 'callout-old' }, c.old === '' ? '(none)' : c.old),
    h('span', { class: 'arrow', 'aria-label': 'became' }, ' → '),
    h('span', { class: 'callout-new' }, c.new === '' ? '(none)' : c.new),
  ];
}

function moveLink(row) {
  const up = row.from < row.r;
  return h(
    'a',
    { class: 'move-link', href: `#r${row.from}`, dataset: { jump: row.from } },
    h('span', { 'aria-hidden': 'true' }, up ? '↑ ' : '↓ '),
    `moved from ${up ? 'above' : 'below'}`,
  );
}

/** Where a moved claim was: a link to where it is now, in the side `side` (then `rest`). */
function ghostRow(row, side, rest = null) {
  return h(
    'div',
    { class: 'row ghost', id: `r${row.r}`, tabindex: '-1', dataset: { row: row.r, entry: row.e } },
    tag(row.op, true, true),
    h(
      'div',
      { class: `side ${side}` },
      h(
        'a',
        { class: 'move-link', href: `#r${row.target}`, dataset: { jump: row.target } },
        h('span', { 'aria-hidden': 'true' }, row.dir === 'down' ? '↓ ' : '↑ '),
        `moved ${row.dir}: `,
        h('q', {}, row.preview),
      ),
    ),
    rest,
  );
}

/** One row of the side-by-side view. */
export function splitRow(row) {
  if (row.ghost) return ghostRow(row, 'old', h('div', { class: 'side new empty' }));
  const cls = ['row', `op-${row.op}`, row.moved && 'moved'];
  return h(
    'div',
    { class: cls, id: `r${row.r}`, tabindex: '-1', dataset: { row: row.r, entry: row.e } },
    tag(row.op, row.moved),
    h('div', { class: ['side', 'old', row.left.length ? '' : 'empty'] }, sentences(row.left, row.op, row.moved), row.moved ? [' ', moveLink(row)] : null),
    h('div', { class: ['side', 'new', row.right.length ? '' : 'empty'] }, sentences(row.right, row.op, row.moved)),
    calloutList(row.callouts),
  );
}

/** One row of the inline view: the new text, with the old interleaved in modified claims. */
export function inlineRow(row) {
  if (row.ghost) return ghostRow(row, 'one');
  const cls = ['row', `op-${row.op}`, row.moved && 'moved'];
  return h(
    'div',
    { class: cls, id: `r${row.r}`, tabindex: '-1', dataset: { row: row.r, entry: row.e } },
    tag(row.op, row.moved),
    h('div', { class: 'side one' }, sentences(row.cells, row.op, row.moved), row.moved ? [' ', moveLink(row)] : null),
    calloutList(row.callouts),
  );
}

/** The text of a row for the change list. */
export function rowPreview(row) {
  const cells = row.ghost ? [] : row.cells ?? (row.right.length ? row.right : row.left);
  const text = row.ghost ? row.preview : cells.map((c) => c.parts.filter((p) => p[0] !== '-').map((p) => p[1]).join('')).join(' ');
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** The kind of a row code for the overview bar and navigation. */
export function codeKind(code) {
  if (code & GHOST) return 'moved';
  const op = OP_NAMES[code & 3];
  if (op === 'equal' && code & MOVED) return 'moved';
  return op;
}

function stat(kind, count, label, extra) {
  const k = KINDS[kind] ?? { icon: '', label };
  return h(
    'div',
    { class: `stat ${kind}`, dataset: { stat: kind === 'equal' ? 'equal' : kind } },
    h('span', { class: 'icon', 'aria-hidden': 'true' }, k.icon),
    h('span', { class: 'num' }, String(count)),
    h('span', { class: 'label' }, label ?? k.label),
    extra,
  );
}

/** The summary of a two-document comparison. `onJump(row)` moves to a call-out's row. */
export function pairSummary(header, onJump) {
  const s = header.stats;
  const [a, b] = header.documents;
  const stats = h(
    'div',
    { class: 'stats' },
    stat('added', s.added),
    stat('removed', s.removed),
    stat('modified', s.modified),
    stat('moved', s.moved),
    stat('equal', s.equal),
    h(
      'div',
      { class: 'stat overlap', dataset: { stat: 'overlap' }, title: 'Share of both documents’ sentences that are matched, weighted by similarity' },
      h('span', { class: 'num' }, percent(s.overlap)),
      h('span', { class: 'label' }, 'overlap'),
      h('meter', { min: '0', max: '1', value: String(s.overlap), 'aria-label': 'overlap' }),
    ),
  );
  const detail = h(
    'p',
    { class: 'stats-detail' },
    `${a.sentences} sentences in the old version, ${b.sentences} in the new`,
    s.splits ? `; ${s.splits} split` : '',
    s.merges ? `; ${s.merges} merged` : '',
    '.',
  );
  const calloutButton = (c) =>
    h(
      'li',
      {},
      h(
        'button',
        { type: 'button', class: `callout ${c.kind}`, dataset: { row: c.row, kind: c.kind }, on: { click: () => onJump(c.row) } },
        h('span', { class: 'callout-kind' }, `! ${CALLOUT_LABEL[c.kind] ?? c.kind}`),
        ' ',
        calloutChange(c),
        h('span', { class: 'callout-where' }, c.preview),
      ),
    );
  let callouts;
  if (header.callouts.length) {
    // A long list (a big comparison) shows its first CALLOUTS_SHOWN and the rest on request.
    const list = h('ul', {}, header.callouts.slice(0, CALLOUTS_SHOWN).map(calloutButton));
    const rest = header.callouts.length - CALLOUTS_SHOWN;
    const more =
      rest > 0
        ? h('button', {
            type: 'button',
            class: 'small more-callouts',
            on: {
              click: (event) => {
                event.currentTarget.remove();
                for (const c of header.callouts.slice(CALLOUTS_SHOWN)) list.appendChild(calloutButton(c));
              },
            },
          }, `Show ${rest} more`)
        : null;
    const total = header.callouts.length >= 2000 ? '2000+' : String(header.callouts.length);
    callouts = h('div', { class: 'callouts' }, h('h2', {}, `Call-outs (${total})`), list, more);
  } else {
    callouts = h('p', { class: 'callouts none' }, 'No changed numbers, quotes or attributions.');
  }
  return [stats, detail, callouts];
}

/** The summary of three or more documents. */
export function claimsSummary(header) {
  const s = header.stats;
  const docs = header.documents;
  const stats = h(
    'div',
    { class: 'stats' },
    h('div', { class: 'stat claims', dataset: { stat: 'claims' } }, h('span', { class: 'num' }, String(s.claims)), h('span', { class: 'label' }, 'claims')),
    h(
      'div',
      { class: 'stat every', dataset: { stat: 'in_all' } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, '✓'),
      h('span', { class: 'num' }, String(s.in_all)),
      h('span', { class: 'label' }, 'in every document'),
    ),
    h(
      'div',
      { class: 'stat unique', dataset: { stat: 'unique' } },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, '1'),
      h('span', { class: 'num' }, String(s.unique)),
      h('span', { class: 'label' }, 'only in one'),
    ),
  );
  const table = h(
    'table',
    { class: 'overlap-matrix' },
    h('caption', {}, 'Overlap between documents'),
    h('thead', {}, h('tr', {}, h('td', {}), docs.map((d) => h('th', { scope: 'col', title: d.name }, d.name)))),
    h(
      'tbody',
      {},
      docs.map((d, i) =>
        h('tr', {}, h('th', { scope: 'row', title: d.name }, d.name), docs.map((_, j) => h('td', { class: i === j ? 'self' : '' }, i === j ? '—' : percent(header.overlap[i][j])))),
      ),
    ),
  );
  return [stats, table];
}

/** A grid row: one claim, one cell per document. `onCell(claimRow, doc, button)` opens a wording. */
export function gridRow(row, docs, onCell) {
  const n = docs.length;
  const byDoc = new Map(row.members.map((m) => [m.doc, m]));
  const tr = h(
    'tr',
    { class: ['claim-row', row.docs.length === 1 ? 'unique' : '', row.docs.length === n ? 'every' : ''], id: `c${row.c}`, dataset: { claim: row.c, docs: row.docs.length } },
    h('td', { class: 'num' }, String(row.c + 1)),
    h('td', { class: 'claim-text' }, clippedParts(h('span', {}), [['=', row.text]]), h('span', { class: 'rep' }, ` — as in ${shortNames(docs)[row.representative]}`)),
    docs.map((d, k) => {
      const m = byDoc.get(k);
      if (!m) {
        return h(
          'td',
          { class: 'cell absent', dataset: { claim: row.c, doc: k, covered: 'false' } },
          h('span', { 'aria-hidden': 'true' }, '—'),
          h('span', { class: 'sr' }, `not in ${d.name}`),
        );
      }
      const label = m.representative ? 'shown' : m.similarity >= 0.9999 ? 'same' : `${Math.round(m.similarity * 100)}%`;
      return h(
        'td',
        { class: 'cell present', dataset: { claim: row.c, doc: k, covered: 'true' } },
        h(
          'button',
          {
            type: 'button',
            'aria-expanded': 'false',
            'aria-label': `${d.name}'s wording (${label})`,
            on: { click: (event) => onCell(row, k, event.currentTarget) },
          },
          h('span', { class: 'icon', 'aria-hidden': 'true' }, '✓'),
          h('span', { class: 'sim' }, label),
        ),
      );
    }),
    h('td', { class: 'in' }, `${row.docs.length}/${n}`),
  );
  return tr;
}

/** The wording of one document in a claim, with its word diff against the representative. */
export function memberWording(row, doc, docs) {
  const m = row.members.find((x) => x.doc === doc);
  const cells = m.sentences.map((cell, j) => [
    j > 0 ? ' ' : null,
    clippedParts(h('span', { class: 'claim', dataset: { op: m.representative || m.similarity >= 0.9999 ? 'equal' : 'modified', moved: 'false', doc: cell.doc, index: cell.k, claim: row.c } }), cell.parts),
  ]);
  return h(
    'div',
    { class: 'wording' },
    h('p', { class: 'wording-head' }, h('strong', {}, docs[doc].name), m.representative ? ' (the wording shown)' : ` — ${Math.round(m.similarity * 100)}% similar; struck: the shown wording’s words, underlined: this document’s`),
    h('p', { class: 'wording-text' }, cells),
  );
}

/** One claim in a document's own reading order (the per-document view). */
export function outletRow(row, doc, docs) {
  const m = row.members.find((x) => x.doc === doc);
  const n = docs.length;
  const others = row.docs.filter((d) => d !== doc).map((d) => docs[d].name);
  const badge =
    row.docs.length === 1 ? 'only here' : row.docs.length === n ? `in all ${n}` : `also in ${others.join(', ')}`;
  const cells = m
    ? m.sentences.map((cell, j) => [
        j > 0 ? ' ' : null,
        clippedParts(h('span', { class: 'claim', dataset: { op: 'equal', moved: 'false', doc: cell.doc, index: cell.k, claim: row.c } }), [['=', cell.parts.filter((p) => p[0] !== '-').map((p) => p[1]).join('')]]),
      ])
    : null;
  return h(
    'div',
    { class: ['row', 'outlet-claim', row.docs.length === 1 ? 'unique' : '', row.docs.length === n ? 'every' : ''], id: `c${row.c}`, dataset: { claim: row.c } },
    h('div', { class: 'tag' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, row.docs.length === 1 ? '1' : '✓'), h('span', { class: 'label' }, badge)),
    h('div', { class: 'side one' }, cells),
  );
}

/** The legend of the two-document views. */
export function pairLegend() {
  const item = (kind, text) =>
    h('li', { class: `legend-item ${kind}` }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, KINDS[kind].icon), h('span', {}, text));
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    item('added', 'added: only in the new version (right)'),
    item('removed', 'removed: only in the old version (left)'),
    item('modified', 'modified: reworded'),
    item('moved', 'moved: same claim, another place (a link leads from the old place to the new)'),
    item('equal', 'unchanged'),
    h('li', { class: 'legend-item words' }, h('del', {}, 'struck'), ' words left, ', h('ins', {}, 'underlined'), ' words came in'),
  );
}

/** The legend of the claims grid. */
export function claimsLegend() {
  return h(
    'ul',
    { class: 'legend', 'aria-label': 'Legend' },
    h('li', { class: 'legend-item present' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, '✓'), 'the document carries the claim: “shown” is the wording in the Claim column, a share how close its own wording is'),
    h('li', { class: 'legend-item absent' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, '—'), 'it does not'),
    h('li', { class: 'legend-item unique' }, h('span', { class: 'swatch', 'aria-hidden': 'true' }, '1'), 'only one document carries it'),
  );
}
