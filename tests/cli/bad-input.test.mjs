// The bad-input matrix for the native CLI (and through it the engine): every hostile or odd input
// gives either a valid result (exit 0 or 1, JSON that parses, every sentence's offsets on UTF-8
// boundaries of the text as the engine read it and its text equal to those bytes, every sentence
// in exactly one alignment entry) or exit 2 with one clear line — never a crash, a sanitizer
// report, a hang (each run has a timeout) or a wrong offset. The inputs are generated into a
// temporary folder; nothing large is committed.
// STORYDIFF picks the binary (default build/storydiff); STORYDIFF_TIMEOUT_SCALE multiplies the
// timeouts (scripts/test-sanitize.sh sets it for the slower ASan build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, rmSync, openSync, ftruncateSync, closeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

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

// What the engine's text is for plain text input: UTF-8 (UTF-16 converted, invalid sequences
// replaced as the WHATWG decoder does), BOM dropped, CRLF and lone CR made LF.
function textAsRead(bytes) {
  let s;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) s = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) s = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else s = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return Buffer.from(s.replace(/\r\n?/g, '\n'), 'utf8');
}

const isBoundary = (buf, i) => i >= buf.length || (buf[i] & 0xc0) !== 0x80;

// A comparison result checked against the texts as read (a Buffer, or null when the engine
// extracted the text, as from HTML: then only the offsets' consistency can be checked).
function checkResult(body, texts) {
  const j = JSON.parse(body.toString('utf8'));
  assert.equal(j.version, 1);
  assert.equal(j.documents.length, 2);
  const seen = [];
  j.documents.forEach((d, k) => {
    const buf = texts[k];
    let prev = 0;
    for (const s of d.sentences) {
      assert.ok(s.start < s.end && s.start >= prev, `sentences ordered and non-empty: ${JSON.stringify(s).slice(0, 200)}`);
      prev = s.end;
      // The sentence text is whole characters: re-encoded, it has exactly the span's length.
      assert.equal(Buffer.byteLength(s.text, 'utf8'), s.end - s.start, 'sentence text length = end - start');
      if (buf) {
        assert.ok(s.end <= buf.length, 'inside the text');
        assert.ok(isBoundary(buf, s.start) && isBoundary(buf, s.end), `offsets on UTF-8 boundaries: ${s.start}, ${s.end}`);
        assert.ok(buf.subarray(s.start, s.end).equals(Buffer.from(s.text, 'utf8')), `text = bytes [start, end) at ${s.start}`);
      }
    }
    seen.push(new Uint8Array(d.sentences.length));
  });
  const stats = { equal: 0, modified: 0, added: 0, removed: 0 };
  for (const e of j.alignment) {
    stats[e.op]++;
    for (const i of e.a) seen[0][i]++;
    for (const i of e.b) seen[1][i]++;
    if (e.op !== 'modified') continue;
    // The word diff rebuilds both spans.
    const old = e.tokens.filter((t) => t.op !== 'insert').map((t) => t.text).join('');
    const neu = e.tokens.filter((t) => t.op !== 'delete').map((t) => t.text).join('');
    const span = (k, idx) => {
      const ss = j.documents[k].sentences;
      const first = ss[idx[0]], last = ss[idx[idx.length - 1]];
      if (texts[k]) return texts[k].subarray(first.start, last.end).toString('utf8');
      return idx.length === 1 ? first.text : null;
    };
    const a = span(0, e.a), b = span(1, e.b);
    if (a !== null) assert.equal(old, a, 'tokens rebuild the old span');
    if (b !== null) assert.equal(neu, b, 'tokens rebuild the new span');
  }
  for (const s of seen) assert.ok(s.every((n) => n === 1), 'every sentence in exactly one entry');
  for (const op of Object.keys(stats)) assert.equal(j.stats[op], stats[op], `stats.${op}`);
  assert.equal(j.stats.old_sentences, j.documents[0].sentences.length);
  assert.equal(j.stats.new_sentences, j.documents[1].sentences.length);
  return j;
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

const PROSE = 'The council approved the budget on Monday, officials said.\nThe vote was 7 to 2.\n\nMayor Ana Ruiz called it “a fair plan.” Critics disagreed.\n';
const PROSE2 = 'The council approved the budget on Tuesday, officials said.\nThe vote was 7 to 2.\n\nMayor Ana Ruiz called it “a fair plan.” Critics were not convinced.\n';

// A seeded generator of news-like prose: the same bytes every run.
function prose(bytes, seed = 1, { minWords = 6, spread = 20 } = {}) {
  let x = seed >>> 0;
  const rnd = (n) => {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    return x % n;
  };
  const words = ['council', 'budget', 'officials', 'said', 'the', 'a', 'of', 'vote', 'mayor', 'plan', 'river',
    'bridge', 'crews', 'repairs', 'residents', 'night', 'déjà', 'naïve', 'café', 'report', 'million', 'police',
    'school', 'storm', 'power', 'lines', 'across', 'north', 'district', 'week', 'fire', 'Zürich', 'São'];
  const names = ['Ruiz', 'Okafor', 'Nguyen', 'Müller', 'Haddad', 'Kowalski', 'Øster'];
  const parts = [];
  let size = 0;
  while (size < bytes) {
    let para = '';
    const n = 1 + rnd(4);
    for (let s = 0; s < n; s++) {
      const len = minWords + rnd(spread);
      const w = [];
      for (let k = 0; k < len; k++) w.push(words[rnd(words.length)]);
      w[0] = w[0][0].toUpperCase() + w[0].slice(1);
      if (rnd(3) === 0) w.push(`${rnd(1000)},${String(rnd(1000)).padStart(3, '0')}`);
      let sentence = w.join(' ');
      sentence += rnd(4) === 0 ? `, ${names[rnd(names.length)]} said.` : '.';
      if (rnd(6) === 0) sentence = `“${sentence}”`;
      para += (s ? ' ' : '') + sentence;
    }
    parts.push(para);
    size += Buffer.byteLength(para) + 2;
  }
  return parts.join('\n\n') + '\n';
}

test('empty and whitespace-only inputs are documents without claims', () => {
  const empty = file('empty.txt', '');
  const white = file('white.txt', ' \t\n\n   \n\u00a0\u3000\u2028\n');
  const text = file('text.txt', PROSE);
  assert.equal(compareOk(empty, empty).documents[0].sentences.length, 0);
  const w = compareOk(white, empty);
  assert.equal(w.documents[0].sentences.length, 0);
  assert.equal(compareOk(empty, text).stats.added, 4);
  assert.equal(compareOk(text, white).stats.removed, 4);
  for (const fmt of ['html', 'markdown', 'article']) compareOk(empty, white, { args: ['--input-format', fmt], texts: [null, null] });
});

test('identical files: exit 0, every claim equal', () => {
  const a = file('same-a.txt', PROSE);
  const b = file('same-b.txt', PROSE);
  const j = compareOk(a, b);
  assert.equal(j.stats.equal, j.documents[0].sentences.length);
  assert.equal(j.stats.equal, 4);
  const big = prose(200_000, 7);
  const k = compareOk(file('same-big-a.txt', big), file('same-big-b.txt', big));
  assert.equal(k.stats.equal, k.stats.old_sentences);
});

test('NUL bytes: exit 2, looks binary, with the offset', () => {
  const ok = file('ok.txt', PROSE);
  const nul = file('nul.txt', Buffer.concat([Buffer.from('The vote was close.'), Buffer.from([0]), Buffer.from(' More text.\n')]));
  trouble([nul, ok], /nul\.txt: looks binary \(NUL byte at offset 19\)$/);
  trouble([ok, nul], /nul\.txt: looks binary/);
  // --replace-invalid repairs encodings, not binary files.
  trouble(['--replace-invalid', nul, ok], /looks binary/);
  trouble([file('only-nul.txt', Buffer.alloc(1000)), ok], /looks binary \(NUL byte at offset 0\)/);
});

test('invalid UTF-8: exit 2 naming the byte; --replace-invalid gives U+FFFD at the right offsets', () => {
  const ok = file('ok.txt', PROSE);
  const cases = {
    'overlong-2': [Buffer.from('Prices rose '), Buffer.from([0xc0, 0xaf]), Buffer.from(' sharply.\n')],
    'overlong-3': [Buffer.from('Prices rose '), Buffer.from([0xe0, 0x80, 0xaf]), Buffer.from(' sharply.\n')],
    'overlong-4': [Buffer.from('Prices rose '), Buffer.from([0xf0, 0x80, 0x80, 0xaf]), Buffer.from(' sharply.\n')],
    surrogate: [Buffer.from('Prices rose '), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from(' sharply.\n')],
    'surrogate-pair': [Buffer.from('Prices rose '), Buffer.from([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]), Buffer.from(' sharply.\n')],
    'above-10ffff': [Buffer.from('Prices rose '), Buffer.from([0xf4, 0x90, 0x80, 0x80]), Buffer.from(' sharply.\n')],
    'truncated-mid': [Buffer.from('Prices rose '), Buffer.from([0xe2, 0x82]), Buffer.from(' sharply.\n')],
    'truncated-end': [Buffer.from('Prices rose sharply. '), Buffer.from([0xf0, 0x9f, 0x98])],
    'lone-continuation': [Buffer.from('Prices rose '), Buffer.from([0x80, 0xbf]), Buffer.from(' sharply.\n')],
    'bytes-f5-ff': [Buffer.from('Prices rose '), Buffer.from([0xf5, 0xf8, 0xfc, 0xfe, 0xff]), Buffer.from(' sharply.\n')],
    latin1: [Buffer.from('Caf'), Buffer.from([0xe9]), Buffer.from(' prices rose. Na'), Buffer.from([0xef]), Buffer.from('ve.\n')],
  };
  for (const [name, parts] of Object.entries(cases)) {
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
  const text = 'Floodwaters rose overnight in the valley. “We lost everything,” said Ana Ruiz.\r\nCrews from 日本 and München helped 🚒.\n';
  const utf8 = file('u8.txt', text);
  const le = file('le.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
  const beBytes = Buffer.from(text, 'utf16le');
  beBytes.swap16();
  const be = file('be.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes]));
  for (const p of [le, be]) {
    const j = compareOk(p, utf8);
    assert.equal(j.stats.equal, j.stats.old_sentences, 'same claims as the UTF-8 file');
    assert.ok(j.stats.old_sentences >= 3);
    assert.ok(j.warnings.some((w) => /UTF-16(LE|BE) to UTF-8/.test(w)));
  }
  // Broken UTF-16: an unpaired surrogate, an odd byte count.
  const lone = file('lone.txt', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ab', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('cd.', 'utf16le')]));
  trouble([lone, utf8], /lone\.txt: invalid UTF-16LE at byte 6 \(unpaired surrogate\)$/);
  compareOk(lone, utf8, { args: ['--replace-invalid'] });
  const odd = file('odd.txt', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0x00, 0x41, 0x00])]));
  trouble([odd, utf8], /odd\.txt: invalid UTF-16BE at byte 4 \(odd number of bytes\)$/);
  trouble([file('u32.txt', Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0])), utf8], /UTF-32 text is not supported/);
  // A UTF-8 BOM is dropped: offsets index the text without it.
  const bom = file('bom.txt', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROSE)]));
  const j = compareOk(bom, file('nobom.txt', PROSE));
  assert.equal(j.documents[0].sentences[0].start, 0);
  assert.equal(j.stats.equal, 4);
});

test('CRLF and lone CR line ends read as LF', () => {
  const lf = file('lf.txt', PROSE);
  const crlf = file('crlf.txt', PROSE.replace(/\n/g, '\r\n'));
  const cr = file('cr.txt', PROSE.replace(/\n/g, '\r'));
  const mixed = file('mixed.txt', PROSE.replace(/\n/, '\r\n').replace(/\n\n/, '\r\r'));
  for (const p of [crlf, cr, mixed]) {
    const j = compareOk(p, lf);
    assert.equal(j.stats.equal, 4, `${p}: same claims`);
  }
});

test('a 50 MB file: works within --max-size 64M (the default), fails cleanly above a limit', () => {
  // 2 MB of distinct prose with long sentences (fewer, larger JSON objects to check), made
  // 50 MB by copies whose paragraphs each open with a different sentence.
  const chunk = prose(2 * 1024 * 1024, 42, { minWords: 30, spread: 40 });
  const copies = [];
  for (let k = 0; copies.length * chunk.length < 50 * 1024 * 1024; k++) {
    copies.push(chunk.replace(/\n\n/g, () => `\n\nBulletin ${k} follows. `));
  }
  const big = copies.join('\n\n');
  const edited = big.replace(/council/g, (m, at) => (at % 97 === 0 ? 'assembly' : m));
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
  ftruncateSync(fd, 65 * 1024 * 1024);
  closeSync(fd);
  const line = trouble([huge, a], /huge\.txt: larger than the limit of 67108864 bytes/);
  assert.match(line, /--max-size/);
});

test('one 10 MB line with no sentence end', () => {
  const words = prose(10 * 1024 * 1024, 3).replace(/[.\n“”]/g, ' ');
  const changed = words.slice(0, 5_000_000) + ' inserted words here ' + words.slice(5_000_000);
  const a = file('line-a.txt', words);
  const b = file('line-b.txt', changed);
  const j = compareOk(a, b, { seconds: 60, renders: false, texts: [Buffer.from(words), Buffer.from(changed)] });
  assert.equal(j.stats.old_sentences, 1);
  assert.equal(j.stats.modified, 1);
});

test('100,000 one-word sentences', () => {
  const syll = ['ka', 'lo', 'mi', 'ra', 'te', 'vu', 'zo', 'ne', 'shi', 'dar'];
  const word = (n) => {
    let i = n + 100_000;  // six syllables: never mistaken for initials or an abbreviation
    let w = '';
    do {
      w += syll[i % 10];
      i = Math.floor(i / 10);
    } while (i > 0);
    return w[0].toUpperCase() + w.slice(1);
  };
  const one = Array.from({ length: 100_000 }, (_, i) => `${word(i)}.`);
  const a = one.join(' ') + '\n';
  const two = one.filter((_, i) => i % 1000 !== 0);
  const b = two.join(' ') + '\n';
  const j = compareOk(file('words-a.txt', a), file('words-b.txt', b), { seconds: 60, renders: false });
  assert.equal(j.stats.old_sentences, 100_000);
  assert.equal(j.stats.removed, 100);
  const k = compareOk(file('lines-a.txt', one.join('\n')), file('lines-b.txt', one.join('\n\n')), { seconds: 60, renders: false });
  assert.equal(k.stats.equal, 100_000);
});

test('CJK and Thai without spaces', () => {
  const zh = '今天上午市议会通过了预算。投票结果为七比二！市长表示这是一个公平的计划？批评者不同意。';
  const zh2 = '今天下午市议会通过了预算。投票结果为七比二！市长表示这是一个公平的计划？批评者不同意。';
  const ja = '東京で地震がありました。けが人はいません。電車は止まっています';
  const th = 'สภาเมืองอนุมัติงบประมาณเมื่อวันจันทร์ ผลการลงคะแนนคือเจ็ดต่อสอง นายกเทศมนตรีกล่าวว่าเป็นแผนที่ยุติธรรม';
  const th2 = 'สภาเมืองอนุมัติงบประมาณเมื่อวันอังคาร ผลการลงคะแนนคือเจ็ดต่อสอง นายกเทศมนตรีกล่าวว่าเป็นแผนที่ยุติธรรม';
  const j = compareOk(file('zh-a.txt', zh), file('zh-b.txt', zh2));
  assert.equal(j.stats.old_sentences, 4);
  assert.equal(j.stats.modified, 1);
  compareOk(file('ja-a.txt', ja), file('ja-b.txt', ja.replace('東京', '大阪')));
  compareOk(file('th-a.txt', th), file('th-b.txt', th2));
  // Without any break at all: one long run of ideographs.
  compareOk(file('zh-long-a.txt', '中'.repeat(300_000)), file('zh-long-b.txt', '中'.repeat(150_000) + '国' + '中'.repeat(150_000)), { seconds: 60, renders: false });
});

test('right-to-left text, with bidi controls', () => {
  const ar = 'وافق المجلس على الميزانية يوم الاثنين. كانت النتيجة سبعة مقابل اثنين؟ قال العمدة إنها خطة عادلة.';
  const ar2 = 'وافق المجلس على الميزانية يوم الثلاثاء. كانت النتيجة سبعة مقابل اثنين؟ قال العمدة إنها خطة عادلة.';
  const he = 'המועצה אישרה את התקציב ביום שני. התוצאה הייתה שבעה מול שניים. ראש העיר אמר שזו תוכנית הוגנת.';
  const j = compareOk(file('ar-a.txt', ar), file('ar-b.txt', ar2));
  assert.equal(j.stats.old_sentences, 3);
  compareOk(file('he-a.txt', he), file('he-b.txt', he.replace('שני', 'שלישי')));
  // Overrides and isolates that reorder what a reader sees stay bytes of the text.
  const tricky = 'The file is \u202Egnp.exe\u202C here. Name: \u2067\u05e9\u05dc\u05d5\u05dd\u2069 said hi. \u200fRLM\u200e marks.';
  compareOk(file('bidi-a.txt', tricky), file('bidi-b.txt', tricky.replace('hi', 'bye')));
});

test('emoji and combining marks stay whole', () => {
  const a = 'Firefighters 👩‍🚒👨🏽‍🚒 arrived. Flags 🇺🇦🇵🇱 flew. The café (cafe\u0301) reopened. Z\u0351\u0352\u0353\u0354algo text. Family 👨‍👩‍👧‍👦 safe.';
  const b = a.replace('arrived', 'left').replace('reopened', 'closed');
  const j = compareOk(file('emoji-a.txt', a), file('emoji-b.txt', b));
  assert.ok(j.stats.modified >= 2);
  // A letter with 10,000 combining marks, and a run of 20,000 emoji.
  const zalgo = 'Storm e' + '\u0301\u0302\u0303\u0304'.repeat(2500) + ' hit. ' + '😀'.repeat(20_000) + '. End.';
  compareOk(file('zalgo-a.txt', zalgo), file('zalgo-b.txt', zalgo.replace('hit', 'missed')), { seconds: 30 });
});

test('HTML nested 100,000 levels deep', () => {
  const N = 100_000;
  const deep = (open, close, inner) => `<html><body>${open.repeat(N)}${inner}${close.repeat(N)}</body></html>`;
  const pages = {
    div: deep('<div>', '</div>', '<p>The council approved the budget. The vote was 7 to 2.</p>'),
    inline: deep('<b><i>', '</i></b>', 'The council approved the budget. The vote was 7 to 2.'),
    article: deep('<article><p>Level text here.</p>', '</article>', '<p>The council approved the budget.</p>'),
    list: deep('<ul><li>', '</li></ul>', 'The council approved the budget.'),
    unclosed: `<html><body>${'<div><span><p>The vote was 7 to 2. '.repeat(N)}`,
    script: deep('<div><script>', '</script></div>', 'alert(1)'),
  };
  for (const [name, html] of Object.entries(pages)) {
    const p = file(`deep-${name}.html`, html);
    const j = compareOk(p, file(`deep-${name}-b.html`, html.replace('7 to 2', '6 to 3')), { texts: [null, null], seconds: 60, renders: false });
    for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, /[<>]|alert/, `${name}: no markup in the text`);
  }
});

test('unclosed and malformed HTML', () => {
  const pages = [
    '<p>The council approved the budget <b>on Monday <i>officials said.',
    '<html><head><title>Budget',
    '<p>Before the script.</p><script>document.write("<p>Injected.</p>")',
    '<p>Before the comment.</p><!-- never closed <p>Hidden.</p>',
    '<p>Attribute <a href="never closed>Text.</p> more',
    '<p>Text ends with a stray <',
    '<p>Entities &amp &lt;b&gt; &#xFFFFFF; &#0; &#55296; &#x110000; &bogus; &',
    '<![CDATA[ never closed <p>x</p>',
    '<style>p { color: red }',
    '<p>' + '<'.repeat(50_000) + ' lots of angle brackets.</p>',
    '</p></div></body></html> closing tags only.',
  ];
  const other = file('plain.html', '<p>The council approved the budget on Monday, officials said.</p>');
  pages.forEach((html, k) => {
    const j = compareOk(file(`bad-${k}.html`, html), other, { texts: [null, null] });
    for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, /Injected|Hidden|document\.write|color: red/);
  });
});

test('HTML full of scripts: nothing of them reaches the text', () => {
  const parts = [];
  for (let k = 0; k < 10_000; k++) {
    parts.push(`<script>var x${k} = "</p><p>alert(${k})"; if (a < b && c > d) { steal(); }</script>`);
    parts.push(`<p onclick="alert(${k})">Paragraph ${k} of the story is here.</p>`);
    if (k % 100 === 0) parts.push(`<SCRIPT type="module">import("//evil.example/${k}.js")</SCRIPT><noscript>Enable JS</noscript><style>*{}</style>`);
  }
  const html = `<html><body><article>${parts.join('\n')}</article></body></html>`;
  const j = compareOk(file('scripts-a.html', html), file('scripts-b.html', html.replace('Paragraph 5 ', 'Paragraph five ')), { texts: [null, null], seconds: 60, renders: false });
  assert.ok(j.stats.old_sentences >= 10_000);
  for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, /alert|steal|evil|import|Enable JS|\{/);
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
