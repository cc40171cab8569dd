#!/usr/bin/env node
// Validate the hand-made N-way gold claim cases.
//
// usage: node tests/quality/nway/check.mjs [CASES_DIR]     (default: the folder of this script)
//
// For every case folder holding a gold.json:
//  - gold.json has the documented shape: docs[] (3 or more files, each present) and claims[], each
//    claim with members {docN.txt: ["exact sentence", ...]} naming only listed documents;
//  - the files are UTF-8 without BOM, with LF line endings and no tabs;
//  - every gold sentence is found verbatim in its file, and the gold sentences of each file cover
//    every non-whitespace byte exactly once (no overlap, no gap, no text listed twice);
//  - each claim has at most one member run per document: its sentences in one document are
//    consecutive in that document (1 to 3 of them, a split), listed in document order;
//  - the first line (headline) is one sentence, and the headlines of all documents form one claim;
//  - each document has 12 to 25 sentences (a warning otherwise).
// It also warns about sentences that look mis-split (a full stop, ? or ! followed by a space and a
// capital inside a sentence, outside known abbreviations).
// Exit code: 0 when no errors (warnings allowed), 1 otherwise.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadGold } from './score.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const casesDir = process.argv[2] ?? here;

// Words that end in a full stop without ending the sentence (the warning heuristic only).
const ABBREV = new Set(
  ('Mr Mrs Ms Dr Prof Sen Rep Gov Gen Lt Col Maj Capt St Ave Blvd Rd Mt Jr Sr Inc Corp Co Ltd No vs ' +
    'Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind ' +
    'Kan Ky La Md Mass Mich Minn Miss Mo Mont Neb Nev Okla Ore Pa Tenn Va Vt Wash Wis Wyo a.m p.m U.S ' +
    'N.T.S.B')
    .split(' '),
);

const isWs = (b) => b === 0x20 || b === 0x0a;

function checkCase(dir) {
  const errs = [];
  const warns = [];
  let gold;
  try {
    gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8'));
  } catch (e) {
    return { errs: [`gold.json: ${e.message}`], warns, stats: '' };
  }
  if (!Array.isArray(gold.docs) || gold.docs.length < 3) errs.push('docs must list 3 or more files');
  if (!Array.isArray(gold.claims) || !gold.claims.length) errs.push('claims must be a non-empty list');
  if (errs.length) return { errs, warns, stats: '' };
  for (const name of gold.docs) {
    const p = path.join(dir, name);
    if (!fs.existsSync(p)) {
      errs.push(`${name}: missing`);
      continue;
    }
    const buf = fs.readFileSync(p);
    if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) errs.push(`${name}: has a BOM`);
    if (buf.includes(0x0d)) errs.push(`${name}: has CR bytes (LF line endings only)`);
    if (buf.includes(0x09)) errs.push(`${name}: has tabs`);
    if (!Buffer.from(buf.toString('utf8'), 'utf8').equals(buf)) errs.push(`${name}: not valid UTF-8`);
  }
  gold.claims.forEach((c, i) => {
    if (!c || typeof c.members !== 'object' || Array.isArray(c.members) || !Object.keys(c.members).length)
      errs.push(`claim ${i}: members must be a non-empty object`);
  });
  if (errs.length) return { errs, warns, stats: '' };

  let g;
  try {
    g = loadGold(dir);
  } catch (e) {
    return { errs: [e.message], warns, stats: '' };
  }

  // Coverage: every non-whitespace byte exactly once; no duplicate texts.
  g.docs.forEach((name, d) => {
    const buf = g.bufs[d];
    const cover = new Uint16Array(buf.length);
    for (const s of g.spans[d]) {
      if (s.text !== s.text.trim()) errs.push(`${name}: sentence has leading/trailing whitespace: ${JSON.stringify(s.text.slice(0, 50))}`);
      for (let i = s.start; i < s.end; i++) cover[i]++;
    }
    let reported = 0;
    for (let i = 0; i < buf.length && reported < 5; i++) {
      if (cover[i] > 1) {
        errs.push(`${name}: byte ${i} covered ${cover[i]} times (${JSON.stringify(buf.subarray(i, i + 30).toString())})`);
        reported++;
        while (i < buf.length && cover[i] > 1) i++;
      } else if (cover[i] === 0 && !isWs(buf[i])) {
        errs.push(`${name}: byte ${i} not in any gold sentence (${JSON.stringify(buf.subarray(i, i + 30).toString())})`);
        reported++;
        while (i < buf.length && cover[i] === 0) i++;
      }
    }
    const texts = new Map();
    for (const s of g.spans[d]) texts.set(s.text, (texts.get(s.text) ?? 0) + 1);
    for (const [t, n] of texts) if (n > 1) warns.push(`${name}: sentence listed ${n} times: ${JSON.stringify(t.slice(0, 50))}`);
    const n = g.spans[d].length;
    if (n < 12 || n > 25) warns.push(`${name}: ${n} sentences (12-25 expected)`);
    // Mis-split heuristic.
    for (const s of g.spans[d]) {
      const re = /(\S+)[.?!]["”’)]?\s+["“‘(]?[A-Z]/g;
      let m;
      while ((m = re.exec(s.text))) {
        const word = m[1].replace(/^["“‘(]+/, '');
        if (!ABBREV.has(word) && !/^[A-Z]$/.test(word) && !/^([A-Za-z]\.)+[A-Za-z]$/.test(word))
          warns.push(`${name}: possible sentence end inside ${JSON.stringify(s.text.slice(0, 60))} at "${m[0]}"`);
      }
      if (!/[.?!]["”’)]?$/.test(s.text) && s.start !== 0) {
        const after = buf.subarray(s.end, s.end + 1).toString();
        if (after !== '\n' && after !== '') warns.push(`${name}: sentence without closing punctuation mid-paragraph: ${JSON.stringify(s.text.slice(0, 60))}`);
      }
    }
    // Headline: the first line is exactly the first gold sentence.
    const firstLine = buf.subarray(0, buf.indexOf(0x0a) < 0 ? buf.length : buf.indexOf(0x0a)).toString();
    const first = g.spans[d][0];
    if (!first || first.start !== 0 || first.text !== firstLine) errs.push(`${name}: the first line must be one gold sentence (the headline)`);
    else if (/[.]$/.test(firstLine)) warns.push(`${name}: headline ends in a period`);
  });

  // Runs: per claim and document, consecutive sentences, 1-3 of them, listed in document order.
  gold.claims.forEach((c, i) => {
    for (const [name, texts] of Object.entries(c.members)) {
      const d = g.docs.indexOf(name);
      const m = g.claims[i].find((x) => x.doc === d);
      const ids = m.ids;
      if (ids.length > 3) errs.push(`claim ${i}: ${name} has ${ids.length} sentences (at most 3)`);
      for (let j = 1; j < ids.length; j++)
        if (ids[j] !== ids[j - 1] + 1) errs.push(`claim ${i}: ${name} members are not one run of consecutive sentences`);
      const inOrder = ids.map((k) => g.spans[d][k].text);
      if (JSON.stringify(inOrder) !== JSON.stringify(texts)) errs.push(`claim ${i}: ${name} members not listed in document order`);
    }
  });

  // Headlines form one claim.
  const headClaims = new Set(g.docs.map((_, d) => g.spans[d][0]?.claim));
  if (headClaims.size !== 1) errs.push('the headlines are not all in one claim');

  const counts = g.docs.map((_, d) => g.spans[d].length).join('/');
  const byDocs = {};
  for (const members of g.claims) byDocs[members.length] = (byDocs[members.length] ?? 0) + 1;
  const splits = g.claims.reduce((s, members) => s + members.filter((m) => m.ids.length > 1).length, 0);
  const stats = `sentences ${counts}, claims ${g.claims.length} (by number of outlets: ${Object.entries(byDocs)
    .map(([k, v]) => `${k}:${v}`)
    .join(' ')}), multi-sentence runs ${splits}`;
  return { errs, warns, stats };
}

let errors = 0;
let warnings = 0;
let cases = 0;
for (const name of fs.readdirSync(casesDir).sort()) {
  const dir = path.join(casesDir, name);
  if (!fs.statSync(dir).isDirectory() || !fs.existsSync(path.join(dir, 'gold.json'))) continue;
  cases++;
  const { errs, warns, stats } = checkCase(dir);
  console.log(`${errs.length ? 'FAIL' : 'ok  '} ${name}${stats ? `: ${stats}` : ''}`);
  for (const e of errs) console.log(`  error: ${e}`);
  for (const w of warns) console.log(`  warning: ${w}`);
  errors += errs.length;
  warnings += warns.length;
}
console.log(`${cases} cases, ${errors} errors, ${warnings} warnings`);
process.exit(errors || !cases ? 1 : 0);
