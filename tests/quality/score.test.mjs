// The scorer's own behaviour: a perfect prediction scores 1.0 and has no errors; a prediction
// that swaps two pairs' new sentences loses exactly those pairs, and --errors names them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseErrors, scoreCase } from './score.mjs';
import { goldToPrediction } from './gold-to-prediction.mjs';

const caseDir = join(dirname(fileURLToPath(import.meta.url)), 'cases', 'harbor-ferry-fire-update');

test('a perfect prediction scores 1.0 and has no errors', () => {
  const pred = goldToPrediction(caseDir);
  const s = scoreCase(caseDir, pred);
  for (const k of ['pairs_f1', 'moved_f1', 'added_f1', 'removed_f1']) assert.equal(s[k], 1.0, k);
  assert.deepEqual(caseErrors(caseDir, pred), []);
});

test('two pairs swapped: two false pairs and two missed ones, each named with its texts', () => {
  const pred = goldToPrediction(caseDir);
  const ones = pred.alignment.filter((e) => e.a.length === 1 && e.b.length === 1 && !e.moved);
  const [x, y] = [ones[2], ones[3]];
  [x.b, y.b] = [y.b, x.b];
  const errors = caseErrors(caseDir, pred);
  assert.deepEqual(errors.map((e) => e.kind).sort(), ['false_pair', 'false_pair', 'missed_pair', 'missed_pair']);
  const falsePair = errors.find((e) => e.kind === 'false_pair');
  assert.equal(falsePair.text_a, pred.documents[0].sentences[falsePair.a].text);
  assert.equal(falsePair.text_b, pred.documents[1].sentences[falsePair.b].text);
  assert.ok(scoreCase(caseDir, pred).pairs_f1 < 1.0);
});
