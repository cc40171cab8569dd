#!/usr/bin/env node
// Score a claim alignment against a hand-made gold case.
//
// A Node re-implementation of the team's score-alignment.py, with the same metric: predicted
// sentences are mapped to gold sentences by the largest byte overlap, then F1 is taken over the
// sets of gold (a, b) pairs, moved pairs, removed a-sentences and added b-sentences; means are
// per kind (the case folder's name ends in `update` or `outlet`). Numbers print exactly as the
// Python tool prints them (4-decimal round-half-even, Python float repr).
//
// usage: node tests/quality/score.mjs CASE_DIR PREDICTION.json   one JSON line of scores
//        node tests/quality/score.mjs --all CASES_DIR CMD...     runs CMD a.txt b.txt per case
//        node tests/quality/score.mjs --errors DIR CMD...        what each case (or one case) got
//                                                                wrong: false and missed pairs, moves
//
// Prediction contract (what `storydiff --format json A B` prints):
//   documents[0|1].sentences[k] = {start, end}   UTF-8 byte offsets into the input file
//   alignment[] = {op: equal|modified|added|removed, a: [k..], b: [k..], moved: bool}
//
// From a test: `scoreCase(caseDir, prediction)` and `await scoreAll(casesDir, runFn)`, where
// runFn(aPath, bPath) returns the prediction (object or JSON text, or a promise of either).

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const KINDS = ['update', 'outlet'];
export const METRICS = ['pairs_f1', 'moved_f1', 'added_f1', 'removed_f1'];

/** A gold case that cannot be scored (a gold sentence missing from its file). */
export class GoldError extends Error {}

/** Gold sentence texts of one side, in the order the scorer locates them: pairs, then removed/added. */
export function collect(gold, side) {
  const seq = [];
  for (const p of gold.pairs) seq.push(...p[side]);
  seq.push(...gold[side === 'a' ? 'removed' : 'added']);
  return seq;
}

/**
 * Locate gold sentences in a.txt / b.txt as the Python scorer does: each text at its first byte
 * position not already taken by an earlier gold sentence. Returns, per side, the spans
 * [start, end, text] sorted by start.
 */
export function locateGold(caseDir, gold) {
  const spans = {};
  for (const side of ['a', 'b']) {
    const data = fs.readFileSync(path.join(caseDir, `${side}.txt`));
    const located = [];
    const used = new Set();
    for (const t of collect(gold, side)) {
      const needle = Buffer.from(t, 'utf8');
      let start = 0;
      let i;
      for (;;) {
        // bytes.find: an empty needle is found at `start` while start <= len
        i = needle.length ? data.indexOf(needle, start) : start <= data.length ? start : -1;
        if (i < 0) {
          throw new GoldError(`${caseDir}: gold sentence not in ${side}.txt: ${pyStrRepr([...t].slice(0, 60).join(''))}`);
        }
        if (!used.has(i)) break;
        start = i + 1;
      }
      used.add(i);
      located.push([i, i + needle.length, t]);
    }
    // Python sorts the (start, end, text) tuples; starts are unique, so start order decides.
    located.sort((x, y) => x[0] - y[0] || x[1] - y[1] || cmpCodePoints(x[2], y[2]));
    spans[side] = located;
  }
  return spans;
}

function pyTruthy(v) {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}

/** Gold spans, plus the gold pair / moved / removed / added sets of gold sentence ids. */
export function buildGold(caseDir) {
  const gold = JSON.parse(fs.readFileSync(path.join(caseDir, 'gold.json'), 'utf8'));
  const spans = locateGold(caseDir, gold);
  // duplicates inside one file are rare; the first is taken
  const gid = (side, text) => spans[side].findIndex((s) => s[2] === text);
  const pairs = new Set();
  const moved = new Set();
  for (const p of gold.pairs) {
    for (const ta of p.a) {
      for (const tb of p.b) {
        const key = `${gid('a', ta)},${gid('b', tb)}`;
        pairs.add(key);
        if (pyTruthy(p.moved)) moved.add(key);
      }
    }
  }
  const removed = new Set(gold.removed.map((t) => gid('a', t)));
  const added = new Set(gold.added.map((t) => gid('b', t)));
  return { spans, pairs, moved, removed, added, gold };
}

/** predicted sentence index -> gold sentence index with the largest byte overlap (or null). */
export function mapPred(predSents, gspans) {
  return predSents.map((s) => {
    const a = s.start;
    const b = s.end;
    let best = 0;
    let bk = null;
    gspans.forEach(([ga, gb], k) => {
      const ov = Math.min(b, gb) - Math.max(a, ga);
      if (ov > best) {
        best = ov;
        bk = k;
      }
    });
    return bk;
  });
}

export function f1(pred, gold) {
  let tp = 0;
  for (const x of pred) if (gold.has(x)) tp += 1;
  const p = pred.size ? tp / pred.size : gold.size === 0 ? 1.0 : 0.0;
  const r = gold.size ? tp / gold.size : pred.size === 0 ? 1.0 : 0.0;
  return p + r === 0 ? 0.0 : (2 * p * r) / (p + r);
}

/**
 * Python's round(x, nd) for floats: the exact binary value rounded to nd decimals, ties (exact
 * ones only) to even. toFixed rounds the exact value too but sends ties up, so ties are fixed here.
 */
export function pyRound(x, nd = 4) {
  if (!Number.isFinite(x)) return x;
  let s = Math.abs(x).toFixed(nd);
  const exact = Math.abs(x).toFixed(Math.min(100, nd + 60));
  const dot = exact.indexOf('.');
  const tail = exact.slice(dot + 1 + nd);
  if (/^50*$/.test(tail)) {
    // an exact tie: toFixed went away from zero; Python keeps the even neighbour
    const down = exact.slice(0, dot + 1 + nd);
    const lastDigit = Number(down[down.length - 1]);
    if (lastDigit % 2 === 0) s = down;
  }
  const v = Number(s);
  return x < 0 || Object.is(x, -0) ? -v : v;
}

function pickIndex(list, i) {
  if (!Number.isInteger(i)) throw new TypeError('list indices must be integers or slices');
  const j = i < 0 ? i + list.length : i;
  if (j < 0 || j >= list.length) throw new RangeError('list index out of range');
  return list[j];
}

function indexList(op, key) {
  if (!(key in op)) return [];
  const v = op[key];
  if (!Array.isArray(v)) throw new TypeError(`'${key}' of an alignment entry is not a list`);
  return v;
}

/**
 * The prediction's pair / moved / removed / added sets of gold sentence ids (pairs as "x,y"), with
 * each predicted pair's similarity and moved flag, for scoring and for listing errors.
 */
function predictedSets(pred, spans) {
  const docs = pred.documents;
  const ma = mapPred(docs[0].sentences, spans.a);
  const mb = mapPred(docs[1].sentences, spans.b);
  const pairs = new Set();
  const moved = new Set();
  const removed = new Set();
  const added = new Set();
  const similarity = new Map();
  for (const op of pred.alignment) {
    if (!('op' in op)) throw new TypeError("KeyError: 'op'");
    const kind = op.op;
    const A = indexList(op, 'a').map((i) => pickIndex(ma, i)).filter((x) => x !== null);
    const B = indexList(op, 'b').map((j) => pickIndex(mb, j)).filter((x) => x !== null);
    if (kind === 'equal' || kind === 'modified') {
      for (const x of A) {
        for (const y of B) {
          pairs.add(`${x},${y}`);
          similarity.set(`${x},${y}`, op.similarity);
          if (pyTruthy(op.moved)) moved.add(`${x},${y}`);
        }
      }
    } else if (kind === 'removed') {
      for (const x of A) removed.add(x);
    } else if (kind === 'added') {
      for (const y of B) added.add(y);
    }
  }
  return { pairs, moved, removed, added, similarity };
}

/** Score one prediction object against the gold case in caseDir. */
export function scoreCase(caseDir, pred) {
  const { spans, pairs: gpairs, moved: gmoved, removed: gremoved, added: gadded } = buildGold(caseDir);
  const { pairs, moved, removed, added } = predictedSets(pred, spans);
  return {
    pairs_f1: pyRound(f1(pairs, gpairs), 4),
    moved_f1: pyRound(f1(moved, gmoved), 4),
    added_f1: pyRound(f1(added, gadded), 4),
    removed_f1: pyRound(f1(removed, gremoved), 4),
    n_gold_pairs: gpairs.size,
  };
}

/**
 * What a prediction got wrong against the gold case, gold sentence by gold sentence: pairs it
 * made that the gold does not (`false_pair`, with the similarity), gold pairs it missed
 * (`missed_pair`), and moved flags it added or missed (`false_move`, `missed_move`). Each item
 * holds the gold sentence indices `a` and/or `b` and their texts.
 */
export function caseErrors(caseDir, pred) {
  const { spans, pairs: gpairs, moved: gmoved } = buildGold(caseDir);
  const { pairs, moved, similarity } = predictedSets(pred, spans);
  const item = (kind, key, extra = {}) => {
    const [a, b] = key.split(',').map(Number);
    return { kind, a, b, text_a: spans.a[a][2], text_b: spans.b[b][2], ...extra };
  };
  const byPosition = (x, y) => x.a - y.a || x.b - y.b;
  const out = [];
  for (const k of pairs) if (!gpairs.has(k)) out.push(item('false_pair', k, { similarity: similarity.get(k) }));
  for (const k of gpairs) if (!pairs.has(k)) out.push(item('missed_pair', k));
  for (const k of moved) if (!gmoved.has(k) && gpairs.has(k)) out.push(item('false_move', k));
  for (const k of gmoved) if (!moved.has(k) && pairs.has(k)) out.push(item('missed_move', k));
  return out.sort(byPosition);
}

function cmpCodePoints(x, y) {
  const a = Array.from(x);
  const b = Array.from(y);
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a[i].codePointAt(0) - b[i].codePointAt(0);
    if (d) return d;
  }
  return a.length - b.length;
}

/** Case folder names under casesDir that hold a gold.json, in Python's sorted() order. */
export function caseNames(casesDir) {
  return fs
    .readdirSync(casesDir)
    .sort(cmpCodePoints)
    .filter((name) => {
      try {
        return fs.statSync(path.join(casesDir, name, 'gold.json')).isFile();
      } catch {
        return false;
      }
    });
}

/** Per-kind means of the four F1 scores over rows ({name: row}), as the Python tool computes them. */
export function kindMeans(rows) {
  const out = {};
  for (const kind of KINDS) {
    const sel = Object.entries(rows)
      .filter(([n]) => n.endsWith(kind))
      .map(([, r]) => r);
    if (!sel.length) continue;
    const mean = {};
    for (const k of METRICS) {
      let sum = 0; // left-to-right, as Python 3.11's sum() over floats
      for (const r of sel) sum += r[k];
      mean[k] = pyRound(sum / sel.length, 4);
    }
    out[kind] = { cases: sel.length, mean };
  }
  return out;
}

/**
 * Run runFn(aPath, bPath) on every case under casesDir and score it. A case whose run fails or
 * whose output is not a usable prediction scores zero with an `error`. Resolves to
 * { rows: {name: row}, means: {update: {cases, mean}, outlet: {cases, mean}} }.
 */
export async function scoreAll(casesDir, runFn) {
  const rows = {};
  for (const name of caseNames(casesDir)) {
    const caseDir = path.join(casesDir, name);
    const t0 = performance.now();
    let row;
    try {
      let pred = await runFn(path.join(caseDir, 'a.txt'), path.join(caseDir, 'b.txt'));
      if (typeof pred === 'string' || Buffer.isBuffer(pred)) pred = JSON.parse(String(pred));
      row = scoreCase(caseDir, pred);
    } catch (e) {
      if (e instanceof GoldError) throw e; // a broken gold case stops the run, as in Python
      row = { pairs_f1: 0, moved_f1: 0, added_f1: 0, removed_f1: 0, error: e.detail ?? `${e.name}: ${String(e.message).slice(0, 120)}` };
    }
    row.seconds = pyRound((performance.now() - t0) / 1000, 3);
    rows[name] = row;
  }
  return { rows, means: kindMeans(rows) };
}

// ---- printing exactly like Python's json.dumps -------------------------------------------

function pyFloatRepr(x) {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'Infinity';
  if (x === -Infinity) return '-Infinity';
  const s = String(x);
  const m = /^(-?)(\d(?:\.\d+)?)e([+-])(\d+)$/.exec(s);
  if (m) return `${m[1]}${m[2]}e${m[3]}${m[4].padStart(2, '0')}`;
  const ax = Math.abs(x);
  if (ax >= 1e16) {
    // Python switches to exponent notation at 1e16; JS at 1e21
    const [mant, exp] = x.toExponential().split('e');
    const e = Number(exp);
    return `${mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  if (Number.isInteger(x)) return `${s}.0`;
  return s;
}

export function pyStrJson(s) {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (c > 0x7e && c <= 0xffff)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else if (c > 0xffff) {
      const v = c - 0x10000;
      out += `\\u${(0xd800 + (v >> 10)).toString(16)}\\u${(0xdc00 + (v & 0x3ff)).toString(16)}`;
    } else out += ch;
  }
  return out + '"';
}

function pyStrRepr(s) {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = q;
  for (const ch of s) {
    if (ch === q || ch === '\\') out += `\\${ch}`;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch.codePointAt(0) < 0x20 || ch.codePointAt(0) === 0x7f) out += `\\x${ch.codePointAt(0).toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return out + q;
}

function pyBytesRepr(buf) {
  const hasSq = buf.includes(0x27);
  const hasDq = buf.includes(0x22);
  const q = hasSq && !hasDq ? '"' : "'";
  let out = `b${q}`;
  for (const c of buf) {
    if (c === q.charCodeAt(0) || c === 0x5c) out += `\\${String.fromCharCode(c)}`;
    else if (c === 0x0a) out += '\\n';
    else if (c === 0x0d) out += '\\r';
    else if (c === 0x09) out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += String.fromCharCode(c);
  }
  return out + q;
}

// Python keeps ints and floats apart; the F1 scores are ints (0) only in a failed case's row.
const INT_KEYS = new Set(['n_gold_pairs']);

/** One row or mean object as Python's json.dumps prints it. */
export function pyDumps(obj) {
  const failed = 'error' in obj;
  const parts = Object.entries(obj).map(([k, v]) => {
    let val;
    if (typeof v === 'string') val = pyStrJson(v);
    else if (typeof v === 'number') {
      const isInt = INT_KEYS.has(k) || (failed && METRICS.includes(k));
      val = isInt ? String(v) : pyFloatRepr(v);
    } else val = JSON.stringify(v);
    return `${pyStrJson(k)}: ${val}`;
  });
  return `{${parts.join(', ')}}`;
}

/** Python's message when a document does not start with a JSON value (e.g. empty output), else null. */
function pyJsonStartError(doc) {
  let pos = 0;
  while (pos < doc.length && ' \t\n\r'.includes(doc[pos])) pos++;
  const rest = doc.slice(pos);
  if (/^(["{[]|null|true|false|-?\d|NaN|Infinity|-Infinity)/.test(rest)) return null;
  const before = doc.slice(0, pos);
  const line = before.split('\n').length;
  const col = pos - before.lastIndexOf('\n');
  return `Expecting value: line ${line} column ${col} (char ${pos})`;
}

function runCommand(cmd) {
  return (aPath, bPath) => {
    const r = spawnSync(cmd[0], [...cmd.slice(1), aPath, bPath], {
      timeout: 120_000,
      maxBuffer: 1 << 30,
    });
    // Python reports a process killed by a signal as -signum
    const rc = r.status ?? (r.signal ? -(os.constants.signals[r.signal] ?? 0) : null);
    const stderr = r.stderr ?? Buffer.alloc(0);
    try {
      if (r.error) throw r.error;
      return JSON.parse((r.stdout ?? Buffer.alloc(0)).toString('utf8'));
    } catch (e) {
      const name = e instanceof SyntaxError ? 'JSONDecodeError' : e.name;
      const message = e instanceof SyntaxError ? pyJsonStartError((r.stdout ?? Buffer.alloc(0)).toString('utf8')) ?? e.message : e.message;
      const err = new Error(message);
      err.detail = `${name}: ${String(message).slice(0, 120)} rc=${rc === null ? 'None' : rc} ${pyBytesRepr(stderr.subarray(0, 200))}`;
      throw err;
    }
  };
}

async function main(argv) {
  if (argv.length < 2 || argv[0] === '-h' || argv[0] === '--help') {
    process.stderr.write(
      'usage: score.mjs CASE_DIR PREDICTION.json\n       score.mjs --all CASES_DIR CMD...\n' +
        '       score.mjs --errors CASES_DIR|CASE_DIR CMD...   (what each case got wrong)\n',
    );
    return 2;
  }
  if (argv[0] === '--errors') {
    const [dir, ...cmd] = argv.slice(1);
    if (!cmd.length) {
      process.stderr.write('score.mjs --errors: no command given\n');
      return 2;
    }
    const single = fs.existsSync(path.join(dir, 'gold.json'));
    const run = runCommand(cmd);
    for (const name of single ? [path.basename(dir)] : caseNames(dir)) {
      const caseDir = single ? dir : path.join(dir, name);
      const errors = caseErrors(caseDir, await run(path.join(caseDir, 'a.txt'), path.join(caseDir, 'b.txt')));
      console.log(`${name}: ${errors.length} error(s)`);
      const cut = (t) => (t.length > 110 ? `${t.slice(0, 110)}…` : t);
      for (const e of errors) {
        const sim = e.similarity === undefined ? '' : ` similarity ${e.similarity}`;
        console.log(`  ${e.kind} a${e.a} b${e.b}${sim}\n    A: ${cut(e.text_a)}\n    B: ${cut(e.text_b)}`);
      }
    }
    return 0;
  }
  if (argv[0] === '--all') {
    const [casesDir, ...cmd] = argv.slice(1);
    if (!cmd.length) {
      process.stderr.write('score.mjs --all: no command given\n');
      return 2;
    }
    const { rows, means } = await scoreAll(casesDir, runCommand(cmd));
    for (const [name, row] of Object.entries(rows)) console.log(`${name} ${pyDumps(row)}`);
    for (const kind of KINDS) {
      if (means[kind]) console.log(`MEAN ${kind} (${means[kind].cases} cases) ${pyDumps(means[kind].mean)}`);
    }
    return 0;
  }
  const pred = JSON.parse(fs.readFileSync(argv[1], 'utf8'));
  console.log(pyDumps(scoreCase(argv[0], pred)));
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`score.mjs: ${e instanceof GoldError ? e.message : e.stack}\n`);
      process.exit(1);
    },
  );
}
