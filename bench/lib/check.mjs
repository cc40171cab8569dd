// check.mjs — is a tool's output a valid diff, and how many tokens did it change?
//
// Every tool's output is first turned into runs, [{ op: 'equal' | 'delete' | 'insert', text }].
// A valid diff rebuilds both texts: equal + delete runs give the old text, equal + insert runs the
// new one. Tools that throw white space away (git --word-diff, wdiff, jsdiff diffWords for the
// white space between equal words) can only rebuild the texts up to white space, which is
// reported as such ("ws"); anything else is INVALID.
//
// The edit count is measured the same way for every tool, on the engine's own tokens
// (lib/tokenize.mjs): a token of the old text counts as deleted when any of its characters lies in
// a delete run, a token of the new text as inserted when any of its characters lies in an insert
// run. `tokens` counts every token (white-space runs included: what storydiff's word mode,
// diff-match-patch and difflib diff here); `words` counts words, numbers and punctuation only, the
// one count that tools which ignore white space can be given.

import { tokenize, SPACE } from './tokenize.mjs';

const isWs = (c) =>
  c === 0x20 || (c >= 0x09 && c <= 0x0d) || c === 0x85 || c === 0xa0 || c === 0x1680 ||
  (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f ||
  c === 0x3000 || c === 0xfeff;

/** Token index of every character of `text` (Int32Array), and the token kinds. */
function tokenOfChar(text) {
  const { starts, kinds } = tokenize(text);
  const of = new Int32Array(text.length);
  for (let k = 0; k < starts.length; k++) {
    const end = k + 1 < starts.length ? starts[k + 1] : text.length;
    for (let i = starts[k]; i < end; i++) of[i] = k;
  }
  return { of, kinds, count: starts.length };
}

function stripWs(s) {
  let out = '';
  let from = 0;
  for (let i = 0; i < s.length; i++) {
    if (isWs(s.charCodeAt(i))) {
      if (i > from) out += s.slice(from, i);
      from = i + 1;
    }
  }
  return out + s.slice(from);
}

/**
 * Checks `runs` against the two texts. Returns { valid: 'exact' | 'ws' | 'INVALID', tokens,
 * words, runs }, tokens being null when the tool does not rebuild white space exactly.
 * `cache` (optional, per input) keeps the tokenization of the two texts between calls.
 */
export function checkRuns(oldText, newText, runs, cache = {}) {
  let rebuiltOld = '';
  let rebuiltNew = '';
  const oldParts = [];
  const newParts = [];
  for (const r of runs) {
    if (r.op !== 'insert') oldParts.push(r.text);
    if (r.op !== 'delete') newParts.push(r.text);
  }
  rebuiltOld = oldParts.join('');
  rebuiltNew = newParts.join('');
  let valid;
  if (rebuiltOld === oldText && rebuiltNew === newText) valid = 'exact';
  else if (stripWs(rebuiltOld) === (cache.oldStripped ??= stripWs(oldText)) &&
           stripWs(rebuiltNew) === (cache.newStripped ??= stripWs(newText))) valid = 'ws';
  else return { valid: 'INVALID', tokens: null, words: null, runs: runs.length, why: firstDifference(rebuiltOld, oldText, rebuiltNew, newText) };

  const ta = (cache.ta ??= tokenOfChar(oldText));
  const tb = (cache.tb ??= tokenOfChar(newText));
  const delA = new Uint8Array(ta.count);
  const insB = new Uint8Array(tb.count);
  if (valid === 'exact') {
    let pa = 0;
    let pb = 0;
    for (const r of runs) {
      const n = r.text.length;
      if (r.op === 'equal') { pa += n; pb += n; continue; }
      if (r.op === 'delete') { for (let i = pa; i < pa + n; i++) delA[ta.of[i]] = 1; pa += n; }
      else { for (let i = pb; i < pb + n; i++) insB[tb.of[i]] = 1; pb += n; }
    }
  } else {
    // Up to white space: walk the non-space characters of each run in step with those of the
    // original texts.
    const nonWs = (text) => {
      const pos = [];
      for (let i = 0; i < text.length; i++) if (!isWs(text.charCodeAt(i))) pos.push(i);
      return pos;
    };
    const posA = (cache.posA ??= nonWs(oldText));
    const posB = (cache.posB ??= nonWs(newText));
    let ka = 0;
    let kb = 0;
    for (const r of runs) {
      const t = r.text;
      for (let i = 0; i < t.length; i++) {
        if (isWs(t.charCodeAt(i))) continue;
        if (r.op === 'equal') { ka++; kb++; }
        else if (r.op === 'delete') delA[ta.of[posA[ka++]]] = 1;
        else insB[tb.of[posB[kb++]]] = 1;
      }
    }
  }
  let tokens = 0;
  let words = 0;
  for (let k = 0; k < ta.count; k++) if (delA[k]) { tokens++; if (ta.kinds[k] !== SPACE) words++; }
  for (let k = 0; k < tb.count; k++) if (insB[k]) { tokens++; if (tb.kinds[k] !== SPACE) words++; }
  return { valid, tokens: valid === 'exact' ? tokens : null, words, runs: runs.length };
}

function firstDifference(ro, o, rn, n) {
  const at = (x, y) => { let i = 0; while (i < x.length && i < y.length && x[i] === y[i]) i++; return i; };
  if (ro !== o) { const i = at(ro, o); return `old text differs at ${i}: ${JSON.stringify(ro.slice(i, i + 30))} vs ${JSON.stringify(o.slice(i, i + 30))}`; }
  const i = at(rn, n);
  return `new text differs at ${i}: ${JSON.stringify(rn.slice(i, i + 30))} vs ${JSON.stringify(n.slice(i, i + 30))}`;
}

/** diff-match-patch / jsdiff style results to runs. */
export const fromDmp = (diffs) => diffs.map(([op, text]) => ({ op: op === 0 ? 'equal' : op < 0 ? 'delete' : 'insert', text }));
export const fromJsdiff = (changes) => changes.map((c) => ({ op: c.added ? 'insert' : c.removed ? 'delete' : 'equal', text: c.value }));

/**
 * git diff --word-diff=porcelain output (with context covering the whole file) to runs: after the
 * header, lines starting with ' ' (context), '-' (old only), '+' (new only), and '~' (a line end,
 * in both texts when it closes a line of context, otherwise in whichever side its line came from).
 */
export function fromGitPorcelain(out) {
  const runs = [];
  const lines = out.split('\n');
  let k = 0;
  while (k < lines.length && !lines[k].startsWith('@@')) k++;
  let sawMinus = false;
  let sawPlus = false;
  let sawContext = false;
  for (k++; k < lines.length; k++) {
    const line = lines[k];
    if (line.startsWith('@@')) continue; // a later hunk (cannot happen with whole-file context)
    const c = line[0];
    const text = line.slice(1);
    if (c === ' ') { runs.push({ op: 'equal', text }); sawContext = true; }
    else if (c === '-') { runs.push({ op: 'delete', text }); sawMinus = true; }
    else if (c === '+') { runs.push({ op: 'insert', text }); sawPlus = true; }
    else if (c === '~') {
      // A line end: shared when the line had context, or both sides changed; otherwise it belongs
      // to the side that had text on this line.
      if (sawContext || (sawMinus && sawPlus) || (!sawMinus && !sawPlus)) runs.push({ op: 'equal', text: '\n' });
      else runs.push({ op: sawMinus ? 'delete' : 'insert', text: '\n' });
      sawMinus = sawPlus = sawContext = false;
    } else if (c === '\\') continue; // "\ No newline at end of file"
  }
  return runs;
}

/** wdiff output written with the markers below (-w -x -y -z) to runs. */
export const WDIFF_MARKS = ['\u0001', '\u0002', '\u0003', '\u0004'];
export function fromWdiff(out) {
  const [ds, de, is, ie] = WDIFF_MARKS;
  const runs = [];
  let i = 0;
  while (i < out.length) {
    const d = out.indexOf(ds, i);
    const s = out.indexOf(is, i);
    let next = -1;
    if (d >= 0 && (s < 0 || d < s)) next = d;
    else if (s >= 0) next = s;
    if (next < 0) { runs.push({ op: 'equal', text: out.slice(i) }); break; }
    if (next > i) runs.push({ op: 'equal', text: out.slice(i, next) });
    const end = out.indexOf(next === d ? de : ie, next + 1);
    if (end < 0) throw new Error('wdiff output: unterminated marker');
    runs.push({ op: next === d ? 'delete' : 'insert', text: out.slice(next + 1, end) });
    i = end + 1;
  }
  return runs;
}

/**
 * A storydiff sentence alignment (the JSON result) against the two texts as UTF-8 bytes: every
 * sentence of each document in exactly one alignment entry, and each sentence the text at its
 * offsets. Returns the validity and the counts the report shows.
 */
export function checkAlignment(res, oldBytes, newBytes) {
  const problems = [];
  for (let d = 0; d < 2; d++) {
    const doc = res.documents[d];
    const bytes = d === 0 ? oldBytes : newBytes;
    const seen = new Uint8Array(doc.sentences.length);
    for (const e of res.alignment) for (const k of d === 0 ? e.a : e.b) seen[k]++;
    const bad = seen.findIndex((n) => n !== 1);
    if (bad >= 0) problems.push(`document ${d}: sentence ${bad} is in ${seen[bad]} entries`);
    let prevEnd = 0;
    for (const [k, s] of doc.sentences.entries()) {
      if (s.start < prevEnd || bytes.subarray(s.start, s.end).toString('utf8') !== s.text) {
        problems.push(`document ${d}: sentence ${k} is not the text at its offsets`);
        break;
      }
      prevEnd = s.end;
    }
  }
  const st = res.stats;
  let kept = 0;
  let unmatched = 0;
  for (const e of res.alignment) {
    if (e.op === 'added' || e.op === 'removed') unmatched += e.a.length + e.b.length;
    else if (!e.moved) kept += e.a.length;
  }
  return {
    valid: problems.length ? 'INVALID' : 'exact',
    why: problems.join('; ') || undefined,
    sentences: [st.old_sentences, st.new_sentences],
    kept,
    reworded: st.modified,
    moved: st.moved,
    unmatched,
    approximate: res.approximate,
  };
}

/** Counts of jsdiff-style sentence runs: sentences kept (equal) and unmatched (deleted or inserted). */
export function sentenceRunCounts(runs) {
  let kept = 0;
  let unmatched = 0;
  for (const r of runs) {
    const n = r.text.split(/(?<=[.!?])\s+/).filter((s) => /\S/.test(s)).length;
    if (r.op === 'equal') kept += n;
    else unmatched += n;
  }
  return { kept, reworded: 0, moved: 0, unmatched };
}
