// scripts/check-dist-fresh.mjs (the prepack check): passes on a fresh, complete dist/ of the
// right version, and fails naming what is missing or stale. Runs on a small fake tree.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';

import { root } from './helpers.mjs';

const BUILT = ['storydiff.mjs', 'storydiff-core.mjs', 'storydiff.wasm', 'storydiff.d.ts', 'cli.mjs', 'storydiff-cli-core.mjs',
  'storydiff-cli.wasm'];

function fakeTree() {
  const dir = mkdtempSync(join(tmpdir(), 'storydiff-fresh-'));
  for (const d of ['scripts', 'src', 'include/storydiff', 'wasm', 'dist']) mkdirSync(join(dir, d), { recursive: true });
  copyFileSync(join(root, 'scripts', 'check-dist-fresh.mjs'), join(dir, 'scripts', 'check-dist-fresh.mjs'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'storydiff', version: '1.2.3' }));
  const old = new Date(Date.now() - 3600_000);
  for (const f of ['src/a.cpp', 'include/storydiff/a.h', 'wasm/bindings.cpp', 'CMakeLists.txt', 'scripts/build-wasm.sh']) {
    writeFileSync(join(dir, f), '//\n');
    utimesSync(join(dir, f), old, old);
  }
  for (const f of BUILT) writeFileSync(join(dir, 'dist', f), f === 'storydiff.mjs' ? "export const version = '1.2.3';\n" : 'x');
  return dir;
}

const check = (dir) => spawnSync(process.execPath, [join(dir, 'scripts', 'check-dist-fresh.mjs')], { encoding: 'utf8' });

test('a fresh, complete dist/ passes', () => {
  const dir = fakeTree();
  try {
    const r = check(dir);
    assert.equal(r.status, 0, r.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a source newer than dist/ fails, naming it and the rebuild command', () => {
  const dir = fakeTree();
  try {
    const future = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'src', 'a.cpp'), future, future);
    const r = check(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /src\/a\.cpp/);
    assert.match(r.stderr, /build-wasm/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a missing file or another version fails', () => {
  const dir = fakeTree();
  try {
    rmSync(join(dir, 'dist', 'storydiff.wasm'));
    assert.match(check(dir).stderr, /dist\/storydiff\.wasm is missing/);
    writeFileSync(join(dir, 'dist', 'storydiff.wasm'), 'x');
    writeFileSync(join(dir, 'dist', 'storydiff.mjs'), "export const version = '1.2.2';\n");
    const r = check(dir);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /1\.2\.2.*1\.2\.3/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
