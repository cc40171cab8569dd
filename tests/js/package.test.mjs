// The npm package as a user gets it: `npm pack` → `npm install --offline ./storydiff-*.tgz` in an
// empty folder → a plain ES module there imports 'storydiff' and compares two sample files; the
// `storydiff` bin runs too.
import assert from 'node:assert/strict';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';

import { installTarball, loadPackage, packPackage, root, runCommand, samplePairs } from './helpers.mjs';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const work = mkdtempSync(join(tmpdir(), 'storydiff-pack-'));
const app = join(work, 'app');
const run = runCommand;
let tarball;

before(() => {
  // The prepack freshness check has its own test (dist-fresh.test.mjs); here the package is
  // packed as built, so that a source edited after the build does not fail this test.
  const packed = packPackage(work);
  tarball = packed.tarball;
  const files = packed.files;
  const allowed = /^(package\.json|README(\.md)?|LICENSE(\.md|\.txt)?|dist\/.+)$/;
  assert.deepEqual(files.filter((f) => !allowed.test(f)), [], 'only dist/ and the package metadata are published');
  for (const f of ['dist/storydiff.mjs', 'dist/storydiff-core.mjs', 'dist/storydiff.wasm', 'dist/storydiff.d.ts', 'dist/cli.mjs',
    'dist/storydiff-cli-core.mjs', 'dist/storydiff-cli.wasm']) {
    assert.ok(files.includes(f), `${f} is in the tarball`);
  }
});
after(() => rmSync(work, { recursive: true, force: true }));

test('installs offline into an empty folder and runs from a plain ES module', { timeout: 120_000 }, async () => {
  installTarball(tarball, app);
  const pair = samplePairs()[0];
  copyFileSync(join(root, pair.old), join(app, 'old' + pair.old.slice(pair.old.lastIndexOf('.'))));
  copyFileSync(join(root, pair.new), join(app, 'new' + pair.new.slice(pair.new.lastIndexOf('.'))));
  const oldName = readdirSync(app).find((f) => f.startsWith('old.'));
  const newName = readdirSync(app).find((f) => f.startsWith('new.'));
  writeFileSync(join(app, 'main.mjs'), `
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { init, compare, compareToJson, StorydiffError, version } from 'storydiff';

await init();
const oldDoc = { name: ${JSON.stringify(oldName)}, bytes: readFileSync(${JSON.stringify(oldName)}) };
const newDoc = { name: ${JSON.stringify(newName)}, bytes: readFileSync(${JSON.stringify(newName)}) };
const result = compare(oldDoc, newDoc);
let code = null;
try { compare('ok.', new Uint8Array([0xff])); } catch (e) { code = e instanceof StorydiffError ? e.code : 'not a StorydiffError'; }
const require = createRequire(import.meta.url);
console.log(JSON.stringify({
  version,
  stats: result.stats,
  json: compareToJson(oldDoc, newDoc),
  code,
  wasm: require.resolve('storydiff/storydiff.wasm'),
}));
`);
  const out = run(process.execPath, ['main.mjs'], app);
  assert.equal(out.status, 0, out.stderr);
  assert.equal(out.stderr, '');
  const got = JSON.parse(out.stdout);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  assert.equal(got.version, pkg.version);
  assert.equal(got.code, 'invalid_utf8');
  assert.match(got.wasm, /node_modules\/storydiff\/dist\/storydiff\.wasm$/);
  // The installed package gives what the repository's build gives.
  const sd = await loadPackage();
  await sd.init();
  const want = sd.compareToJson({ name: oldName, bytes: readFileSync(join(root, pair.old)) },
    { name: newName, bytes: readFileSync(join(root, pair.new)) });
  assert.equal(got.json, want);
  assert.deepEqual(got.stats, JSON.parse(want).stats);

  // The bin, as `npx storydiff OLD NEW` runs it.
  const bin = run(join(app, 'node_modules', '.bin', 'storydiff'), ['--format', 'json', oldName, newName], app);
  assert.equal(bin.stderr, '');
  assert.equal(bin.stdout, want + '\n');
  const s = JSON.parse(want).stats;
  assert.equal(bin.status, s.modified + s.added + s.removed + s.moved > 0 ? 1 : 0, 'diff\'s exit status');
  const npx = run(npm, ['exec', '--offline', '--no', '--', 'storydiff', '--version'], app);
  assert.equal(npx.stdout, `storydiff ${pkg.version}\n`, npx.stderr);
});
