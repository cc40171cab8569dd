// bench.test.mjs — the benchmark harness runs on a tiny input and produces its tables.
// No timing is asserted (times depend on the machine); only that every tool ran, every output
// was checked, and the report, the scaling table and the plot were written.
//
//   node --test bench/
//
// Skipped when what the harness measures is not there: the native CLI, dist/, the npm peers,
// GNU time, git, wdiff or /usr/bin/python3 (bench/run.sh installs and builds them).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkRuns, fromGitPorcelain, fromWdiff } from './lib/check.mjs';
import { tokenStrings } from './lib/tokenize.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const has = (cmd, args = ['--version']) => spawnSync(cmd, args, { stdio: 'ignore' }).status === 0;

test('the tokenizer matches the engine on the usual cases', () => {
  assert.deepEqual(tokenStrings("The U.S. said 3.5% isn't 1,000.").filter((t) => t !== ' '),
    ['The', 'U.S', '.', 'said', '3.5', '%', "isn't", '1,000', '.']);
  assert.equal(tokenStrings('a  b\n\nc').join(''), 'a  b\n\nc');
});

test('the check tells exact, white-space-only and invalid rebuilds apart, and counts edits', () => {
  const a = 'one two  three';
  const b = 'one four three';
  const exact = checkRuns(a, b, [{ op: 'equal', text: 'one ' }, { op: 'delete', text: 'two  ' }, { op: 'insert', text: 'four ' }, { op: 'equal', text: 'three' }]);
  assert.deepEqual([exact.valid, exact.tokens, exact.words], ['exact', 4, 2]);
  const ws = checkRuns(a, b, [{ op: 'equal', text: 'one ' }, { op: 'delete', text: 'two' }, { op: 'insert', text: 'four' }, { op: 'equal', text: ' three' }]);
  assert.deepEqual([ws.valid, ws.tokens, ws.words], ['ws', null, 2]);
  assert.equal(checkRuns(a, b, [{ op: 'equal', text: a }]).valid, 'INVALID');
});

test('git porcelain and wdiff outputs become runs', () => {
  const git = 'diff --git a/x b/x\n--- a/x\n+++ b/x\n@@ -1 +1 @@\n one \n-two\n+four\n  three\n~\n';
  assert.equal(checkRuns('one two three\n', 'one four three\n', fromGitPorcelain(git)).valid, 'exact');
  const wdiff = 'one \u0001two\u0002 \u0003four\u0004 three\n';
  assert.equal(checkRuns('one two three\n', 'one four three\n', fromWdiff(wdiff)).valid, 'ws');
});

const ready = existsSync(join(root, 'build', 'storydiff')) && existsSync(join(root, 'dist', 'storydiff.wasm')) &&
  existsSync(join(root, 'node_modules', 'diff')) && existsSync(join(root, 'node_modules', 'diff-match-patch')) &&
  has('/usr/bin/time', ['-f', '%M', 'true']) && has('git') && has('wdiff') && has('/usr/bin/python3');

test('bench.mjs --quick runs every tool on a tiny pair and writes its tables', { skip: !ready && 'needs build/storydiff, dist/, npm peers, GNU time, git, wdiff, python3 (bash bench/run.sh installs them)' }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'bench-test-'));
  try {
    const r = spawnSync('node', [join(root, 'bench', 'bench.mjs'), '--quick'], {
      encoding: 'utf8',
      env: { ...process.env, RUNS: '2', BUDGET: '20', TIMEOUT: '60', BENCH_DATA: join(dir, 'data'), BENCH_RESULTS: join(dir, 'results') },
    });
    assert.equal(r.status, 0, r.stderr);
    for (const heading of ['## Must-show targets', '## (a, c, d) Word-level diff', '## (b) Sentence alignment', '## Scaling']) {
      assert.ok(r.stdout.includes(heading), heading);
    }
    for (const id of ['storydiff word mode (wasm in Node)', 'jsdiff diffWords', 'diff-match-patch', 'GNU wdiff', 'difflib', 'git diff --no-index --word-diff=porcelain']) {
      assert.ok(r.stdout.includes(id), id);
    }
    assert.doesNotMatch(r.stdout, /\| *INVALID|FAILED \(/); // no invalid output, no failed run in the tables
    assert.ok(readFileSync(join(dir, 'results', 'bench.md'), 'utf8').includes('| tool'));
    assert.ok(readFileSync(join(dir, 'results', 'scaling.md'), 'utf8').includes('| input'));
    assert.match(readFileSync(join(dir, 'results', 'scaling.svg'), 'utf8'), /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
