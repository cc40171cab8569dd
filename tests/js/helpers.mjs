// Shared by the package tests (tests/js/*.test.mjs): where things are, the sample pairs, and
// the result contract every comparison must keep.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { basename, dirname, extname, join, parse, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = join(root, 'dist');
export const fixtures = join(root, 'tests', 'js', 'fixtures');
/** The native CLI (scripts/build-native.sh); STORYDIFF_NATIVE overrides. */
export const native = process.env.STORYDIFF_NATIVE ?? join(root, 'build', 'storydiff');
export const cli = join(dist, 'cli.mjs');

const BUILT = ['storydiff.mjs', 'storydiff-core.mjs', 'storydiff.wasm', 'storydiff.d.ts', 'cli.mjs', 'storydiff-cli-core.mjs',
  'storydiff-cli.wasm'];

/** The built package's entry URL; fails with the command to run when dist/ is not built. */
export function entryUrl(query = '') {
  const missing = BUILT.filter((f) => !existsSync(join(dist, f)));
  assert.deepEqual(missing, [], `dist/ is not built (missing ${missing.join(', ')}): run bash scripts/build-wasm.sh`);
  return pathToFileURL(join(dist, 'storydiff.mjs')).href + query;
}

/** The built package's module. A distinct `instance` name gives a fresh copy (its own init state). */
export async function loadPackage(instance = '') {
  return import(entryUrl(instance ? `?instance=${encodeURIComponent(instance)}` : ''));
}

export const hasNative = () => existsSync(native);
export const nativeSkip = () =>
  hasNative() ? false : `native CLI ${native} not built (cmake -S . -B build -G Ninja && cmake --build build)`;

/**
 * The sample comparisons, as tests/golden/cases.mjs defines them: in every samples/<story>/, v1
 * against v2 and against each outlet.* file. Paths relative to the repository root. When samples/
 * has none, the small texts in tests/js/fixtures/ stand in.
 */
export function samplePairs() {
  const pairs = [];
  const samples = join(root, 'samples');
  if (existsSync(samples)) {
    for (const story of readdirSync(samples).sort()) {
      const dir = join(samples, story);
      if (!statSync(dir).isDirectory()) continue;
      const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).sort();
      const v1 = files.find((f) => parse(f).name === 'v1');
      if (!v1) continue;
      for (const other of files.filter((f) => parse(f).name === 'v2' || parse(f).name.startsWith('outlet'))) {
        pairs.push({ story, old: `samples/${story}/${v1}`, new: `samples/${story}/${other}` });
      }
    }
  }
  if (pairs.length === 0) {
    pairs.push({ story: 'fixture', old: 'tests/js/fixtures/v1.txt', new: 'tests/js/fixtures/v2.txt' });
    pairs.push({ story: 'fixture', old: 'tests/js/fixtures/v1.txt', new: 'tests/js/fixtures/outlet.html' });
  }
  return pairs;
}

/** Every samples/<story>/ with three or more documents: v1, v2 and the outlet files, sorted. */
export function storyGroups() {
  const groups = new Map();
  for (const p of samplePairs()) {
    if (!groups.has(p.story)) groups.set(p.story, [p.old]);
    groups.get(p.story).push(p.new);
  }
  return [...groups].filter(([, files]) => files.length >= 3).map(([story, files]) => ({ story, files }));
}

export const readRel = (rel) => readFileSync(join(root, rel));

/**
 * The result contract: every sentence of both documents in exactly one alignment entry, indices
 * in range, and for modified entries the equal + delete runs rebuild the old span and equal +
 * insert the new. `texts` are the bytes the engine read, when known (plain LF text without a
 * BOM), to check offsets and inter-sentence spans exactly.
 */
export function checkContract(result, texts = []) {
  assert.equal(result.documents.length, 2);
  const seen = result.documents.map((d) => new Array(d.sentences.length).fill(0));
  for (const [side, key] of [[0, 'a'], [1, 'b']]) {
    const doc = result.documents[side];
    const bytes = texts[side];
    for (const s of doc.sentences) {
      assert.ok(s.start <= s.end, `sentence offsets in order in ${doc.name}`);
      if (bytes) assert.equal(bytes.subarray(s.start, s.end).toString('utf8'), s.text, `${doc.name}: text at [${s.start}, ${s.end})`);
    }
    for (const e of result.alignment) {
      for (const k of e[key]) {
        assert.ok(Number.isInteger(k) && k >= 0 && k < doc.sentences.length, `index ${k} in range of ${doc.name}`);
        seen[side][k] += 1;
      }
    }
    seen[side].forEach((n, k) => assert.equal(n, 1, `${doc.name} sentence ${k} is in ${n} alignment entries, not 1`));
  }
  const span = (side, idx) => {
    const doc = result.documents[side];
    const first = doc.sentences[idx[0]];
    const last = doc.sentences[idx[idx.length - 1]];
    if (texts[side]) return texts[side].subarray(first.start, last.end).toString('utf8');
    return idx.length === 1 ? first.text : null;
  };
  for (const e of result.alignment) {
    assert.ok(['equal', 'modified', 'added', 'removed'].includes(e.op), `op ${e.op}`);
    if (e.op === 'added') assert.ok(e.a.length === 0 && e.b.length > 0, 'added: only b');
    if (e.op === 'removed') assert.ok(e.b.length === 0 && e.a.length > 0, 'removed: only a');
    if (e.op === 'equal' || e.op === 'modified') assert.ok(e.a.length > 0 && e.b.length > 0, `${e.op}: a and b`);
    assert.ok(e.similarity >= 0 && e.similarity <= 1, 'similarity in [0, 1]');
    if (e.op !== 'modified') {
      assert.equal(e.tokens, undefined, 'tokens only on modified entries');
      continue;
    }
    assert.ok(Array.isArray(e.tokens) && Array.isArray(e.callouts), 'modified entries carry tokens and callouts');
    const oldText = e.tokens.filter((t) => t.op !== 'insert').map((t) => t.text).join('');
    const newText = e.tokens.filter((t) => t.op !== 'delete').map((t) => t.text).join('');
    for (const [side, idx, rebuilt] of [[0, e.a, oldText], [1, e.b, newText]]) {
      const expected = span(side, idx);
      if (expected !== null) {
        assert.equal(rebuilt, expected, `word diff rebuilds ${result.documents[side].name} [${idx}]`);
      } else {
        // Without the document text, the sentences must at least appear in order.
        let at = 0;
        for (const k of idx) {
          const found = rebuilt.indexOf(result.documents[side].sentences[k].text, at);
          assert.ok(found >= at, `word diff contains ${result.documents[side].name} sentence ${k} in order`);
          at = found;
        }
      }
    }
    for (const c of e.callouts) {
      assert.ok(['number', 'quote', 'attribution'].includes(c.kind), `callout kind ${c.kind}`);
      assert.equal(typeof c.old, 'string');
      assert.equal(typeof c.new, 'string');
    }
  }
  const s = result.stats;
  assert.equal(s.old_sentences, result.documents[0].sentences.length);
  assert.equal(s.new_sentences, result.documents[1].sentences.length);
  const count = (op) => result.alignment.filter((e) => e.op === op).length;
  for (const op of ['equal', 'modified', 'added', 'removed']) assert.equal(s[op], count(op), `stats.${op}`);
  assert.equal(s.moved, result.alignment.filter((e) => e.moved).length, 'stats.moved');
}

/** The input bytes when they are what the engine's offsets point into (LF text, no BOM). */
export function offsetsText(rel, bytes) {
  if (!/\.txt$/.test(rel)) return undefined;
  if (bytes.includes(0x0d) || (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)) return undefined;
  return bytes;
}

// ---------------------------------------------------------------------------------------------
// The package as a user gets it, and served to a browser (bundler.test.mjs, browser-module.test.mjs).

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

/** Runs a command to its end: { status, stdout, stderr }; throws when it cannot start. */
export function runCommand(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (r.error) throw r.error;
  return r;
}

/**
 * `npm pack` of the repository into `dest`, as built (without the prepack freshness check, which
 * dist-fresh.test.mjs covers): { tarball, files } with the tarball's path and its file list.
 */
export function packPackage(dest) {
  entryUrl(); // fails with the build command when dist/ is missing
  const r = runCommand(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dest], root);
  assert.equal(r.status, 0, `npm pack: ${r.stderr}`);
  const [info] = JSON.parse(r.stdout);
  return { tarball: join(dest, info.filename), files: info.files.map((f) => f.path).sort() };
}

/** `npm install --offline TARBALL` in `dir` (created when missing), as a package user does. */
export function installTarball(tarball, dir) {
  mkdirSync(dir, { recursive: true });
  const r = runCommand(npm, ['install', '--offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], dir);
  assert.equal(r.status, 0, `npm install --offline ${basename(tarball)}: ${r.stderr}`);
}

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

/**
 * A static file server on a free port of 127.0.0.1, for a browser. `mounts`: [[urlPrefix, dir]],
 * the longest matching prefix wins, e.g. [['/', pageDir], ['/dist/', dist]]. Serves files only
 * (no listings, nothing outside a mount), with the right MIME type (application/wasm for .wasm).
 * Resolves with { url, origin, served, close }; `served` lists every request as "STATUS PATH".
 */
export async function serveStatic(mounts) {
  const sorted = [...mounts].sort((x, y) => y[0].length - x[0].length);
  const served = [];
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, 'http://localhost').pathname);
    let file = null;
    for (const [prefix, dir] of sorted) {
      if (!path.startsWith(prefix)) continue;
      const candidate = resolve(dir, '.' + path.slice(prefix.length - 1));
      if (candidate.startsWith(resolve(dir) + sep) && existsSync(candidate) && statSync(candidate).isFile()) file = candidate;
      break;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') file = null;
    served.push(`${file ? 200 : 404} ${path}`);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const body = readFileSync(file);
    res.writeHead(200, {
      'content-type': MIME[extname(file)] ?? 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  await new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', done);
  });
  const origin = `http://127.0.0.1:${server.address().port}`;
  return {
    url: `${origin}/`,
    origin,
    served,
    close: () => new Promise((done) => {
      server.closeAllConnections?.();
      server.close(() => done());
    }),
  };
}

/**
 * Why the browser tests cannot run here, or false: they need Chromium (CHROMIUM, by default
 * /usr/bin/chromium, as tests/web) and playwright-core. For a test's `skip` option.
 */
export function browserSkip() {
  const chromium = process.env.CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(chromium)) return `Chromium (${chromium}) is not installed: run bash scripts/setup.sh browser`;
  try {
    createRequire(import.meta.url).resolve('playwright-core');
  } catch {
    return 'playwright-core is not installed: run npm install';
  }
  return false;
}
