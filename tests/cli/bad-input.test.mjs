// The bad-input matrix for the native CLI (and through it the engine): every hostile or odd input
// gives either a valid result (exit 0 or 1, JSON that parses, every sentence's offsets on UTF-8
// boundaries of the text as the engine read it and its text equal to those bytes, every sentence
// in exactly one alignment entry) or exit 2 with one clear line — never a crash, a sanitizer
// report, a hang (each run has a timeout) or a wrong offset. The inputs are generated into a
// temporary folder; nothing large is committed. The inputs and the result contract are shared with
// the package's and the page's bad-input tests: tests/bad-input-cases.mjs.
// STORYDIFF picks the binary (default build/storydiff); STORYDIFF_TIMEOUT_SCALE multiplies the
// timeouts (scripts/test-sanitize.sh sets it for the slower ASan build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

import {
  HUGE_BYTES, INVALID_UTF8, MALFORMED_HTML, MALFORMED_LEAK, PLAIN_HTML, PROSE, SCRIPT_LEAK, bigInputs, checkResult, cjkInputs, deepEdit,
  deepHtmlInputs, emojiInputs, emptyInputs, identicalInputs, lineEndInputs, longLineInputs, nulInputs, oneWordInputs, prose, rtlInputs,
  scriptsHtmlInputs, textAsRead, utf16Inputs,
} from '../bad-input-cases.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
const scale = Number(process.env.STORYDIFF_TIMEOUT_SCALE ?? 1) || 1;
let dir;
let seq = 0;

before(() => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin} (run scripts/build-native.sh)`);
  dir = mkdtempSync(join(tmpdir(), 'storydiff-bad-'));
});
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name, content) {
  const p = join(dir, `${++seq}-${name}`);
  writeFileSync(p, content);
  return p;
}

// Runs the CLI with a timeout; never a signal, a timeout or a sanitizer report.
function run(args, { seconds = 20, stdinFile } = {}) {
  const out = join(dir, `out-${++seq}`);
  const started = Date.now();
  // Standard input from a file descriptor, not a pipe: the CLI may stop reading early.
  const fd = stdinFile ? openSync(stdinFile, 'r') : null;
  const r = spawnSync(bin, ['-o', out, ...args], {
    stdio: [fd ?? 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    timeout: seconds * 1000 * scale,
    maxBuffer: 1 << 20,
    env: { ...process.env, NO_COLOR: '1' },
  });
  const ms = Date.now() - started;
  if (fd !== null) closeSync(fd);
  assert.notEqual(r.error?.code, 'ETIMEDOUT', `storydiff ${args.join(' ')} hung (killed after ${ms} ms)`);
  assert.equal(r.error, undefined, String(r.error));
  assert.equal(r.signal, null, `storydiff ${args.join(' ')} died of ${r.signal}: ${r.stderr}`);
  assert.doesNotMatch(r.stderr, /Sanitizer|runtime error:|==\d+==/, r.stderr.slice(0, 2000));
  const body = existsSync(out) ? readFileSync(out) : Buffer.alloc(0);
  return { code: r.status, err: r.stderr, body, ms };
}

// Exit 2 with one line on stderr that names the file (or option) and the problem.
function trouble(args, pattern, opts) {
  const r = run(args, opts);
  assert.equal(r.code, 2, `exit code of storydiff ${args.join(' ')}: ${r.err}`);
  const lines = r.err.trimEnd().split('\n');
  assert.equal(lines.length, 1, `one line on stderr: ${r.err}`);
  assert.match(lines[0], /^storydiff: /);
  assert.match(lines[0], pattern);
  return lines[0];
}

// Compares two inputs (paths) as JSON; checks the result; also renders text and HTML.
function compareOk(a, b, { texts, args = [], seconds, renders = true } = {}) {
  const r = run(['-f', 'json', ...args, a, b], { seconds });
  assert.ok(r.code === 0 || r.code === 1, `exit 0 or 1, got ${r.code}: ${r.err}`);
  const j = checkResult(r.body, texts ?? [textAsRead(readFileSync(a)), textAsRead(readFileSync(b))]);
  const differ = j.stats.modified + j.stats.added + j.stats.removed + j.stats.moved > 0;
  assert.equal(r.code, differ ? 1 : 0, 'exit code says whether the claims differ');
  if (renders) {
    for (const f of ['text', 'html']) {
      const o = run(['-f', f, ...args, a, b], { seconds });
      assert.equal(o.code, r.code, `--format ${f} exits as json does`);
    }
  }
  return j;
}

test('empty and whitespace-only inputs are documents without claims', () => {
  const inputs = emptyInputs();
  const empty = file('empty.txt', inputs.empty);
  const white = file('white.txt', inputs.white);
  const text = file('text.txt', inputs.text);
  assert.equal(compareOk(empty, empty).documents[0].sentences.length, 0);
  const w = compareOk(white, empty);
  assert.equal(w.documents[0].sentences.length, 0);
  assert.equal(compareOk(empty, text).stats.added, 4);
  assert.equal(compareOk(text, white).stats.removed, 4);
  for (const fmt of ['html', 'markdown', 'article']) compareOk(empty, white, { args: ['--input-format', fmt], texts: [null, null] });
});

test('identical files: exit 0, every claim equal', () => {
  const { small, big } = identicalInputs();
  const a = file('same-a.txt', small);
  const b = file('same-b.txt', small);
  const j = compareOk(a, b);
  assert.equal(j.stats.equal, j.documents[0].sentences.length);
  assert.equal(j.stats.equal, 4);
  const k = compareOk(file('same-big-a.txt', big), file('same-big-b.txt', big));
  assert.equal(k.stats.equal, k.stats.old_sentences);
});

test('NUL bytes: exit 2, looks binary, with the offset', () => {
  const inputs = nulInputs();
  const ok = file('ok.txt', PROSE);
  const nul = file('nul.txt', inputs.nul);
  trouble([nul, ok], /nul\.txt: looks binary \(NUL byte at offset 19\)$/);
  trouble([ok, nul], /nul\.txt: looks binary/);
  // --replace-invalid repairs encodings, not binary files.
  trouble(['--replace-invalid', nul, ok], /looks binary/);
  trouble([file('only-nul.txt', inputs.onlyNul), ok], /looks binary \(NUL byte at offset 0\)/);
});

test('invalid UTF-8: exit 2 naming the byte; --replace-invalid gives U+FFFD at the right offsets', () => {
  const ok = file('ok.txt', PROSE);
  for (const [name, parts] of Object.entries(INVALID_UTF8)) {
    const bytes = Buffer.concat(parts);
    const bad = Buffer.from(parts[0]).length;
    const p = file(`${name}.txt`, bytes);
    trouble([p, ok], new RegExp(`${name}\\.txt: invalid UTF-8 at byte ${bad}$`));
    const j = compareOk(p, ok, { args: ['--replace-invalid'] });
    assert.ok(j.warnings.some((w) => w.includes(`${name}.txt`) && /U\+FFFD/.test(w)), `a warning for ${name}`);
    assert.ok(j.documents[0].sentences.some((s) => s.text.includes('\ufffd')), `U+FFFD in ${name}`);
  }
});

test('UTF-16 with a BOM (LE and BE) reads as the same claims as UTF-8', () => {
  const inputs = utf16Inputs();
  const utf8 = file('u8.txt', inputs.utf8);
  const le = file('le.txt', inputs.le);
  const be = file('be.txt', inputs.be);
  for (const p of [le, be]) {
    const j = compareOk(p, utf8);
    assert.equal(j.stats.equal, j.stats.old_sentences, 'same claims as the UTF-8 file');
    assert.ok(j.stats.old_sentences >= 3);
    assert.ok(j.warnings.some((w) => /UTF-16(LE|BE) to UTF-8/.test(w)));
  }
  // Broken UTF-16: an unpaired surrogate, an odd byte count.
  const lone = file('lone.txt', inputs.lone);
  trouble([lone, utf8], /lone\.txt: invalid UTF-16LE at byte 6 \(unpaired surrogate\)$/);
  compareOk(lone, utf8, { args: ['--replace-invalid'] });
  const odd = file('odd.txt', inputs.odd);
  trouble([odd, utf8], /odd\.txt: invalid UTF-16BE at byte 4 \(odd number of bytes\)$/);
  trouble([file('u32.txt', inputs.utf32), utf8], /UTF-32 text is not supported/);
  // A UTF-8 BOM is dropped: offsets index the text without it.
  const bom = file('bom.txt', inputs.bom);
  const j = compareOk(bom, file('nobom.txt', inputs.nobom));
  assert.equal(j.documents[0].sentences[0].start, 0);
  assert.equal(j.stats.equal, 4);
});

test('CRLF and lone CR line ends read as LF', () => {
  const inputs = lineEndInputs();
  const lf = file('lf.txt', inputs.lf);
  const crlf = file('crlf.txt', inputs.crlf);
  const cr = file('cr.txt', inputs.cr);
  const mixed = file('mixed.txt', inputs.mixed);
  for (const p of [crlf, cr, mixed]) {
    const j = compareOk(p, lf);
    assert.equal(j.stats.equal, 4, `${p}: same claims`);
  }
});

test('a 50 MB file: works within --max-size 64M (the default), fails cleanly above a limit', () => {
  const { big, edited } = bigInputs();
  assert.ok(big.length >= 50 * 1024 * 1024 && big.length < 64 * 1024 * 1024);
  const a = file('big-a.txt', big);
  const b = file('big-b.txt', edited);
  const texts = [Buffer.from(big), Buffer.from(edited)];
  const j = compareOk(a, b, { texts, args: ['--max-size', '64M'], seconds: 180, renders: false });
  assert.ok(j.stats.old_sentences > 100_000);
  assert.ok(j.stats.modified > 0);
  assert.equal(run(['--brief', a, b], { seconds: 180 }).code, 1, 'the default limit (64M) takes it too');
  trouble(['--max-size', '10M', a, b], /big-a\.txt: larger than the limit of 10485760 bytes \(raise it with --max-size\)$/);
  trouble(['--max-size', '10M', '-', b], /standard input: larger than the limit/, { stdinFile: a });
  // Above the default: refused before reading (a sparse 65 MB file costs no disk).
  const huge = join(dir, 'huge.txt');
  const fd = openSync(huge, 'w');
  ftruncateSync(fd, HUGE_BYTES);
  closeSync(fd);
  const line = trouble([huge, a], /huge\.txt: larger than the limit of 67108864 bytes/);
  assert.match(line, /--max-size/);
});

test('one 10 MB line with no sentence end', () => {
  const { words, changed } = longLineInputs();
  const a = file('line-a.txt', words);
  const b = file('line-b.txt', changed);
  const j = compareOk(a, b, { seconds: 60, renders: false, texts: [Buffer.from(words), Buffer.from(changed)] });
  assert.equal(j.stats.old_sentences, 1);
  assert.equal(j.stats.modified, 1);
});

test('100,000 one-word sentences', () => {
  const inputs = oneWordInputs();
  const j = compareOk(file('words-a.txt', inputs.a), file('words-b.txt', inputs.b), { seconds: 60, renders: false });
  assert.equal(j.stats.old_sentences, 100_000);
  assert.equal(j.stats.removed, 100);
  const k = compareOk(file('lines-a.txt', inputs.lines), file('lines-b.txt', inputs.paragraphs), { seconds: 60, renders: false });
  assert.equal(k.stats.equal, 100_000);
});

test('CJK and Thai without spaces', () => {
  const c = cjkInputs();
  const j = compareOk(file('zh-a.txt', c.zh), file('zh-b.txt', c.zh2));
  assert.equal(j.stats.old_sentences, 4);
  assert.equal(j.stats.modified, 1);
  compareOk(file('ja-a.txt', c.ja), file('ja-b.txt', c.ja2));
  compareOk(file('th-a.txt', c.th), file('th-b.txt', c.th2));
  // Without any break at all: one long run of ideographs.
  compareOk(file('zh-long-a.txt', c.zhLong), file('zh-long-b.txt', c.zhLong2), { seconds: 60, renders: false });
});

test('right-to-left text, with bidi controls', () => {
  const r = rtlInputs();
  const j = compareOk(file('ar-a.txt', r.ar), file('ar-b.txt', r.ar2));
  assert.equal(j.stats.old_sentences, 3);
  compareOk(file('he-a.txt', r.he), file('he-b.txt', r.he2));
  // Overrides and isolates that reorder what a reader sees stay bytes of the text.
  compareOk(file('bidi-a.txt', r.bidi), file('bidi-b.txt', r.bidi2));
});

test('emoji and combining marks stay whole', () => {
  const e = emojiInputs();
  const j = compareOk(file('emoji-a.txt', e.a), file('emoji-b.txt', e.b));
  assert.ok(j.stats.modified >= 2);
  // A letter with 10,000 combining marks, and a run of 20,000 emoji.
  compareOk(file('zalgo-a.txt', e.zalgo), file('zalgo-b.txt', e.zalgo2), { seconds: 30 });
});

test('HTML nested 100,000 levels deep', () => {
  for (const [name, html] of Object.entries(deepHtmlInputs())) {
    const p = file(`deep-${name}.html`, html);
    const j = compareOk(p, file(`deep-${name}-b.html`, deepEdit(html)), { texts: [null, null], seconds: 60, renders: false });
    for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, /[<>]|alert/, `${name}: no markup in the text`);
  }
});

test('unclosed and malformed HTML', () => {
  const other = file('plain.html', PLAIN_HTML);
  MALFORMED_HTML.forEach((html, k) => {
    const j = compareOk(file(`bad-${k}.html`, html), other, { texts: [null, null] });
    for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, MALFORMED_LEAK);
  });
});

test('HTML full of scripts: nothing of them reaches the text', () => {
  const { html, html2 } = scriptsHtmlInputs();
  const j = compareOk(file('scripts-a.html', html), file('scripts-b.html', html2), { texts: [null, null], seconds: 60, renders: false });
  assert.ok(j.stats.old_sentences >= 10_000);
  for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, SCRIPT_LEAK);
});

test('determinism: byte-identical JSON across runs and whatever the option order', () => {
  const pairs = [
    ['samples/harbor-ferry-fire/v1.txt', 'samples/harbor-ferry-fire/outlet.html'],
    ['samples/city-budget-vote/v1.txt', 'samples/city-budget-vote/v2.txt'],
    ['samples/rail-strike-talks/v1.txt', 'samples/rail-strike-talks/outlet.md'],
  ].map(([a, b]) => [join(root, a), join(root, b)]);
  const big = prose(2 * 1024 * 1024, 9);
  pairs.push([file('det-a.txt', big), file('det-b.txt', big.replace(/bridge/g, 'span').replace(/\n\n/g, (m, at) => (at % 5 ? m : '\n\nNew paragraph here.\n\n')))]);
  for (const [a, b] of pairs) {
    const orders = [
      ['-f', 'json', '--ignore-case', '--no-moves', '--threshold', '0.3', a, b],
      ['--threshold=0.3', '--no-moves', '-i', '--format=json', a, b],
      [a, '--no-moves', b, '-t', '0.3', '-f', 'json', '--ignore-case', '--max-size', '64M'],
    ];
    const first = run(orders[0], { seconds: 60 });
    assert.ok(first.code === 0 || first.code === 1, first.err);
    assert.ok(first.body.length > 0);
    for (const args of [orders[0], ...orders.slice(1)]) {
      const again = run(args, { seconds: 60 });
      assert.equal(again.code, first.code);
      assert.ok(again.body.equals(first.body), `identical JSON for ${args.join(' ')}`);
    }
    // Pretty output is the same document.
    const pretty = run(['--pretty', ...orders[0]], { seconds: 60 });
    assert.deepEqual(JSON.parse(pretty.body.toString()), JSON.parse(first.body.toString()));
  }
});
