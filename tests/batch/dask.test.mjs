// The Dask driver on a 2-worker LocalCluster over 10,000 generated jobs, one worker killed
// mid-run: still exactly one result per job (tests/batch/test_dask.py, under Debian's Python).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
// Debian's Dask lives in Debian's Python; the python3 first on PATH may be another one.
const python = process.env.STORYDIFF_PYTHON ?? '/usr/bin/python3';

test('dask_driver.py: a worker killed mid-run, exactly one result per job', { timeout: 600_000 }, () => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin} (run scripts/build-native.sh)`);
  const probe = spawnSync(python, ['-c', 'import distributed'], { encoding: 'utf8' });
  assert.equal(probe.status, 0, `Dask is missing for ${python}: run bash scripts/setup.sh dask\n${probe.stderr}`);
  const r = spawnSync(python, [join(root, 'tests', 'batch', 'test_dask.py')], {
    encoding: 'utf8', env: { ...process.env, STORYDIFF: bin }, timeout: 590_000, maxBuffer: 1 << 26,
  });
  assert.equal(r.status, 0, `test_dask.py failed (${r.signal ?? r.status}):\n${r.stdout}\n${r.stderr.slice(-20000)}`);
  assert.match(r.stderr, /Ran 2 tests/);
  assert.match(r.stderr, /\nOK\n/);
});
