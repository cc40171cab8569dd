// The bad-input matrix (tests/bad-input-cases.mjs) through the npm package, as its users and the
// page call it: every case read strictly (the default) and, where it matters, with invalid UTF-8
// repaired (replace_invalid_utf8, what the page does). Each gives either
// - a valid result: compareToJson's JSON byte for byte what the native CLI prints with
//   --format json for the same files (names included), the result contract (every sentence in
//   exactly one entry, offsets on UTF-8 boundaries of the text as read, text = those bytes, word
//   diffs that rebuild their spans), the case's own checks; compare(), compareMany() and the
//   string form agree with it, and read() gives the same documents and warnings; or
// - a StorydiffError with the case's stable code and message, which read() of the offending
//   document gives too, while the native CLI exits 2 with one line of the same category (for
//   errors of the reader, exactly "storydiff: " + the message); the module stays usable.
//
// The package runs in a worker thread, so that a hang is a failed case (the worker is
// terminated after a timeout and a fresh one takes the next case), not a stuck test run.
// STORYDIFF_TIMEOUT_SCALE multiplies the timeouts; STORYDIFF_NATIVE picks the native CLI (the
// comparisons with it are skipped, with a message, when it is not built).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { Worker } from 'node:worker_threads';

import { CLI_MESSAGE, checkCase, expectation, matrix } from '../bad-input-cases.mjs';
import { checkContract, entryUrl, native, nativeSkip } from './helpers.mjs';

const scale = Number(process.env.STORYDIFF_TIMEOUT_SCALE ?? 1) || 1;
const NATIVE_SKIP = nativeSkip();
const cases = matrix();

// ---------------------------------------------------------------------------------------------
// The package in a worker thread.

// CommonJS (an eval worker); the package is imported by URL.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const failure = (e) => ({
  name: e && e.name, code: e && e.code, message: e && e.message,
  storydiffError: e instanceof sd.StorydiffError, error: e instanceof Error,
});
let sd;
function call(fn) {
  const t0 = performance.now();
  try {
    return { value: fn(), ms: performance.now() - t0 };
  } catch (e) {
    return { error: failure(e), ms: performance.now() - t0 };
  }
}
const ready = import(workerData.entry).then(async (m) => { sd = m; await sd.init(); });
parentPort.on('message', async ({ id, docs, readOptions, heavy }) => {
  await ready;
  const out = {};
  const named = docs.map((d) => ({ name: d.name, bytes: d.bytes }));
  const json = call(() => sd.compareToJson(named[0], named[1], undefined, readOptions));
  out.json = { ms: json.ms, error: json.error };
  const transfer = [];
  if (json.value !== undefined) {
    out.json.bytes = new TextEncoder().encode(json.value);
    transfer.push(out.json.bytes.buffer);
  }
  // read() of each document, as the page's users read one file.
  out.reads = docs.map((d) => call(() => sd.read(d.bytes, { ...readOptions, name: d.name })));
  if (!heavy) {
    out.object = call(() => sd.compare(named[0], named[1], undefined, readOptions));
    out.many = call(() => sd.compareMany(named, undefined, readOptions));
    // Strings: the documents as text, when their bytes are the UTF-8 of a string.
    const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    const texts = docs.map((d) => { try { return decoder.decode(d.bytes); } catch { return null; } });
    if (texts.every((t) => t !== null)) {
      const s = call(() => sd.compareToJson({ name: docs[0].name, text: texts[0] }, { name: docs[1].name, text: texts[1] }, undefined, readOptions));
      out.strings = s.error ? s : { same: s.value === json.value, ms: s.ms };
    }
  }
  // Still usable after whatever happened.
  out.after = call(() => sd.compare('The vote was 7 to 2.', 'The vote was 6 to 3.').stats.modified);
  parentPort.postMessage({ id, out }, transfer);
});
`;

let worker = null;
let nextId = 1;
const pending = new Map();

function startWorker() {
  const w = new Worker(WORKER, { eval: true, workerData: { entry: entryUrl() } });
  const failAll = (error) => {
    if (worker === w) worker = null;
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };
  w.on('message', ({ id, out }) => {
    const p = pending.get(id);
    if (!p) return;
    pending.delete(id);
    p.resolve(out);
  });
  w.on('error', (e) => failAll(new Error(`the package's worker failed: ${e?.stack ?? e}`)));
  w.on('exit', (code) => failAll(new Error(`the package's worker exited (${code})`)));
  worker = w;
  return w;
}

/** Runs one case's calls in the worker; a worker that does not answer in time is terminated. */
function inWorker(docs, readOptions, { heavy, seconds }) {
  const w = worker ?? startWorker();
  const id = nextId++;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      pending.delete(id);
      worker = null;
      w.terminate();
      reject(new Error(`the package hung: no answer after ${Date.now() - started} ms`));
    }, seconds * 1000 * scale);
    pending.set(id, {
      resolve: (out) => { clearTimeout(timer); resolve(out); },
      reject: (e) => { clearTimeout(timer); reject(e); },
    });
    // Copies: the worker gets its own bytes.
    w.postMessage({ id, docs: docs.map((d) => ({ name: d.name, bytes: new Uint8Array(d.bytes) })), readOptions, heavy });
  });
}

// ---------------------------------------------------------------------------------------------
// The native CLI on the same files.

let scratch;
before(() => {
  scratch = mkdtempSync(join(tmpdir(), 'storydiff-bad-js-'));
});
after(async () => {
  await worker?.terminate();
  rmSync(scratch, { recursive: true, force: true });
});

/** The case's documents as files in a folder of their own, named as the documents are. */
function writeCase(c, docs) {
  const dir = join(scratch, c.id);
  mkdirSync(dir, { recursive: true });
  for (const d of docs) {
    const p = join(dir, d.name);
    if (existsSync(p)) assert.ok(readFileSync(p).equals(d.bytes), `${c.id}: two different documents named ${d.name}`);
    else writeFileSync(p, d.bytes);
  }
  return dir;
}

/** The native CLI in `dir` on the two documents: { code, line (stderr), body (the JSON) }. */
function runNative(dir, docs, flags, seconds) {
  const out = join(dir, `out-${nextId++}.json`);
  const started = Date.now();
  const r = spawnSync(native, ['-o', out, '--format', 'json', ...flags, docs[0].name, docs[1].name], {
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    encoding: 'utf8',
    timeout: seconds * 1000 * scale,
    env: { ...process.env, NO_COLOR: '1' },
  });
  assert.notEqual(r.error?.code, 'ETIMEDOUT', `the native CLI hung (killed after ${Date.now() - started} ms)`);
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.signal, null, `the native CLI died of ${r.signal}: ${r.stderr}`);
  const body = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
  rmSync(out, { force: true });
  return { code: r.status, err: r.stderr, body };
}

function firstDifference(a, b) {
  let k = 0;
  while (k < a.length && a[k] === b[k]) ++k;
  const at = (buf) => JSON.stringify(buf.subarray(Math.max(0, k - 80), k + 80).toString('utf8'));
  return `at byte ${k}:\n  native: ${at(a)}\n  wasm:   ${at(b)}`;
}

function assertStorydiffError(e, want, what) {
  assert.ok(e, `${what}: expected a StorydiffError ${want.error}, got a result`);
  assert.ok(e.storydiffError && e.error, `${what}: a StorydiffError (an Error), not ${e.name}: ${e.message}`);
  assert.equal(e.name, 'StorydiffError');
  assert.equal(e.code, want.error, `${what}: code of "${e.message}"`);
  assert.match(e.message, want.message, `${what}: message`);
}

// ---------------------------------------------------------------------------------------------
// The cases.

const groups = new Map();
for (const c of cases) {
  if (!groups.has(c.group)) groups.set(c.group, []);
  groups.get(c.group).push(c);
}

for (const [group, list] of groups) {
  describe(group, () => {
    for (const c of list) {
      const modes = c.forgiving ? [false, true] : [false];
      for (const forgiving of modes) {
        const title = forgiving ? `${c.id} (invalid UTF-8 repaired)` : c.id;
        const seconds = c.heavy ? 240 : 60;
        test(title, { timeout: 2 * seconds * 1000 * scale }, async () => {
          const want = expectation(c, forgiving);
          const docs = c.inputs();
          const readOptions = {};
          const flags = [];
          if (c.format) {
            readOptions.format = c.format;
            flags.push('--input-format', c.format);
          }
          if (c.maxBytes) {
            readOptions.max_bytes = c.maxBytes;
            flags.push('--max-size', String(c.maxBytes));
          }
          if (forgiving) {
            readOptions.replace_invalid_utf8 = true;
            flags.push('--replace-invalid');
          }
          const out = await inWorker(docs, Object.keys(readOptions).length ? readOptions : undefined, { heavy: c.heavy, seconds });
          assert.equal(out.after.error, undefined, `the package still works afterwards: ${out.after.error?.message}`);
          assert.equal(out.after.value, 1);
          let nat = null;
          if (!NATIVE_SKIP) {
            const dir = writeCase(c, docs);
            try {
              nat = runNative(dir, docs, flags, seconds);
            } finally {
              rmSync(dir, { recursive: true, force: true });
            }
          }

          if (want.error) {
            assertStorydiffError(out.json.error, want, 'compareToJson');
            if (out.object) assert.deepEqual(out.object.error, out.json.error, 'compare() throws the same');
            if (out.many) assert.deepEqual(out.many.error, out.json.error, 'compareMany() throws the same');
            if (out.strings) assert.deepEqual(out.strings.error, out.json.error, 'strings: the same error');
            // read() of the first document that fails gives the same error; those before it read.
            const k = out.reads.findIndex((r) => r.error);
            assert.ok(k >= 0, 'read() refuses one of the documents');
            assert.deepEqual(out.reads[k].error, out.json.error, `read() of ${docs[k].name}: the same error`);
            if (nat) {
              assert.equal(nat.code, 2, `the native CLI's exit code: ${nat.err}`);
              const lines = nat.err.trimEnd().split('\n');
              assert.equal(lines.length, 1, `one line on stderr: ${nat.err}`);
              assert.match(lines[0], CLI_MESSAGE[want.error], `the native CLI's message is of the same kind as ${want.error}`);
              if (want.error === 'input_too_large') assert.ok(lines[0].startsWith(`storydiff: ${docs[k].name}: `), `names ${docs[k].name}: ${lines[0]}`);
              else assert.equal(lines[0], `storydiff: ${out.json.error.message}`, 'the native CLI says the same');
            }
            return;
          }

          assert.equal(out.json.error, undefined, `compareToJson threw ${out.json.error?.code}: ${out.json.error?.message}`);
          const bytes = Buffer.from(out.json.bytes.buffer, out.json.bytes.byteOffset, out.json.bytes.byteLength);
          const j = checkCase(bytes, docs, want);
          checkContract(j);
          for (const d of j.documents) assert.ok(docs.some((x) => x.name === d.name), `document name ${d.name}`);
          const differ = j.stats.modified + j.stats.added + j.stats.removed + j.stats.moved > 0;
          if (nat) {
            assert.equal(nat.code, differ ? 1 : 0, `the native CLI's exit code: ${nat.err}`);
            const wasm = Buffer.concat([bytes, Buffer.from('\n')]);
            if (!wasm.equals(nat.body)) assert.fail(`the package's JSON differs from the native CLI's ${firstDifference(nat.body, wasm)}`);
          }
          if (out.object) {
            assert.equal(out.object.error, undefined, `compare() threw: ${out.object.error?.message}`);
            assert.deepEqual(out.object.value, j, 'compare() gives the parsed JSON');
          }
          if (out.many) {
            assert.equal(out.many.error, undefined, `compareMany() threw: ${out.many.error?.message}`);
            assert.deepEqual(out.many.value, j, 'compareMany() of two gives the same');
          }
          if (out.strings) assert.ok(out.strings.same, `the string form gives the same JSON${out.strings.error ? `: ${out.strings.error.message}` : ''}`);
          out.reads.forEach((r, k) => {
            assert.equal(r.error, undefined, `read() of ${docs[k].name} threw: ${r.error?.message}`);
            const { warnings, ...doc } = r.value;
            assert.deepEqual(doc, j.documents[k], `read() of ${docs[k].name} gives the document of the comparison`);
            for (const w of warnings) assert.ok(j.warnings.includes(w), `read()'s warning in the comparison's: ${w}`);
          });
          const readWarnings = out.reads.flatMap((r) => r.value.warnings);
          assert.deepEqual(j.warnings.filter((w) => !readWarnings.includes(w) && !/work limit/.test(w)), [], 'no warning but the reader\'s and the work limit\'s');
          if (c.heavy) console.log(`# ${title}: compareToJson ${(out.json.ms / 1000).toFixed(1)} s`);
        });
      }
    }
  });
}

test('the matrix covers every row of the hardening issue', () => {
  const groupsWanted = ['empty and whitespace-only', 'identical files', 'NUL bytes', 'invalid UTF-8', 'UTF-16 with BOM', 'CRLF and lone CR',
    'a 50 MB file', 'one 10 MB line', '100,000 one-word sentences', 'CJK and Thai', 'right-to-left text', 'emoji and combining marks',
    'HTML nested 100,000 deep', 'unclosed and malformed HTML', 'HTML full of scripts'];
  assert.deepEqual([...groups.keys()], groupsWanted);
  for (const kind of ['overlong-2', 'surrogate', 'truncated-mid', 'truncated-end']) assert.ok(cases.some((c) => c.id === `utf8-${kind}`), kind);
});
