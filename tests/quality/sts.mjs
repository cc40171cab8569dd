#!/usr/bin/env node
// Calibrates the claim similarity against human judgement: the SemEval STS "headlines" sets
// (../shared/corpus/sts-headlines; 1,500 pairs of two outlets' headlines for one story, each with
// the mean of human similarity ratings, 0 = different topics ... 5 = the same meaning).
//
// The pairs are cut into chunks of CHUNK; each chunk becomes two documents, the A headlines in
// order and the B headlines shuffled, one paragraph each, and the CLI aligns them (a chunk is a
// short outlet comparison whose right answer is known: A_i pairs with B_i when the two say the
// same, with nothing else). Reported: the share of pairs aligned per band of the human score,
// precision / recall / F1 of "aligned" against "human score >= 3" (STS 3 = "roughly equivalent,
// some important information differs": a modified claim), false links to another pair's headline,
// and the ranking quality (AUC) of the engine's similarity at a threshold near zero.
//
// usage: node tests/quality/sts.mjs [--cli build/storydiff] [--chunk 20] [--threshold T] [--show N]
// Skips with a message when ../shared is absent.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const k = args.indexOf(`--${name}`);
  return k >= 0 ? args[k + 1] : dflt;
};
const corpus = opt('corpus', join(root, '..', 'shared', 'corpus', 'sts-headlines'));
const cli = opt('cli', join(root, 'build', 'storydiff'));
const chunk = Number(opt('chunk', 20));
const threshold = opt('threshold', null);
const show = Number(opt('show', 0));
const json = args.includes('--json');

if (!existsSync(corpus)) {
  console.log(`skipped: the STS headlines corpus is not in ${corpus}`);
  process.exit(0);
}
if (!existsSync(cli)) {
  console.error(`no CLI at ${cli}: build it first (npm run build)`);
  process.exit(2);
}

// The pairs: score, a, b. Headlines without a closing mark get a period, so each is one sentence.
function readPairs(dir) {
  const pairs = [];
  for (const file of ['headlines-2013.tsv', 'headlines-2014.tsv']) {
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      const cols = line.split('\t');
      if (cols.length < 3) continue;
      const close = (s) => {
        const t = s.trim().replace(/\s+/g, ' ');
        return /[.!?]["'”’]?$/.test(t) ? t : `${t}.`;
      };
      pairs.push({ score: Number(cols[0]), a: close(cols[1]), b: close(cols[2]) });
    }
  }
  return pairs;
}

// A small deterministic generator (the same shuffle every run).
function rng(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function align(pairs, thresholdArg, tmp) {
  const random = rng(2013);
  const links = [];  // per pair: { sim, other } — similarity of A_i with B_i if aligned, false links
  for (let c0 = 0; c0 < pairs.length; c0 += chunk) {
    const part = pairs.slice(c0, c0 + chunk);
    const order = part.map((_, k) => k);
    for (let k = order.length - 1; k > 0; --k) {
      const r = Math.floor(random() * (k + 1));
      [order[k], order[r]] = [order[r], order[k]];
    }
    writeFileSync(join(tmp, 'a.txt'), part.map((p) => p.a).join('\n\n') + '\n');
    writeFileSync(join(tmp, 'b.txt'), order.map((k) => part[k].b).join('\n\n') + '\n');
    const extra = thresholdArg != null ? ['--threshold', String(thresholdArg)] : [];
    const r = spawnSync(cli, ['--format', 'json', ...extra, join(tmp, 'a.txt'), join(tmp, 'b.txt')], { encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`storydiff failed: ${r.stderr}`);
    const out = JSON.parse(r.stdout);
    const pa = out.documents[0].sentences.map((s) => s.paragraph);
    const pb = out.documents[1].sentences.map((s) => order[s.paragraph]);
    const res = part.map(() => ({ sim: 0, other: 0 }));
    for (const e of out.alignment) {
      if (e.op !== 'equal' && e.op !== 'modified') continue;
      for (const x of e.a) {
        for (const y of e.b) {
          if (pa[x] === pb[y]) res[pa[x]].sim = Math.max(res[pa[x]].sim, e.similarity);
          else ++res[pa[x]].other;
        }
      }
    }
    links.push(...res);
  }
  return links;
}

function auc(scores, labels) {
  const pos = [], neg = [];
  scores.forEach((s, k) => (labels[k] ? pos : neg).push(s));
  let wins = 0;
  for (const p of pos) for (const n of neg) wins += p > n ? 1 : p === n ? 0.5 : 0;
  return wins / (pos.length * neg.length);
}

const pairs = readPairs(corpus);
const tmp = mkdtempSync(join(tmpdir(), 'storydiff-sts-'));
try {
  const at = align(pairs, threshold, tmp);
  const loose = align(pairs, 0.01, tmp);
  const same = pairs.map((p) => p.score >= 3);
  let tp = 0, fp = 0, fn = 0, falseLinks = 0;
  pairs.forEach((p, k) => {
    const aligned = at[k].sim > 0;
    if (aligned && same[k]) ++tp;
    else if (aligned) ++fp;
    else if (same[k]) ++fn;
    falseLinks += at[k].other;
  });
  const precision = tp / (tp + fp), recall = tp / (tp + fn), f1 = (2 * precision * recall) / (precision + recall);
  const bands = [0, 1, 2, 3, 4].map((lo) => {
    const idx = pairs.map((p, k) => k).filter((k) => pairs[k].score >= lo && (lo === 4 ? pairs[k].score <= 5 : pairs[k].score < lo + 1));
    const aligned = idx.filter((k) => at[k].sim > 0).length;
    return { band: lo === 4 ? '4-5' : `${lo}-${lo + 1}`, pairs: idx.length, aligned, share: aligned / idx.length };
  });
  const rank = auc(loose.map((l) => l.sim), same);
  const report = { pairs: pairs.length, chunk, threshold: threshold ?? 'default', precision, recall, f1, falseLinks, auc: rank, bands };
  if (json) console.log(JSON.stringify(report));
  else {
    console.log(`STS headlines: ${pairs.length} pairs in chunks of ${chunk}, threshold ${report.threshold}`);
    console.log(`aligned vs human score >= 3: precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)}, F1 ${f1.toFixed(3)}; links to another pair's headline: ${falseLinks}`);
    console.log(`ranking (AUC of the similarity, threshold 0.01): ${rank.toFixed(3)}`);
    console.log('| human score | pairs | aligned | share |');
    console.log('|---|---|---|---|');
    for (const b of bands) console.log(`| ${b.band} | ${b.pairs} | ${b.aligned} | ${b.share.toFixed(3)} |`);
  }
  if (show > 0) {
    const missed = pairs.map((p, k) => ({ ...p, k, sim: loose[k].sim })).filter((p, k) => same[k] && at[k].sim === 0).sort((x, y) => y.score - x.score);
    const wrong = pairs.map((p, k) => ({ ...p, k, sim: at[k].sim })).filter((p, k) => !same[k] && at[k].sim > 0).sort((x, y) => x.score - y.score);
    console.log(`\nmissed (human >= 3, not aligned), highest first:`);
    for (const p of missed.slice(0, show)) console.log(`  ${p.score} sim ${p.sim.toFixed(3)}  ${p.a}\n                  ${p.b}`);
    console.log(`\nwrongly aligned (human < 3), lowest first:`);
    for (const p of wrong.slice(0, show)) console.log(`  ${p.score} sim ${p.sim.toFixed(3)}  ${p.a}\n                  ${p.b}`);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
