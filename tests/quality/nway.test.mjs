// Claim grouping across three and four outlets, scored against hand-made gold claim groups: the
// N-way issue's bar is precision and recall of same-claim sentence pairs of at least 0.9.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scoreNway } from './nway/score.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
const dir = join(root, 'tests', 'quality', 'nway');

test('claim groups on the 3- and 4-outlet gold cases: precision and recall >= 0.9', () => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin}`);
  let gold = 0, pred = 0, truePairs = 0, cases = 0;
  for (const name of readdirSync(dir).sort()) {
    const caseDir = join(dir, name);
    if (!existsSync(join(caseDir, 'gold.json'))) continue;
    const docs = JSON.parse(readFileSync(join(caseDir, 'gold.json'), 'utf8')).docs.map((d) => join(caseDir, d));
    const r = spawnSync(bin, ['--format', 'json', ...docs], { encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const s = scoreNway(caseDir, JSON.parse(r.stdout));
    console.log(`# ${name}: precision ${s.pair_precision} recall ${s.pair_recall}`);
    gold += s.n_gold_pairs;
    pred += s.n_pred_pairs;
    truePairs += s.n_true_pairs;
    cases++;
  }
  assert.ok(cases >= 4, 'at least four N-way gold cases');
  const precision = truePairs / pred, recall = truePairs / gold;
  console.log(`# pooled over ${cases} cases: precision ${precision.toFixed(4)} recall ${recall.toFixed(4)}`);
  assert.ok(precision >= 0.9, `precision ${precision}`);
  assert.ok(recall >= 0.9, `recall ${recall}`);
});
