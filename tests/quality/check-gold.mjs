#!/usr/bin/env node
// Validate the hand-made gold alignment cases.
//
// usage: node tests/quality/check-gold.mjs [CASES_DIR]     (default: tests/quality/cases)
//
// For every case folder (name ending in -update or -outlet, holding a.txt, b.txt, gold.json):
//  - the files are UTF-8 without BOM, with LF line endings;
//  - gold.json has the documented shape and its kind matches the folder name;
//  - every gold sentence is found in its file where the scorer will look for it, no two gold
//    sentences of one side overlap, and together they cover every non-whitespace byte;
//  - every sentence is used exactly once (no text listed twice, no text that is two sentences);
//  - `label` is `equal` exactly for byte-identical one-to-one pairs;
//  - `moved` marks the smallest set of pairs whose removal leaves the rest in the same order in
//    both texts (recomputed with a longest increasing subsequence); when several smallest sets
//    exist, any one is accepted, and a warning says so.
// It also warns about sentences that look mis-split (a full stop followed by a capital inside a
// sentence, or no closing punctuation in the middle of a paragraph).
// Exit code: 0 when no errors (warnings allowed), 1 otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collect, locateGold } from './score.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDir = process.argv[2] ?? path.join(here, 'cases');

// Words that end in a full stop without ending the sentence (the warning heuristic only).
const ABBREV = new Set(
  ('Mr Mrs Ms Dr Prof Sen Rep Gov Gen Lt Col Maj Capt Cmdr Adm Sgt Cpl Pvt St Ave Blvd Rd Mt Ft ' +
    'Jr Sr Inc Corp Co Ltd Bros No Nos vs etc Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec ' +
    'Mon Tue Tues Wed Thu Thurs Fri Sat Sun Rev Hon Supt Det Insp approx est dept Univ Atty ' +
    'Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo')
    .split(' '),
);

let errors = 0;
let warnings = 0;

function isWs(byte) {
  return byte === 0x20 || byte === 0x0a || byte === 0x09 || byte === 0x0d;
}

/** Longest strictly increasing subsequence of seq; for each element, whether it is in some / every LIS. */
function lisMembership(seq) {
  const n = seq.length;
  const end = new Array(n).fill(1); // LIS length ending at i
  const start = new Array(n).fill(1); // LIS length starting at i
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) if (seq[j] < seq[i]) end[i] = Math.max(end[i], end[j] + 1);
  for (let i = n - 1; i >= 0; i--) for (let j = i + 1; j < n; j++) if (seq[j] > seq[i]) start[i] = Math.max(start[i], start[j] + 1);
  const best = n ? Math.max(...end) : 0;
  const inSome = seq.map((_, i) => end[i] + start[i] - 1 === best);
  const perLevel = new Map();
  inSome.forEach((ok, i) => ok && perLevel.set(end[i], (perLevel.get(end[i]) ?? 0) + 1));
  const inEvery = seq.map((_, i) => inSome[i] && perLevel.get(end[i]) === 1);
  return { best, inSome, inEvery };
}

function isIncreasing(seq) {
  for (let i = 1; i < seq.length; i++) if (!(seq[i - 1] < seq[i])) return false;
  return true;
}

function lineOf(buf, offset) {
  let line = 1;
  for (let i = 0; i < offset; i++) if (buf[i] === 0x0a) line++;
  return line;
}

function short(t) {
  return t.length > 70 ? `${t.slice(0, 67)}...` : t;
}

function checkCase(name) {
  const dir = path.join(casesDir, name);
  const errs = [];
  const warns = [];
  const kind = name.endsWith('-update') ? 'update' : name.endsWith('-outlet') ? 'outlet' : null;
  if (!kind) errs.push('folder name must end in -update or -outlet');

  const files = {};
  for (const side of ['a', 'b']) {
    const p = path.join(dir, `${side}.txt`);
    if (!fs.existsSync(p)) {
      errs.push(`${side}.txt is missing`);
      continue;
    }
    const buf = fs.readFileSync(p);
    files[side] = buf;
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) errs.push(`${side}.txt starts with a BOM`);
    if (buf.includes(0x0d)) errs.push(`${side}.txt has CR line endings`);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(buf);
    } catch {
      errs.push(`${side}.txt is not valid UTF-8`);
    }
  }

  const fileErrs = errs.length; // encoding problems do not stop the checks below
  let gold;
  try {
    gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8'));
  } catch (e) {
    errs.push(`gold.json: ${e.message}`);
  }
  if (gold && (files.a === undefined || files.b === undefined)) gold = undefined;

  if (gold) {
    const known = new Set(['kind', 'pairs', 'removed', 'added']);
    for (const k of Object.keys(gold)) if (!known.has(k)) warns.push(`gold.json: unknown key "${k}"`);
    if (gold.kind !== 'update' && gold.kind !== 'outlet') errs.push(`gold.json: kind is ${JSON.stringify(gold.kind)}`);
    else if (kind && gold.kind !== kind) errs.push(`gold.json: kind "${gold.kind}" but the folder name says ${kind}`);
    const strList = (v) => Array.isArray(v) && v.every((t) => typeof t === 'string');
    if (!Array.isArray(gold.pairs)) errs.push('gold.json: pairs is not a list');
    if (!strList(gold.removed)) errs.push('gold.json: removed is not a list of strings');
    if (!strList(gold.added)) errs.push('gold.json: added is not a list of strings');
    (gold.pairs ?? []).forEach((p, k) => {
      if (!strList(p.a) || !p.a.length || !strList(p.b) || !p.b.length) errs.push(`pair ${k}: a and b must be non-empty lists of strings`);
      if (p.label !== 'equal' && p.label !== 'modified') errs.push(`pair ${k}: label is ${JSON.stringify(p.label)}`);
      if (typeof p.moved !== 'boolean') errs.push(`pair ${k}: moved is not a boolean`);
      for (const key of Object.keys(p)) if (!['a', 'b', 'label', 'moved'].includes(key)) warns.push(`pair ${k}: unknown key "${key}"`);
    });
  }

  if (gold && errs.length === fileErrs) {
    // Every sentence text once per side, non-empty, trimmed, on one line.
    for (const side of ['a', 'b']) {
      const seen = new Set();
      for (const t of collect(gold, side)) {
        if (!t.length) errs.push(`${side}: an empty gold sentence`);
        if (t !== t.trim()) errs.push(`${side}: gold sentence has surrounding whitespace: ${JSON.stringify(short(t))}`);
        if (t.includes('\n')) errs.push(`${side}: gold sentence spans a line break: ${JSON.stringify(short(t))}`);
        if (seen.has(t)) errs.push(`${side}: sentence listed twice (or two identical sentences, which the scorer cannot tell apart): ${JSON.stringify(short(t))}`);
        seen.add(t);
      }
    }
    let spans;
    try {
      spans = locateGold(dir, gold);
    } catch (e) {
      errs.push(e.message.replace(`${dir}: `, ''));
    }
    if (spans) {
      for (const side of ['a', 'b']) {
        const buf = files[side];
        const sp = spans[side];
        // overlap: a short gold sentence found inside a longer one, or a text listed twice
        for (let k = 1; k < sp.length; k++) {
          if (sp[k][0] < sp[k - 1][1]) {
            errs.push(`${side}.txt line ${lineOf(buf, sp[k][0])}: gold sentences overlap: ${JSON.stringify(short(sp[k - 1][2]))} / ${JSON.stringify(short(sp[k][2]))}`);
          }
        }
        // coverage: every non-whitespace byte belongs to a gold sentence
        const covered = new Uint8Array(buf.length);
        for (const [s, e] of sp) covered.fill(1, s, e);
        let i = 0;
        while (i < buf.length) {
          if (!covered[i] && !isWs(buf[i])) {
            let j = i;
            while (j < buf.length && !covered[j] && buf[j] !== 0x0a) j++;
            errs.push(`${side}.txt line ${lineOf(buf, i)}: text not in any gold sentence: ${JSON.stringify(short(buf.subarray(i, j).toString('utf8')))}`);
            i = j;
          } else i++;
        }
        // mis-split heuristics (warnings)
        for (const [s, e, t] of sp) {
          for (const m of t.matchAll(/(\S+)([.!?]["'”’)]*)\s+["“‘(]?[A-Z]/g)) {
            const word = m[1].replace(/^["“‘(]+/, '');
            const bare = word.replace(/\.$/, '');
            if (m[2].startsWith('.') && (ABBREV.has(bare) || /^([A-Za-z]{1,3}\.)+[A-Za-z]{1,3}$/.test(word) || /^[A-Z]$/.test(bare))) continue;
            warns.push(`${side}.txt line ${lineOf(buf, s)}: sentence may hold two sentences (after "${m[1]}${m[2]}"): ${JSON.stringify(short(t))}`);
          }
          const atLineEnd = e >= buf.length || buf.subarray(e).toString('utf8').match(/^[ \t]*(\n|$)/);
          if (!/[.!?:]["'”’)]*$/.test(t) && !atLineEnd) {
            warns.push(`${side}.txt line ${lineOf(buf, s)}: sentence ends without closing punctuation mid-paragraph: ${JSON.stringify(short(t))}`);
          }
        }
      }

      const idx = {};
      for (const side of ['a', 'b']) {
        idx[side] = new Map(spans[side].map(([, , t], k) => [t, k]));
      }
      // labels
      gold.pairs.forEach((p, k) => {
        const same = p.a.length === 1 && p.b.length === 1 && p.a[0] === p.b[0];
        const want = same ? 'equal' : 'modified';
        if (p.label !== want) errs.push(`pair ${k} (${JSON.stringify(short(p.a[0]))}): label is ${p.label}, should be ${want}`);
        for (const side of ['a', 'b']) {
          const ks = p[side].map((t) => idx[side].get(t)).sort((x, y) => x - y);
          if (ks[ks.length - 1] - ks[0] !== ks.length - 1) warns.push(`pair ${k}: its ${side} sentences are not adjacent`);
        }
      });
      // moved, by LIS over the pairs in a order (a pair's place is its first sentence)
      const order = gold.pairs
        .map((p, k) => ({
          k,
          a: Math.min(...p.a.map((t) => idx.a.get(t))),
          b: Math.min(...p.b.map((t) => idx.b.get(t))),
          moved: p.moved,
        }))
        .sort((x, y) => x.a - y.a);
      const { best, inSome, inEvery } = lisMembership(order.map((o) => o.b));
      const kept = order.filter((o) => !o.moved);
      const goldOk = kept.length === best && isIncreasing(kept.map((o) => o.b));
      const ambiguous = order.some((o, i) => inSome[i] && !inEvery[i]);
      if (!goldOk) {
        const should = order.filter((o, i) => !inSome[i]).map((o) => JSON.stringify(short(gold.pairs[o.k].a[0])));
        const maybe = order.filter((o, i) => inSome[i] && !inEvery[i]).map((o) => JSON.stringify(short(gold.pairs[o.k].a[0])));
        errs.push(
          `moved disagrees with the LIS (${order.length - best} pair(s) must be moved; gold marks ${order.length - kept.length}). ` +
            `Moved in every smallest set: ${should.join(' | ') || '-'}` +
            (maybe.length ? `; one of: ${maybe.join(' | ')}` : ''),
        );
      } else if (ambiguous) {
        const maybe = order.filter((o, i) => inSome[i] && !inEvery[i]).map((o) => JSON.stringify(short(gold.pairs[o.k].a[0])));
        warns.push(`moved is ambiguous: several smallest sets exist among ${maybe.join(' | ')}`);
      }
      // stats line
      const nA = spans.a.length;
      const nB = spans.b.length;
      const nMoved = gold.pairs.filter((p) => p.moved).length;
      const splits = gold.pairs.filter((p) => p.a.length === 1 && p.b.length > 1).length;
      const merges = gold.pairs.filter((p) => p.a.length > 1 && p.b.length === 1).length;
      const eq = gold.pairs.filter((p) => p.label === 'equal').length;
      checkCase.stats = `${nA}/${nB} sentences, ${gold.pairs.length} pairs (${eq} equal), ${splits} split, ${merges} merge, ${nMoved} moved, ${gold.removed.length} removed, ${gold.added.length} added`;
    }
  }
  return { errs, warns };
}

const names = fs
  .readdirSync(casesDir)
  .filter((n) => fs.statSync(path.join(casesDir, n)).isDirectory())
  .sort();
const count = { update: 0, outlet: 0 };
for (const name of names) {
  checkCase.stats = '';
  if (!fs.existsSync(path.join(casesDir, name, 'gold.json'))) {
    console.log(`FAIL ${name}: no gold.json`);
    errors++;
    continue;
  }
  const { errs, warns } = checkCase(name);
  if (name.endsWith('-update')) count.update++;
  if (name.endsWith('-outlet')) count.outlet++;
  console.log(`${errs.length ? 'FAIL' : 'ok  '} ${name}${checkCase.stats ? `: ${checkCase.stats}` : ''}`);
  for (const e of errs) console.log(`     error: ${e}`);
  for (const w of warns) console.log(`     warning: ${w}`);
  errors += errs.length;
  warnings += warns.length;
}
console.log(`${names.length} cases (${count.update} update, ${count.outlet} outlet): ${errors} error(s), ${warnings} warning(s)`);
process.exit(errors ? 1 : 0);
