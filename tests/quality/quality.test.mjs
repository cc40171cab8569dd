// Alignment quality on the hand-made gold cases, scored exactly as the team's hidden cases are.
// The floors are the engine issue's bars (updates 0.97 on all four, outlets 0.85 on pairs and
// 0.75 on the rest), raised to just under today's figure where our set is well above them (the
// outlets), so that a regression shows; see the closing notes for the figures.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreAll } from './score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');

// Each gold set with the floors its mean scores must meet (pairs / moved / added / removed F1).
const SETS = [
  {
    dir: 'cases',
    about: 'the gold cases meet the floors',
    minCases: 8,
    floors: {
      update: { pairs_f1: 0.97, moved_f1: 0.97, added_f1: 0.97, removed_f1: 0.97 },
      outlet: { pairs_f1: 0.96, moved_f1: 0.88, added_f1: 0.95, removed_f1: 0.90 },
    },
  },
  {
    // cases-blind/README.md: regression floors just under today's figures, which are below the
    // bars (see the README's table).
    dir: 'cases-blind',
    about: 'the blind cases stay above their regression floors',
    minCases: 5,
    floors: {
      update: { pairs_f1: 0.99, moved_f1: 0.99, added_f1: 0.95, removed_f1: 0.99 },
      outlet: { pairs_f1: 0.92, moved_f1: 0.99, added_f1: 0.83, removed_f1: 0.65 },
    },
  },
  {
    // cases-dev/README.md, written blind like cases-blind but meant to be studied and tuned on.
    dir: 'cases-dev',
    about: 'the development cases stay above their regression floors',
    minCases: 5,
    floors: {
      update: { pairs_f1: 0.97, moved_f1: 0.94, added_f1: 0.95, removed_f1: 0.92 },
      outlet: { pairs_f1: 0.97, moved_f1: 0.99, added_f1: 0.91, removed_f1: 0.74 },
    },
  },
  {
    // cases-fresh/README.md, written blind on 2026-12-08 and since studied like cases-dev.
    dir: 'cases-fresh',
    about: 'the fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.95, moved_f1: 0.88, added_f1: 0.92, removed_f1: 0.83 },
      outlet: { pairs_f1: 0.96, moved_f1: 0.95, added_f1: 0.84, removed_f1: 0.79 },
    },
  },
  {
    // cases-fresh2/README.md, written blind on 2026-12-08 and since studied like cases-dev.
    dir: 'cases-fresh2',
    about: 'the second fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.97, moved_f1: 0.97, added_f1: 0.91, removed_f1: 0.81 },
      outlet: { pairs_f1: 0.95, moved_f1: 0.99, added_f1: 0.93, removed_f1: 0.80 },
    },
  },
  {
    // cases-fresh3/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh3',
    about: 'the third fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.95, moved_f1: 0.91, added_f1: 0.94, removed_f1: 0.91 },
      outlet: { pairs_f1: 0.93, moved_f1: 0.99, added_f1: 0.95, removed_f1: 0.87 },
    },
  },
  {
    // cases-fresh4/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh4',
    about: 'the fourth fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.96, moved_f1: 0.97, added_f1: 0.95, removed_f1: 0.93 },
      outlet: { pairs_f1: 0.98, moved_f1: 0.99, added_f1: 0.95, removed_f1: 0.88 },
    },
  },
  {
    // cases-fresh5/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh5',
    about: 'the fifth fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.95, moved_f1: 0.97, added_f1: 0.92, removed_f1: 0.88 },
      outlet: { pairs_f1: 0.92, moved_f1: 0.88, added_f1: 0.74, removed_f1: 0.57 },
    },
  },
  {
    // cases-fresh6/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh6',
    about: 'the sixth fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.93, moved_f1: 0.97, added_f1: 0.91, removed_f1: 0.88 },
      outlet: { pairs_f1: 0.94, moved_f1: 0.88, added_f1: 0.88, removed_f1: 0.88 },
    },
  },
  {
    // cases-fresh7/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh7',
    about: 'the seventh fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.94, moved_f1: 0.97, added_f1: 0.87, removed_f1: 0.77 },
      outlet: { pairs_f1: 0.93, moved_f1: 0.96, added_f1: 0.86, removed_f1: 0.74 },
    },
  },
  {
    // cases-fresh8/README.md, written blind on 2026-12-08 (a later session) and since studied.
    dir: 'cases-fresh8',
    about: 'the eighth fresh cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.97, moved_f1: 0.95, added_f1: 0.96, removed_f1: 0.92 },
      outlet: { pairs_f1: 0.95, moved_f1: 0.93, added_f1: 0.92, removed_f1: 0.84 },
    },
  },
  {
    // cases-holdout/README.md, written blind, scored at the end of a session and never tuned on.
    dir: 'cases-holdout',
    about: 'the held-out cases stay above their regression floors',
    minCases: 6,
    floors: {
      update: { pairs_f1: 0.94, moved_f1: 0.93, added_f1: 0.90, removed_f1: 0.86 },
      outlet: { pairs_f1: 0.99, moved_f1: 0.99, added_f1: 0.99, removed_f1: 0.96 },
    },
  },
  {
    // cases-holdout2/README.md, written blind on 2026-12-08 and scored once at the end of that
    // session.
    dir: 'cases-holdout2',
    about: 'the second held-out cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.97, moved_f1: 0.92, added_f1: 0.91, removed_f1: 0.83 },
      outlet: { pairs_f1: 0.99, moved_f1: 0.99, added_f1: 0.93, removed_f1: 0.95 },
    },
  },
  {
    // cases-holdout3/README.md, written blind on 2026-12-08 and scored once at the end of that
    // session.
    dir: 'cases-holdout3',
    about: 'the third held-out cases stay above their regression floors',
    minCases: 3,
    floors: {
      update: { pairs_f1: 0.94, moved_f1: 0.80, added_f1: 0.90, removed_f1: 0.84 },
      outlet: { pairs_f1: 0.95, moved_f1: 0.99, added_f1: 0.87, removed_f1: 0.83 },
    },
  },
];

const run = (a, b) => {
  try {
    return execFileSync(bin, ['--format', 'json', a, b], { encoding: 'utf8' });
  } catch (e) {
    if (e.status === 1) return e.stdout;  // "the documents differ"
    throw e;
  }
};

for (const set of SETS) {
  test(`alignment quality: ${set.about} (${set.dir})`, async () => {
    assert.ok(existsSync(bin), `the native CLI is not built: ${bin}`);
    await meetsFloors(join(root, 'tests', 'quality', set.dir), set.floors, set.minCases);
  });
}

// The claim similarity against human judgement: 1,500 pairs of two outlets' headlines rated 0-5 by
// people (SemEval STS, in ../shared/corpus; see tests/quality/sts.mjs). Floors just under today's
// figures: pairs people rate "roughly equivalent" or closer (>= 3) are aligned, and the
// similarity ranks them above the rest.
const STS_FLOORS = { recall: 0.97, precision: 0.57, auc: 0.85, falseLinksAtMost: 25 };

test('the claim similarity agrees with human ratings of headline pairs (STS)', (t) => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin}`);
  const out = execFileSync(process.execPath, [join(root, 'tests', 'quality', 'sts.mjs'), '--cli', bin, '--json'], { encoding: 'utf8' });
  if (out.startsWith('skipped')) {
    t.skip(out.trim());
    return;
  }
  const r = JSON.parse(out);
  console.log(`# STS: precision ${r.precision.toFixed(3)}, recall ${r.recall.toFixed(3)}, AUC ${r.auc.toFixed(3)}, false links ${r.falseLinks}`);
  assert.equal(r.pairs, 1500);
  assert.ok(r.recall >= STS_FLOORS.recall, `recall ${r.recall}`);
  assert.ok(r.precision >= STS_FLOORS.precision, `precision ${r.precision}`);
  assert.ok(r.auc >= STS_FLOORS.auc, `AUC ${r.auc}`);
  assert.ok(r.falseLinks <= STS_FLOORS.falseLinksAtMost, `${r.falseLinks} links to another pair's headline`);
  // Monotone in the human score: the closer people rate a pair, the more often it is aligned.
  for (let k = 1; k < r.bands.length; ++k) assert.ok(r.bands[k].share > r.bands[k - 1].share, JSON.stringify(r.bands));
});

test('every gold case is well-formed (check-gold.mjs)', () => {
  for (const { dir } of SETS) {
    const out = execFileSync(process.execPath, [join(root, 'tests', 'quality', 'check-gold.mjs'), join(root, 'tests', 'quality', dir)],
      { encoding: 'utf8' });
    assert.match(out, /: 0 error\(s\), 0 warning\(s\)\s*$/, `${dir}: ${out}`);
  }
});

async function meetsFloors(dir, floorsByKind, minCases) {
  const { rows, means } = await scoreAll(dir, run);
  for (const [name, row] of Object.entries(rows)) assert.equal(row.error, undefined, `${name}: ${row.error}`);
  for (const [kind, floors] of Object.entries(floorsByKind)) {
    const m = means[kind];
    assert.ok(m && m.cases >= minCases, `at least ${minCases} ${kind} cases in ${dir}`);
    console.log(`# ${kind} (${m.cases} cases): ${JSON.stringify(m.mean)}`);
    for (const [metric, floor] of Object.entries(floors))
      assert.ok(m.mean[metric] >= floor, `${kind} ${metric} ${m.mean[metric]} is below ${floor}`);
  }
}
