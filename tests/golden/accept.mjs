// Re-accepts the golden results: writes the CLI's current JSON for every sample pair.
// Review `git diff samples/` afterwards: every change there is a change in behaviour.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { goldenCases, root } from './cases.mjs';

const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
let changed = 0;
for (const c of goldenCases()) {
  const r = spawnSync(bin, ['--format', 'json', '--pretty', c.old, c.new], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) {
    console.error(`${c.old} -> ${c.new}: ${r.stderr.trim()}`);
    process.exit(2);
  }
  const path = join(root, c.expected);
  if (existsSync(path) && readFileSync(path, 'utf8') === r.stdout) continue;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, r.stdout);
  console.log(`accepted ${c.expected}`);
  changed++;
}
console.log(`${changed} golden result(s) changed`);
