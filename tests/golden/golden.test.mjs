// Golden tests: the CLI's JSON for every sample pair equals the committed expected result.
// After a deliberate change, re-accept with `npm run golden:accept` and review the diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { goldenCases, root } from './cases.mjs';

const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
const cases = goldenCases();

test('there are golden cases for at least four stories', () => {
  assert.ok(new Set(cases.map((c) => c.story)).size >= 4, 'samples/ should hold at least four stories');
});

for (const c of cases) {
  test(`golden: ${c.old} -> ${c.new}`, () => {
    assert.ok(existsSync(join(root, c.expected)), `${c.expected} is missing: run npm run golden:accept`);
    const r = spawnSync(bin, ['--format', 'json', '--pretty', c.old, c.new], { cwd: root, encoding: 'utf8' });
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const expected = readFileSync(join(root, c.expected), 'utf8');
    if (r.stdout !== expected) {
      // Say which entries differ, not only that the strings do.
      assert.deepEqual(JSON.parse(r.stdout), JSON.parse(expected));
      assert.equal(r.stdout, expected);
    }
  });
}
