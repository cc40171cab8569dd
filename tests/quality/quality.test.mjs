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
const cases = join(root, 'tests', 'quality', 'cases');

const FLOORS = {
  update: { pairs_f1: 0.97, moved_f1: 0.97, added_f1: 0.97, removed_f1: 0.97 },
  outlet: { pairs_f1: 0.88, moved_f1: 0.78, added_f1: 0.78, removed_f1: 0.77 },
};

test('alignment quality on the gold cases meets the floors', async () => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin}`);
  const run = (a, b) => {
    try {
      return execFileSync(bin, ['--format', 'json', a, b], { encoding: 'utf8' });
    } catch (e) {
      if (e.status === 1) return e.stdout;  // "the documents differ"
      throw e;
    }
  };
  const { rows, means } = await scoreAll(cases, run);
  for (const [name, row] of Object.entries(rows)) assert.equal(row.error, undefined, `${name}: ${row.error}`);
  for (const [kind, floors] of Object.entries(FLOORS)) {
    const m = means[kind];
    assert.ok(m && m.cases >= 8, `at least 8 ${kind} cases`);
    console.log(`# ${kind} (${m.cases} cases): ${JSON.stringify(m.mean)}`);
    for (const [metric, floor] of Object.entries(floors))
      assert.ok(m.mean[metric] >= floor, `${kind} ${metric} ${m.mean[metric]} is below ${floor}`);
  }
});
