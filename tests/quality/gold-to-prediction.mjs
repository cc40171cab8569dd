#!/usr/bin/env node
// Turn a gold case into the prediction a perfect engine would print, in the shape of
// `storydiff --format json a.txt b.txt` (documents[].sentences with byte offsets, alignment[]).
// It scores 1.0 on every metric; tests use it to check the scorer and the plumbing around it.
//
// usage: node tests/quality/gold-to-prediction.mjs CASE_DIR > prediction.json
// From code: goldToPrediction(caseDir) returns the object.

import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { locateGold } from './score.mjs';

export function goldToPrediction(caseDir) {
  const gold = JSON.parse(fs.readFileSync(path.join(caseDir, 'gold.json'), 'utf8'));
  const spans = locateGold(caseDir, gold);
  const index = {};
  const documents = ['a', 'b'].map((side) => {
    index[side] = new Map(spans[side].map(([, , t], k) => [t, k]));
    return {
      name: `${side}.txt`,
      sentences: spans[side].map(([start, end, text]) => ({ start, end, text })),
    };
  });
  const ids = (side, texts) => texts.map((t) => index[side].get(t)).sort((x, y) => x - y);
  const alignment = [
    ...gold.pairs.map((p) => ({
      op: p.label,
      a: ids('a', p.a),
      b: ids('b', p.b),
      moved: p.moved,
      similarity: p.label === 'equal' ? 1 : 0.5,
    })),
    ...gold.removed.map((t) => ({ op: 'removed', a: ids('a', [t]), b: [], moved: false, similarity: 0 })),
    ...gold.added.map((t) => ({ op: 'added', a: [], b: ids('b', [t]), moved: false, similarity: 0 })),
  ];
  // In reading order of the new text, removed sentences where they stood in the old one.
  const aToB = new Map();
  for (const e of alignment) if (e.a.length && e.b.length) for (const x of e.a) aToB.set(x, e.b[0]);
  const place = (e) => {
    if (e.b.length) return e.b[0];
    // after the b place of the closest earlier kept a sentence
    for (let x = e.a[0] - 1; x >= 0; x--) if (aToB.has(x)) return aToB.get(x) + 0.5;
    return -0.5;
  };
  alignment.sort((x, y) => place(x) - place(y) || (x.a[0] ?? 0) - (y.a[0] ?? 0));
  return { version: 1, documents, alignment, stats: {} };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  if (process.argv.length !== 3) {
    process.stderr.write('usage: gold-to-prediction.mjs CASE_DIR\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(goldToPrediction(process.argv[2]), null, 1)}\n`);
}
