// storydiff page — the render model, built in the Web Worker from the engine's result.
//
// The result of a 5 MB pair is ~18 MB of JSON. Parsing it, or cloning it as one object, would
// stall the page's main thread for most of a second, so the worker keeps the result and hands the
// page a small header first and then rows in batches, already shaped for the DOM: each sentence
// with its word-diff parts. Pure functions: no DOM, no engine calls.

/** Row codes in header.codes: the op, plus flags. */
export const OP_CODES = { equal: 0, modified: 1, added: 2, removed: 3 };
export const OP_NAMES = ['equal', 'modified', 'added', 'removed'];
export const MOVED = 4;
export const GHOST = 8;

const encoder = new TextEncoder();

/** UTF-8 length of a string (a lone surrogate counts as U+FFFD, as TextEncoder writes it). */
export function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      ++i;
    } else n += 3;
  }
  return n;
}

/** Splits `text` after its first `bytes` UTF-8 bytes (never inside a code point). */
export function splitUtf8(text, bytes) {
  if (bytes <= 0) return ['', text];
  let n = 0;
  let i = 0;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    let units = 1;
    let size;
    if (c < 0x80) size = 1;
    else if (c < 0x800) size = 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      size = 4;
      units = 2;
    } else size = 3;
    if (n + size > bytes) break;
    n += size;
    i += units;
  }
  return [text.slice(0, i), text.slice(i)];
}

function push(parts, op, text) {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last[0] === op) last[1] += text;
  else parts.push([op, text]);
}

const SIDE_OP = { a: 'delete', b: 'insert' };
const PART_OP = { equal: '=', delete: '-', insert: '+' };

/**
 * Distributes a modified entry's word diff over the sentences of one side. `side` "a" reads the
 * equal + delete runs (they rebuild the old span, from the first sentence's start to the last
 * one's end), "b" the equal + insert runs. With `withOther`, the other side's runs are kept too,
 * at the place they stand (the inline view). Text between sentences (paragraph breaks) is
 * dropped. Returns one parts list ([op, text] with op "=", "-" or "+") per sentence, or null when
 * the runs do not add up to the sentences (then the caller shows the sentences without a diff).
 */
export function distribute(tokens, sentences, side, withOther = false) {
  const base = sentences[0].start;
  const ranges = sentences.map((s) => [s.start - base, s.end - base]);
  const last = ranges.length - 1;
  const out = sentences.map(() => []);
  let pos = 0;
  let si = 0;
  const advance = () => {
    while (si < last && pos >= ranges[si][1]) ++si;
  };
  for (const token of tokens) {
    const mine = token.op === 'equal' || token.op === SIDE_OP[side];
    const op = PART_OP[token.op];
    if (!mine) {
      if (withOther) {
        advance();
        push(out[si], op, token.text);
      }
      continue;
    }
    let text = token.text;
    while (text !== '') {
      advance();
      if (pos < ranges[si][0]) {
        const [gap, rest] = splitUtf8(text, ranges[si][0] - pos);
        if (gap === '') return null;
        pos += utf8Length(gap);
        text = rest;
        continue;
      }
      const room = ranges[si][1] - pos;
      if (room <= 0) return null; // runs past the last sentence
      const [head, rest] = splitUtf8(text, room);
      if (head === '') return null;
      push(out[si], op, head);
      pos += utf8Length(head);
      text = rest;
    }
  }
  if (pos !== ranges[last][1]) return null;
  return out;
}

function plain(sentence) {
  return [['=', sentence.text]];
}

function preview(text, max = 90) {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * Display names of the documents: without the folder they share ("story/v1.txt", "story/v2.txt"
 * → "v1.txt", "v2.txt"), for narrow columns. Full names stay in titles and labels.
 */
export function shortNames(docs) {
  const dirs = docs.map((d) => (d.name.includes('/') ? d.name.slice(0, d.name.lastIndexOf('/') + 1) : ''));
  if (dirs[0] && dirs.every((x) => x === dirs[0])) return docs.map((d) => d.name.slice(dirs[0].length));
  return docs.map((d) => d.name);
}

function docHeader(d) {
  return { name: d.name, format: d.format, meta: d.meta, sentences: d.sentences.length };
}

/**
 * The model of a two-document comparison. Rows: every alignment entry in the result's order
 * (the new document's reading order, removed claims where they stood in the old one), plus a
 * "ghost" row for each moved entry at the place its old sentences left.
 */
export function pairModel(result) {
  const { alignment } = result;
  const [oldDoc, newDoc] = result.documents;
  const entryOfOld = new Int32Array(oldDoc.sentences.length).fill(-1);
  alignment.forEach((e, i) => {
    for (const k of e.a) entryOfOld[k] = i;
  });

  // Where each moved entry came from: after the entry holding the nearest earlier old sentence
  // that did not move (-1: before everything).
  const ghostsAfter = new Map();
  alignment.forEach((e, i) => {
    if (!e.moved || e.a.length === 0) return;
    let p = Math.min(...e.a) - 1;
    while (p >= 0 && (entryOfOld[p] < 0 || alignment[entryOfOld[p]].moved)) --p;
    const key = p < 0 ? -1 : entryOfOld[p];
    if (!ghostsAfter.has(key)) ghostsAfter.set(key, []);
    ghostsAfter.get(key).push(i);
  });
  for (const list of ghostsAfter.values()) list.sort((x, y) => Math.min(...alignment[x].a) - Math.min(...alignment[y].a));

  const rows = []; // [entry index, isGhost]
  const addGhosts = (key) => {
    for (const i of ghostsAfter.get(key) ?? []) rows.push([i, true]);
  };
  addGhosts(-1);
  alignment.forEach((e, i) => {
    rows.push([i, false]);
    addGhosts(i);
  });

  const rowOfEntry = new Int32Array(alignment.length);
  const ghostOfEntry = new Int32Array(alignment.length).fill(-1);
  const codes = new Uint8Array(rows.length);
  rows.forEach(([i, ghost], r) => {
    const e = alignment[i];
    if (ghost) ghostOfEntry[i] = r;
    else rowOfEntry[i] = r;
    codes[r] = OP_CODES[e.op] | (e.moved ? MOVED : 0) | (ghost ? GHOST : 0);
  });

  const callouts = [];
  rows.forEach(([i, ghost], r) => {
    const e = alignment[i];
    if (ghost || !e.callouts) return;
    for (const c of e.callouts) {
      if (callouts.length >= 2000) return;
      const first = e.b.length ? newDoc.sentences[e.b[0]] : oldDoc.sentences[e.a[0]];
      callouts.push({ row: r, kind: c.kind, old: c.old, new: c.new, preview: preview(first.text, 70) });
    }
  });

  const header = {
    kind: 'pair',
    version: result.version,
    options: result.options,
    documents: result.documents.map(docHeader),
    stats: result.stats,
    approximate: result.approximate,
    warnings: result.warnings,
    rowCount: rows.length,
    codes,
    callouts,
  };

  function sides(e, view) {
    const aS = e.a.map((k) => oldDoc.sentences[k]);
    const bS = e.b.map((k) => newDoc.sentences[k]);
    if (view === 'inline') {
      // One column: the new text (old text interleaved inside modified claims); removed claims
      // as the old text.
      if (e.op === 'removed') return { cells: aS.map((s, j) => ({ doc: 0, k: e.a[j], parts: plain(s) })) };
      let parts = null;
      if (e.op === 'modified' && e.tokens) parts = distribute(e.tokens, bS, 'b', true);
      return { cells: bS.map((s, j) => ({ doc: 1, k: e.b[j], parts: parts ? parts[j] : plain(s) })), diffed: !!parts };
    }
    let left = null;
    let right = null;
    if (e.op === 'modified' && e.tokens) {
      left = distribute(e.tokens, aS, 'a');
      right = distribute(e.tokens, bS, 'b');
      if (!left || !right) left = right = null;
    }
    return {
      left: aS.map((s, j) => ({ doc: 0, k: e.a[j], parts: left ? left[j] : plain(s) })),
      right: bS.map((s, j) => ({ doc: 1, k: e.b[j], parts: right ? right[j] : plain(s) })),
      diffed: e.op !== 'modified' || !!left,
    };
  }

  function row(r, view) {
    const [i, ghost] = rows[r];
    const e = alignment[i];
    if (ghost) {
      const target = rowOfEntry[i];
      const text = e.a.map((k) => oldDoc.sentences[k].text).join(' ');
      return { r, e: i, ghost: true, op: e.op, moved: true, target, dir: target > r ? 'down' : 'up', preview: preview(text) };
    }
    const out = { r, e: i, op: e.op, moved: e.moved, similarity: e.similarity, a: e.a, b: e.b, ...sides(e, view) };
    if (e.moved) out.from = ghostOfEntry[i];
    if (e.callouts && e.callouts.length) out.callouts = e.callouts;
    return out;
  }

  /**
   * Up to `count` items from row `from`, shaped for `view` ("split" or "inline"): rows, and with
   * `fold` > 0, each run of at least `fold` unchanged claims as one { fold: true, r, end, count }
   * item instead of its rows (a batch never ends inside such a run). Returns { rows, next }.
   */
  function rowsFor(from, count, view, fold = 0) {
    const out = [];
    let r = Math.max(0, from);
    while (r < rows.length && out.length < count) {
      if (fold > 0 && codes[r] === 0) {
        let end = r;
        while (end < rows.length && codes[end] === 0) ++end;
        if (end - r >= fold) {
          out.push({ fold: true, r, end, count: end - r });
          r = end;
          continue;
        }
        for (; r < end && out.length < count; ++r) out.push(row(r, view));
        continue;
      }
      out.push(row(r, view));
      ++r;
    }
    return { rows: out, next: r };
  }

  return { header, rows: rowsFor };
}

const FILTERS = /^(all|every|only:\d+|missing:\d+)$/;

/**
 * The model of three or more documents: claims × documents. Rows are claims, filtered ("all",
 * "every", "only:D", "missing:D"), or one document's claims in its reading order ("outlet:D").
 */
export function claimsModel(result) {
  const { claims, documents } = result;
  const n = documents.length;
  const coverage = new Uint8Array(claims.length * n);
  claims.forEach((c, i) => {
    for (const d of c.docs) coverage[i * n + d] = 1;
  });
  const counts = {
    all: claims.length,
    every: claims.filter((c) => c.docs.length === n).length,
    only: documents.map((_, d) => result.unique[d].length),
    missing: documents.map((_, d) => claims.filter((c) => !c.docs.includes(d)).length),
  };
  const header = {
    kind: 'claims',
    version: result.version,
    options: result.options,
    documents: documents.map(docHeader),
    stats: result.stats,
    approximate: result.approximate,
    warnings: result.warnings,
    claimCount: claims.length,
    coverage,
    counts,
    overlap: result.overlap,
    unique: result.unique,
  };

  const cache = new Map();
  function selection(filter) {
    if (!FILTERS.test(filter) && !/^outlet:\d+$/.test(filter)) filter = 'all';
    if (cache.has(filter)) return cache.get(filter);
    const [kind, arg] = filter.split(':');
    const d = Number(arg);
    let list;
    if (kind === 'outlet') list = result.claim_order[d] ?? [];
    else if (kind === 'every') list = claims.flatMap((c, i) => (c.docs.length === n ? [i] : []));
    else if (kind === 'only') list = claims.flatMap((c, i) => (c.docs.length === 1 && c.docs[0] === d ? [i] : []));
    else if (kind === 'missing') list = claims.flatMap((c, i) => (c.docs.includes(d) ? [] : [i]));
    else list = claims.map((_, i) => i);
    cache.set(filter, list);
    return list;
  }

  function member(m, c) {
    const sents = m.sentences.map((k) => documents[m.doc].sentences[k]);
    let parts = null;
    if (m.tokens && m.tokens.length) {
      parts = distribute(m.tokens, sents, 'b', true);
    }
    return {
      doc: m.doc,
      similarity: m.similarity,
      representative: m.doc === c.representative,
      sentences: sents.map((s, j) => ({ doc: m.doc, k: m.sentences[j], parts: parts ? parts[j] : plain(s) })),
    };
  }

  /** The claims of `filter`, rows [from, from + count): { total, rows }. */
  function rowsFor(from, count, filter) {
    const list = selection(filter);
    const out = [];
    for (let j = from; j < Math.min(list.length, from + count); ++j) {
      const i = list[j];
      const c = claims[i];
      out.push({ r: j, c: i, text: c.text, representative: c.representative, docs: c.docs, members: c.members.map((m) => member(m, c)) });
    }
    return { total: list.length, rows: out };
  }

  return { header, rows: rowsFor };
}
