#!/usr/bin/env node
// Checks, before `npm pack` / `npm publish`, that dist/ holds a complete build that is newer than
// every source it is built from (include/, src/, wasm/, the CLI parts it reuses, the CMake files
// and the build script), and that its version is package.json's. Fails with the stale files named and the command that
// rebuilds them. Node built-ins only.

import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const rebuild = 'npm run build:wasm (bash scripts/build-wasm.sh)';
const built = ['storydiff.mjs', 'storydiff-core.mjs', 'storydiff.wasm', 'storydiff.d.ts', 'cli.mjs', 'storydiff-cli-core.mjs',
  'storydiff-cli.wasm'];
// What the module is built from: the engine, the bindings and wrapper, and the native CLI's
// parser and renderers that the bin reuses.
const sources = ['include', 'src', 'wasm', 'CMakeLists.txt', 'scripts/build-wasm.sh', 'cli/options.h', 'cli/options.cpp',
  'cli/render.h', 'cli/render_text.cpp', 'cli/render_html.cpp'];

function* files(path) {
  const st = statSync(path, { throwIfNoEntry: false });
  if (!st) return;
  if (!st.isDirectory()) {
    yield [path, st.mtimeMs];
    return;
  }
  for (const entry of readdirSync(path)) yield* files(join(path, entry));
}

const problems = [];
let oldestBuilt = Infinity;
let oldestName = '';
for (const name of built) {
  const st = statSync(join(root, 'dist', name), { throwIfNoEntry: false });
  if (!st) {
    problems.push(`dist/${name} is missing`);
  } else if (st.mtimeMs < oldestBuilt) {
    oldestBuilt = st.mtimeMs;
    oldestName = `dist/${name}`;
  }
}

if (problems.length === 0) {
  const newer = [];
  for (const source of sources) {
    for (const [path, mtime] of files(join(root, source))) {
      if (mtime > oldestBuilt) newer.push(relative(root, path));
    }
  }
  if (newer.length > 0) {
    const shown = newer.slice(0, 10).join(', ') + (newer.length > 10 ? `, and ${newer.length - 10} more` : '');
    problems.push(`dist/ is older than its sources: ${shown} changed after ${oldestName} was built`);
  }
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const wrapper = readFileSync(join(root, 'dist', 'storydiff.mjs'), 'utf8');
  const match = /export const version = '([^']*)'/.exec(wrapper);
  if (!match || match[1] !== pkg.version) {
    problems.push(`dist/storydiff.mjs says version ${match ? match[1] : '(none)'}, package.json ${pkg.version}`);
  }
}

if (problems.length > 0) {
  for (const p of problems) console.error(`check-dist-fresh: ${p}`);
  console.error(`check-dist-fresh: rebuild with: ${rebuild}`);
  process.exit(1);
}
console.error('check-dist-fresh: dist/ is complete and newer than its sources');
