#!/usr/bin/env node
// Score an N-way claim grouping (storydiff with 3+ documents) against a hand-made gold case.
//
// usage: node tests/quality/nway/score.mjs CASE_DIR RESULT.json     (prints one JSON line of scores)
//        node tests/quality/nway/score.mjs --all CASES_DIR CMD...   (runs `CMD doc1 doc2 ...` for each
//              case folder holding a gold.json, docs in gold order; CMD prints the result JSON on stdout;
//              a non-zero exit code is fine as long as stdout holds the JSON; prints per-case and overall)
//        node tests/quality/nway/score.mjs --gold-prediction CASE_DIR   (prints the result a perfect
//              engine would give; it scores 1.0 everywhere)
//
// Result contract (what `storydiff --format json A B C ...` prints):
//   documents[i].sentences[k] = {start, end, ...}   UTF-8 byte offsets into the input file
//   claims[c] = {members: [{doc: i, sentences: [k, ...]}, ...], ...}
// Predicted sentences are mapped to gold sentences by the largest byte overlap (as
// /work/shared/tools/score-alignment.py does for two documents), so a segmentation error costs
// score instead of breaking the scorer.
//
// Metrics:
//   - pairs: a pair is two gold sentences from DIFFERENT documents in the same claim. Predicted pairs
//     come from the predicted claims after mapping. precision = |pred ∩ gold| / |pred|, recall =
//     |pred ∩ gold| / |gold|, f1.
//   - singleton_accuracy: share of gold one-member claims (carried by one document only) whose
//     sentences are in no predicted claim that spans two or more documents.
//   - claim_exact: share of gold claims whose exact set of sentences is one predicted claim's set.

import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * Load a case: gold.json plus each document's bytes and the located gold sentences.
 * Returns { dir, docs: [name], bufs: [Buffer], spans: [[{start, end, text, claim}] sorted by start],
 *           claims: [[{doc, ids: [gold sentence index in spans[doc]]}]] } and throws on a gold
 * sentence that is not in its file. Identical texts inside one file take successive occurrences.
 */
export function loadGold(caseDir) {
  const gold = JSON.parse(fs.readFileSync(path.join(caseDir, 'gold.json'), 'utf8'));
  if (!Array.isArray(gold.docs) || !Array.isArray(gold.claims)) throw new Error(`${caseDir}: gold.json needs docs[] and claims[]`);
  const docs = gold.docs;
  const bufs = docs.map((d) => fs.readFileSync(path.join(caseDir, d)));
  const located = docs.map(() => []);
  const used = docs.map(() => new Set());
  gold.claims.forEach((claim, c) => {
    for (const [name, texts] of Object.entries(claim.members ?? {})) {
      const d = docs.indexOf(name);
      if (d < 0) throw new Error(`${caseDir}: claim ${c} names unknown document ${name}`);
      if (!Array.isArray(texts) || texts.length === 0) throw new Error(`${caseDir}: claim ${c}: ${name} needs a non-empty list`);
      for (const t of texts) {
        const needle = Buffer.from(t, 'utf8');
        let from = 0;
        let i;
        for (;;) {
          i = bufs[d].indexOf(needle, from);
          if (i < 0) throw new Error(`${caseDir}: gold sentence not in ${name}: ${JSON.stringify(t.slice(0, 60))}`);
          if (!used[d].has(i)) break;
          from = i + 1;
        }
        used[d].add(i);
        located[d].push({ start: i, end: i + needle.length, text: t, claim: c });
      }
    }
  });
  const spans = located.map((l) => l.sort((a, b) => a.start - b.start || a.end - b.end));
  const claims = gold.claims.map(() => []);
  spans.forEach((list, d) =>
    list.forEach((s, k) => {
      const members = claims[s.claim];
      let m = members.find((x) => x.doc === d);
      if (!m) members.push((m = { doc: d, ids: [] }));
      m.ids.push(k);
    }),
  );
  for (const members of claims) members.sort((a, b) => a.doc - b.doc);
  return { dir: caseDir, docs, bufs, spans, claims };
}

const key = (d, k) => `${d}:${k}`;
const pairKey = (a, b) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Cross-document pairs of a list of claims given as [[{doc, ids}]]. */
function pairsOf(claims) {
  const out = new Set();
  for (const members of claims) {
    const nodes = [];
    for (const m of members) for (const k of m.ids) nodes.push([m.doc, key(m.doc, k)]);
    for (let i = 0; i < nodes.length; i++)
      for (let j = i + 1; j < nodes.length; j++) if (nodes[i][0] !== nodes[j][0]) out.add(pairKey(nodes[i][1], nodes[j][1]));
  }
  return out;
}

/** predicted sentence index -> gold sentence index with the largest byte overlap (or null). */
function mapSentences(predSents, goldSpans) {
  return (predSents ?? []).map((s) => {
    let best = 0;
    let bk = null;
    goldSpans.forEach((g, k) => {
      const ov = Math.min(s.end, g.end) - Math.max(s.start, g.start);
      if (ov > best) {
        best = ov;
        bk = k;
      }
    });
    return bk;
  });
}

function ratio(num, den, emptyValue) {
  return den === 0 ? emptyValue : num / den;
}

const r4 = (x) => Math.round(x * 10000) / 10000;

/** Score an engine result (parsed JSON) against the gold case in caseDir. */
export function scoreNway(caseDir, result) {
  const g = typeof caseDir === 'string' ? loadGold(caseDir) : caseDir;
  const docsOut = result?.documents;
  if (!Array.isArray(docsOut) || docsOut.length !== g.docs.length)
    throw new Error(`result has ${docsOut?.length ?? 0} documents, gold has ${g.docs.length}`);
  if (!Array.isArray(result.claims)) throw new Error('result has no claims[]');
  const maps = docsOut.map((doc, d) => mapSentences(doc.sentences, g.spans[d]));

  // Predicted claims in gold sentence ids.
  const pred = result.claims.map((claim) => {
    const byDoc = new Map();
    for (const m of claim.members ?? []) {
      const map = maps[m.doc];
      if (!map) continue;
      for (const k of m.sentences ?? []) {
        const gk = map[k];
        if (gk === null || gk === undefined) continue;
        if (!byDoc.has(m.doc)) byDoc.set(m.doc, new Set());
        byDoc.get(m.doc).add(gk);
      }
    }
    return [...byDoc.entries()].sort((a, b) => a[0] - b[0]).map(([doc, ids]) => ({ doc, ids: [...ids].sort((a, b) => a - b) }));
  });

  const goldPairs = pairsOf(g.claims);
  const predPairs = pairsOf(pred);
  let tp = 0;
  for (const p of predPairs) if (goldPairs.has(p)) tp++;
  const precision = ratio(tp, predPairs.size, goldPairs.size === 0 ? 1 : 0);
  const recall = ratio(tp, goldPairs.size, predPairs.size === 0 ? 1 : 0);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);

  // Singletons: gold claims carried by one document only.
  const multiDocPredClaimsOf = new Map(); // gold sentence key -> touched by a multi-document predicted claim
  for (const members of pred) {
    if (members.length < 2) continue;
    for (const m of members) for (const k of m.ids) multiDocPredClaimsOf.set(key(m.doc, k), true);
  }
  const singletons = g.claims.filter((members) => members.length === 1);
  const singletonOk = singletons.filter((members) => members[0].ids.every((k) => !multiDocPredClaimsOf.has(key(members[0].doc, k)))).length;

  // Exact claims.
  const sig = (members) => members.flatMap((m) => m.ids.map((k) => key(m.doc, k))).sort().join(',');
  const predSigs = new Set(pred.filter((m) => m.length).map(sig));
  const exact = g.claims.filter((members) => predSigs.has(sig(members))).length;

  return {
    pair_precision: r4(precision),
    pair_recall: r4(recall),
    pair_f1: r4(f1),
    singleton_accuracy: r4(ratio(singletonOk, singletons.length, 1)),
    claim_exact: r4(ratio(exact, g.claims.length, 1)),
    n_gold_pairs: goldPairs.size,
    n_pred_pairs: predPairs.size,
    n_true_pairs: tp,
    n_gold_claims: g.claims.length,
    n_pred_claims: pred.filter((m) => m.length).length,
    n_gold_singletons: singletons.length,
    n_singletons_ok: singletonOk,
  };
}

/** The result a perfect engine would give for a case (gold sentences as predicted sentences). */
export function goldToPrediction(caseDir) {
  const g = loadGold(caseDir);
  return {
    documents: g.docs.map((name, d) => ({
      name,
      sentences: g.spans[d].map((s) => ({ start: s.start, end: s.end, text: s.text })),
    })),
    claims: g.claims.map((members) => ({
      docs: members.map((m) => m.doc),
      members: members.map((m) => ({ doc: m.doc, sentences: m.ids })),
    })),
  };
}

function runAll(casesDir, cmd) {
  if (!cmd.length) throw new Error('--all needs CASES_DIR and CMD');
  const rows = [];
  for (const name of fs.readdirSync(casesDir).sort()) {
    const dir = path.join(casesDir, name);
    if (!fs.existsSync(path.join(dir, 'gold.json'))) continue;
    const t0 = Date.now();
    let row;
    let r;
    try {
      const gold = JSON.parse(fs.readFileSync(path.join(dir, 'gold.json'), 'utf8'));
      r = spawnSync(cmd[0], [...cmd.slice(1), ...gold.docs.map((d) => path.join(dir, d))], {
        maxBuffer: 256 * 1024 * 1024,
        timeout: 120000,
      });
      if (r.error) throw r.error;
      row = scoreNway(dir, JSON.parse(r.stdout.toString('utf8')));
    } catch (e) {
      row = {
        pair_precision: 0, pair_recall: 0, pair_f1: 0, singleton_accuracy: 0, claim_exact: 0,
        error: `${e.name}: ${String(e.message).slice(0, 160)} rc=${r?.status} ${JSON.stringify(String(r?.stderr ?? '').slice(0, 200))}`,
      };
    }
    row.seconds = (Date.now() - t0) / 1000;
    rows.push([name, row]);
    console.log(name, JSON.stringify(row));
  }
  if (!rows.length) return;
  const metrics = ['pair_precision', 'pair_recall', 'pair_f1', 'singleton_accuracy', 'claim_exact'];
  const mean = Object.fromEntries(metrics.map((m) => [m, r4(rows.reduce((s, [, row]) => s + row[m], 0) / rows.length)]));
  console.log(`MEAN (${rows.length} cases)`, JSON.stringify(mean));
  const ok = rows.filter(([, row]) => !row.error).map(([, row]) => row);
  const sum = (f) => ok.reduce((s, row) => s + row[f], 0);
  const P = ratio(sum('n_true_pairs'), sum('n_pred_pairs'), 0);
  const R = ratio(sum('n_true_pairs'), sum('n_gold_pairs'), 0);
  console.log(
    `POOLED (${ok.length} cases, pairs and singletons summed)`,
    JSON.stringify({
      pair_precision: r4(P),
      pair_recall: r4(R),
      pair_f1: r4(P + R === 0 ? 0 : (2 * P * R) / (P + R)),
      singleton_accuracy: r4(ratio(sum('n_singletons_ok'), sum('n_gold_singletons'), 1)),
      n_gold_pairs: sum('n_gold_pairs'),
      n_pred_pairs: sum('n_pred_pairs'),
      n_true_pairs: sum('n_true_pairs'),
    }),
  );
}

function main(argv) {
  if (argv[0] === '--all') return runAll(argv[1], argv.slice(2));
  if (argv[0] === '--gold-prediction') return console.log(JSON.stringify(goldToPrediction(argv[1]), null, 1));
  if (argv.length !== 2) {
    console.error('usage: score.mjs CASE_DIR RESULT.json | --all CASES_DIR CMD... | --gold-prediction CASE_DIR');
    process.exit(2);
  }
  console.log(JSON.stringify(scoreNway(argv[0], JSON.parse(fs.readFileSync(argv[1], 'utf8')))));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main(process.argv.slice(2));
