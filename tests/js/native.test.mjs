// The WebAssembly build against the native one: byte-identical JSON for every sample, and the
// package's CLI (dist/cli.mjs) against build/storydiff — same output, messages and exit codes.
// The comparisons with the native CLI are skipped, with a message, when it is not built.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, test, after } from 'node:test';

import { cli, loadPackage, native, nativeSkip, readRel, root, samplePairs, storyGroups } from './helpers.mjs';

const sd = await loadPackage();
await sd.init();

const env = { ...process.env, NO_COLOR: '' };
delete env.NO_COLOR;

function run(command, args, { input, extraEnv } = {}) {
  const r = spawnSync(command, args, { cwd: root, input, env: { ...env, ...extraEnv }, maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString() };
}
const runNative = (args, opts) => run(native, args, opts);
const runCli = (args, opts) => run(process.execPath, [cli, ...args], opts);

const scratch = mkdtempSync(join(tmpdir(), 'storydiff-cli-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

describe('wasm and native give byte-identical JSON', { skip: nativeSkip() }, () => {
  for (const pair of samplePairs()) {
    test(`${pair.old} vs ${pair.new}`, () => {
      for (const [flags, output] of [[[], undefined], [['--pretty'], { indent: 2 }]]) {
        const n = runNative(['--format', 'json', ...flags, pair.old, pair.new]);
        assert.ok(n.status === 0 || n.status === 1, `native exit ${n.status}: ${n.stderr}`);
        const wasm = sd.compareToJson({ name: pair.old, bytes: readRel(pair.old) }, { name: pair.new, bytes: readRel(pair.new) },
          undefined, undefined, output) + '\n';
        const nativeJson = n.stdout.toString('utf8');
        if (wasm !== nativeJson) {
          let k = 0;
          while (k < wasm.length && wasm[k] === nativeJson[k]) ++k;
          assert.fail(`JSON differs ${flags.join(' ')} at character ${k}:\n  native: ${nativeJson.slice(Math.max(0, k - 80), k + 80)}\n  wasm:   ${wasm.slice(Math.max(0, k - 80), k + 80)}`);
        }
        assert.ok(Buffer.from(wasm, 'utf8').equals(n.stdout), 'byte for byte');
      }
    });
  }

  test('options and input settings reach both engines the same way', () => {
    const pair = samplePairs()[0];
    const cases = [
      [['--threshold', '0.7', '--ignore-case'], { threshold: 0.7, ignore_case: true }, {}],
      [['-p', '--no-moves', '--no-splits'], { ignore_punctuation: true, detect_moves: false, detect_splits: false }, {}],
      [['-t', '.3'], { threshold: 0.3 }, {}],
      [['--input-format', 'markdown'], {}, { format: 'markdown' }],
      [['-g', 'word'], { granularity: 'word' }, {}],
    ];
    for (const [flags, options, readOptions] of cases) {
      const n = runNative(['--format', 'json', ...flags, pair.old, pair.new]);
      const wasm = sd.compareToJson({ name: pair.old, bytes: readRel(pair.old) }, { name: pair.new, bytes: readRel(pair.new) },
        options, readOptions) + '\n';
      assert.equal(wasm, n.stdout.toString(), flags.join(' '));
    }
  });
});

describe('large texts in word mode: wasm and native give byte-identical JSON', { skip: nativeSkip() }, () => {
  // Above 64 KB the native engine runs the whole-document word diff on a thread of its own, and
  // texts of many lines go through its line pass: the result must not depend on either. Pairs
  // from the benchmark's generator (reproducible), with lines and with blank-line paragraphs.
  for (const [size, paragraphs] of [['150KB', 'line'], ['300KB', 'blank']]) {
    test(`generated news pair, ${size}, paragraphs by ${paragraphs}`, () => {
      const dir = join(scratch, `news-${size}-${paragraphs}`);
      const g = run(process.execPath, [join(root, 'bench', 'gen-news.mjs'), '--out', dir, '--size', size, '--seed', '7',
        '--paragraphs', paragraphs]);
      assert.equal(g.status, 0, g.stderr);
      const oldFile = join(dir, 'old.txt'), newFile = join(dir, 'new.txt');
      const n = runNative(['--format', 'json', '--granularity', 'word', oldFile, newFile]);
      assert.equal(n.status, 1, n.stderr);
      const wasm = sd.compareToJson({ name: oldFile, bytes: readFileSync(oldFile) }, { name: newFile, bytes: readFileSync(newFile) },
        { granularity: 'word' }) + '\n';
      assert.ok(Buffer.from(wasm, 'utf8').equals(n.stdout), 'byte for byte');
      const result = JSON.parse(wasm);
      assert.equal(result.approximate, false);
      assert.ok(result.edits.length > 100, `a real diff: ${result.edits.length} runs`);
    });
  }
});

describe('three or more documents: wasm and native give byte-identical JSON', { skip: nativeSkip() }, () => {
  for (const story of storyGroups()) {
    test(story.files.join(' '), () => {
      const n = runNative(['--format', 'json', ...story.files]);
      assert.ok(n.status === 0 || n.status === 1, `native exit ${n.status}: ${n.stderr}`);
      const wasm = sd.compareMany(story.files.map((f) => ({ name: f, bytes: readRel(f) })));
      assert.deepEqual(wasm, JSON.parse(n.stdout.toString()));
      const text = run(process.execPath, [cli, '--format', 'json', ...story.files]);
      assert.ok(text.stdout.equals(n.stdout), 'the package CLI prints the same bytes');
    });
  }
});

describe('the package CLI matches the native CLI', { skip: nativeSkip() }, () => {
  const pairs = samplePairs();
  pairs.forEach((pair, k) => {
    // Every pair in JSON and text; the other renderings on the first two.
    const variants = [['--format', 'json'], [], ['--format', 'html']];
    if (k < 2) variants.push(['--format', 'json', '--pretty'], ['-a'], ['--color=always'], ['-q'], ['-g', 'word'], ['-g', 'word', '--format', 'json']);
    test(`${pair.old} vs ${pair.new}: ${variants.map((v) => v.join(' ') || 'text').join(', ')}`, () => {
      for (const flags of variants) {
        const n = runNative([...flags, pair.old, pair.new]);
        const w = runCli([...flags, pair.old, pair.new]);
        assert.equal(w.stderr, n.stderr, `stderr of ${flags.join(' ')}`);
        assert.equal(w.status, n.status, `exit status of ${flags.join(' ')}`);
        assert.equal(w.stdout.toString(), n.stdout.toString(), `output of ${flags.join(' ') || '(text)'}`);
      }
    });
  });

  test('the same file: exit 0; standard input; -o', () => {
    const pair = pairs[0];
    for (const args of [[pair.old, pair.old], ['-', pair.old], ['--format', 'json', pair.old, '-']]) {
      // Standard input only where a command reads it: a CLI that does not may exit before the
      // write completes, and spawnSync then fails with EPIPE.
      const input = args.includes('-') ? readRel(pair.old) : undefined;
      const n = runNative(args, { input });
      const w = runCli(args, { input });
      assert.equal(w.stderr, n.stderr, `stderr of ${args.join(' ')}`);
      assert.equal(w.status, n.status, `exit status of ${args.join(' ')}`);
      assert.equal(w.stdout.toString(), n.stdout.toString(), `output of ${args.join(' ')}`);
    }
    const nOut = join(scratch, 'native.json');
    const wOut = join(scratch, 'wasm.json');
    const n = runNative(['--format', 'json', '-o', nOut, pair.old, pair.new]);
    const w = runCli(['--format', 'json', '-o', wOut, pair.old, pair.new]);
    assert.equal(w.stderr, n.stderr);
    assert.equal(w.status, n.status);
    assert.equal(w.stdout.length, 0);
    assert.ok(readFileSync(wOut).equals(readFileSync(nOut)));
  });

  test('trouble: the same message and exit status 2', () => {
    const pair = pairs[0];
    const bad = join(scratch, 'bad-utf8.txt');
    writeFileSync(bad, Buffer.from([0x4f, 0x6b, 0x2e, 0x20, 0xe2, 0x28, 0xa1, 0x2e]));
    const nul = join(scratch, 'nul.txt');
    writeFileSync(nul, Buffer.from('abc\0def'));
    const dir = join(scratch, 'a-directory');
    mkdirSync(dir, { recursive: true });
    const cases = [
      [pair.old],
      [pair.old, pair.new, pair.new],
      ['-', '-'],
      ['--frobnicate', pair.old, pair.new],
      ['--format', 'pdf', pair.old, pair.new],
      ['--format'],
      ['--threshold', 'abc', pair.old, pair.new],
      ['--threshold', '2', pair.old, pair.new],
      ['--threshold', '0', pair.old, pair.new],
      ['--threshold', 'nan', pair.old, pair.new],
      ['--threshold', '1e-400', pair.old, pair.new],
      ['--threshold=', pair.old, pair.new],
      ['--color=sometimes', pair.old, pair.new],
      ['--input-format', 'docx', pair.old, pair.new],
      ['--input-format', 'docx', '--frobnicate'],
      ['--max-size', '12X', pair.old, pair.new],
      ['--max-size', '100', pair.old, pair.new],
      ['missing-file.txt', pair.new],
      [pair.old, 'missing-file.txt'],
      [bad, 'missing-file.txt'],
      [dir, pair.new],
      [bad, pair.new],
      [nul, pair.new],
      [pair.old, nul],
      ['--replace-invalid', '--format', 'json', bad, pair.new],
      ['-o', join(scratch, 'no', 'such', 'dir', 'out.txt'), pair.old, pair.new],
      ['--help'],
      ['-V'],
      ['--version', '--frobnicate'],
      ['--', '-a', pair.new],
      ['-g', 'phrase', pair.old, pair.new],
      [pair.old, pair.new, pair.old, '-', '-'],
    ];
    for (const args of cases) {
      const n = runNative(args);
      const w = runCli(args);
      const shown = args.map((a) => a.replace(scratch, '$TMP')).join(' ');
      assert.equal(w.stderr, n.stderr, `stderr of: storydiff ${shown}`);
      assert.equal(w.status, n.status, `exit status of: storydiff ${shown}`);
      assert.equal(w.stdout.toString(), n.stdout.toString(), `output of: storydiff ${shown}`);
    }
  });
});

describe('the package CLI on its own', () => {
  const pair = samplePairs()[0];

  test('exit codes: 0 same, 1 different, 2 trouble', () => {
    assert.equal(runCli(['-q', pair.old, pair.old]).status, 0);
    assert.equal(runCli(['-q', pair.old, pair.new]).status, 1);
    const r = runCli([pair.old, 'no-such-file.txt']);
    assert.equal(r.status, 2);
    assert.equal(r.stderr, 'storydiff: no-such-file.txt: No such file or directory\n');
  });

  test('--format json prints what compareToJson returns, plus a newline', () => {
    const r = runCli(['--format', 'json', pair.old, pair.new]);
    assert.equal(r.status, 1);
    const want = sd.compareToJson({ name: pair.old, bytes: readRel(pair.old) }, { name: pair.new, bytes: readRel(pair.new) });
    assert.equal(r.stdout.toString(), want + '\n');
  });

  test('colour only when asked (or on a terminal without NO_COLOR)', () => {
    assert.doesNotMatch(runCli([pair.old, pair.new]).stdout.toString(), /\x1b\[/);
    assert.match(runCli(['--color', pair.old, pair.new]).stdout.toString(), /\x1b\[/);
  });

  test('batch mode points to the native CLI', () => {
    const r = runCli(['batch']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /^storydiff: batch mode needs the native storydiff CLI/);
  });

  test('--help and --version', () => {
    const h = runCli(['--help']);
    assert.equal(h.status, 0);
    assert.match(h.stdout.toString(), /^usage: storydiff \[options\] OLD NEW/);
    assert.equal(runCli(['--version']).stdout.toString(), `storydiff ${sd.version}\n`);
  });
});
