// The package's JavaScript API (dist/storydiff.mjs): init, compare, read, options, every error
// code, and the result contract on the samples.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';

import { checkContract, loadPackage, offsetsText, readRel, root, samplePairs, storyGroups } from './helpers.mjs';

const sd = await loadPackage();

/** Asserts that fn throws a StorydiffError with `code` and a message matching `message`. */
function throwsCode(fn, code, message) {
  assert.throws(fn, (e) => {
    assert.ok(e instanceof sd.StorydiffError, `a StorydiffError, not ${e?.constructor?.name}: ${e?.message}`);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'StorydiffError');
    assert.equal(e.code, code, `code of "${e.message}"`);
    if (message) assert.match(e.message, message);
    return true;
  });
}

describe('init', () => {
  test('calls before init throw not_initialized', async () => {
    const fresh = await loadPackage('before-init');
    for (const call of [
      () => fresh.compare('a.', 'b.'),
      () => fresh.compareToJson('a.', 'b.'),
      () => fresh.read('a.'),
      () => fresh.resolveOptions(),
    ]) {
      assert.throws(call, (e) => e instanceof fresh.StorydiffError && e.code === 'not_initialized' && /await init\(\)/.test(e.message));
    }
    // Argument errors do not hide the missing init.
    assert.throws(() => fresh.compare(42, null, 'bad'), (e) => e.code === 'not_initialized');
  });

  test('many concurrent calls share one module instance', async () => {
    const fresh = await loadPackage('concurrent');
    let created = 0;
    const calls = Array.from({ length: 25 }, (_, k) =>
      fresh.init(k === 0 ? { preRun: [() => { created += 1; }] } : { preRun: [() => { created += 100; }] }));
    const values = await Promise.all(calls);
    assert.equal(created, 1, 'the first call\'s options made the only instance');
    assert.ok(values.every((v) => v === undefined));
    await fresh.init();
    await fresh.init({ preRun: [() => { created += 1000; }] });
    assert.equal(created, 1, 'a later init() reuses the loaded instance');
    assert.equal(fresh.compare('Same text.', 'Same text.').stats.equal, 1);
  });

  test('init once, then synchronous calls', async () => {
    await sd.init();
    assert.equal(sd.compare('One. Two.', 'One. Two.').stats.equal, 2);
  });

  test('a failed init rejects, and a later init retries', async () => {
    const fresh = await loadPackage('failing');
    const printed = [];
    await assert.rejects(
      fresh.init({ wasmBinary: new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]), printErr: (t) => printed.push(t) }),
      (e) => e instanceof fresh.StorydiffError && e.code === 'internal' && /could not load/.test(e.message),
    );
    assert.ok(printed.length > 0, 'diagnostics go to the caller\'s printErr');
    assert.throws(() => fresh.compare('a.', 'b.'), (e) => e.code === 'not_initialized');
    await fresh.init();
    assert.equal(fresh.compare('a b c.', 'a b c.').stats.equal, 1);
  });

  test('init accepts the caller\'s wasmBinary and locateFile', async () => {
    const bytes = readFileSync(join(root, 'dist', 'storydiff.wasm'));
    const a = await loadPackage('wasm-binary');
    await a.init({ wasmBinary: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) });
    assert.equal(a.compare('x y.', 'x y.').stats.equal, 1);
    // locateFile alone, in Node: the glue then reads nothing itself, so pass both as a bundler
    // setup would (locateFile is asked for the file name, wasmBinary supplies the bytes).
    const b = await loadPackage('locate-file');
    const asked = [];
    await b.init({ wasmBinary: bytes, locateFile: (path, prefix) => { asked.push(path); return prefix + path; } });
    assert.equal(b.compare('x y.', 'x y.').stats.equal, 1);
    assert.ok(asked.includes('storydiff.wasm'), `the glue asks for storydiff.wasm (asked: ${asked})`);
  });

  test('version is the package\'s', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    assert.equal(sd.version, pkg.version);
    assert.match(sd.version, /^\d+\.\d+\.\d+$/);
  });
});

describe('compare', () => {
  for (const pair of samplePairs()) {
    test(`${pair.old} vs ${pair.new}: the result contract`, () => {
      const a = readRel(pair.old);
      const b = readRel(pair.new);
      const r = sd.compare({ name: pair.old, bytes: a }, { name: pair.new, bytes: b });
      assert.equal(r.version, 1);
      assert.deepEqual(r.documents.map((d) => d.name), [pair.old, pair.new]);
      for (const d of r.documents) {
        assert.ok(['text', 'markdown', 'html', 'article'].includes(d.format), `format ${d.format}`);
        assert.ok(d.sentences.length > 0, `${d.name} has sentences`);
        assert.deepEqual(Object.keys(d.meta), ['title', 'date', 'url']);
      }
      assert.deepEqual(Object.keys(r), ['version', 'options', 'documents', 'alignment', 'stats', 'approximate', 'warnings']);
      assert.deepEqual(Object.keys(r.stats), ['equal', 'modified', 'added', 'removed', 'moved', 'splits', 'merges',
        'old_sentences', 'new_sentences', 'overlap']);
      checkContract(r, [offsetsText(pair.old, a), offsetsText(pair.new, b)]);
      if (pair.new.endsWith('/v2.txt') || pair.new.endsWith('fixtures/v2.txt')) {
        assert.ok(r.stats.modified + r.stats.added + r.stats.removed > 0, 'an update differs');
      }
    });
  }

  test('strings, bytes, ArrayBuffers and document objects give the same result', () => {
    const oldText = 'The toll rose to 23. Rescuers kept digging. "We will not stop," she said.';
    const newText = 'The toll rose to 50. "We will not stop," she said. Rescuers kept digging all night.';
    const enc = new TextEncoder();
    const want = sd.compareToJson(oldText, newText);
    assert.equal(sd.compareToJson(enc.encode(oldText), enc.encode(newText)), want);
    assert.equal(sd.compareToJson(enc.encode(oldText).buffer, Buffer.from(newText)), want);
    assert.equal(sd.compareToJson({ name: 'old', text: oldText }, { bytes: enc.encode(newText) }), want);
    assert.deepEqual(sd.compare(oldText, newText), JSON.parse(want));
    const r = JSON.parse(want);
    assert.deepEqual(r.documents.map((d) => d.name), ['old', 'new']);
    checkContract(r, [Buffer.from(oldText), Buffer.from(newText)]);
    assert.ok(r.alignment.some((e) => e.op === 'modified' && e.callouts.some((c) => c.kind === 'number' && c.old === '23' && c.new === '50')),
      'the changed toll is called out');
  });

  test('names choose the format; an explicit format wins', () => {
    const html = '<html><body><article><p>First claim here. Second claim there.</p></article></body></html>';
    const byName = sd.compare({ name: 'a.html', text: html }, { name: 'b.html', text: html });
    assert.equal(byName.documents[0].format, 'html');
    assert.equal(byName.documents[0].sentences[0].text, 'First claim here.');
    const byFormat = sd.compare(html, html, {}, { format: 'html' });
    assert.equal(byFormat.documents[1].format, 'html');
    const perDocument = sd.compare({ text: html, format: 'text' }, html, {}, { format: 'html' });
    assert.equal(perDocument.documents[0].format, 'text');
    assert.equal(perDocument.documents[1].format, 'html');
  });

  test('options cross with the C++ field names and are echoed in the result', () => {
    const defaults = sd.resolveOptions();
    assert.deepEqual(Object.keys(defaults), ['threshold', 'ignore_case', 'ignore_punctuation', 'detect_splits', 'detect_moves', 'granularity']);
    assert.ok(defaults.threshold > 0 && defaults.threshold <= 1);
    assert.deepEqual({ ...defaults, threshold: 0 },
      { threshold: 0, ignore_case: false, ignore_punctuation: false, detect_splits: true, detect_moves: true, granularity: 'sentence' });
    assert.deepEqual(sd.compare('a.', 'a.').options, defaults);
    const opts = { threshold: 0.6, ignore_case: true, ignore_punctuation: true, detect_splits: false, detect_moves: false, granularity: 'word' };
    assert.deepEqual(sd.resolveOptions(opts), opts);
    assert.deepEqual(sd.compare('a.', 'a.', opts).options, opts);
    assert.equal(sd.compare('The Cat sat on the mat.', 'the cat sat on the mat.', { ignore_case: true }).stats.equal, 1);
    assert.equal(sd.compare('The cat sat on the mat.', 'The cat sat on the mat!', { ignore_punctuation: true }).stats.equal, 1);
    const moved = 'Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu. Nu xi omicron pi.';
    const reordered = 'Nu xi omicron pi. Alpha beta gamma delta. Epsilon zeta eta theta. Iota kappa lambda mu.';
    assert.ok(sd.compare(moved, reordered).stats.moved > 0);
    assert.equal(sd.compare(moved, reordered, { detect_moves: false }).stats.moved, 0);
    // undefined fields are left out, as JSON.stringify does.
    assert.equal(sd.compare('a.', 'a.', { threshold: undefined }).options.threshold, defaults.threshold);
  });

  test('compareToJson indents like the CLI\'s --pretty', () => {
    const pretty = sd.compareToJson('a.', 'b.', {}, {}, { indent: 2 });
    assert.match(pretty, /^\{\n {2}"version": 1,\n/);
    assert.deepEqual(JSON.parse(pretty), sd.compare('a.', 'b.'));
  });
});

describe('compareMany', () => {
  test('two documents: the same as compare()', () => {
    const pair = samplePairs()[0];
    const a = { name: pair.old, bytes: readRel(pair.old) };
    const b = { name: pair.new, bytes: readRel(pair.new) };
    assert.deepEqual(sd.compareMany([a, b]), sd.compare(a, b));
  });

  test('three or more: every sentence of every document in exactly one claim member', () => {
    const groups = storyGroups();
    const stories = groups.length > 0 ? groups : [{ files: ['tests/js/fixtures/v1.txt', 'tests/js/fixtures/v2.txt', 'tests/js/fixtures/outlet.html'] }];
    for (const { files } of stories) {
      const r = sd.compareMany(files.map((f) => ({ name: f, bytes: readRel(f) })));
      assert.deepEqual(r.documents.map((d) => d.name), files);
      assert.equal(r.alignment, undefined);
      assert.equal(r.stats.documents, files.length);
      assert.equal(r.stats.claims, r.claims.length);
      const seen = r.documents.map((d) => new Array(d.sentences.length).fill(0));
      r.claims.forEach((claim, k) => {
        assert.deepEqual(claim.docs, claim.members.map((m) => m.doc));
        assert.ok(claim.docs.includes(claim.representative));
        for (const m of claim.members) for (const i of m.sentences) seen[m.doc][i] += 1;
        assert.deepEqual(r.coverage[k], files.map((_, d) => claim.docs.includes(d)));
      });
      seen.forEach((counts, d) => counts.forEach((n, i) => assert.equal(n, 1, `${files[d]} sentence ${i} in ${n} claims`)));
      assert.equal(r.overlap.length, files.length);
      r.overlap.forEach((row, x) => assert.equal(row[x], 1));
    }
  });

  test('strings are named doc1, doc2, ...; fewer than two or more than 20 documents → bad_option', () => {
    const r = sd.compareMany(['One claim here.', 'One claim here.', 'Another one there.']);
    assert.deepEqual(r.documents.map((d) => d.name), ['doc1', 'doc2', 'doc3']);
    throwsCode(() => sd.compareMany(['a.']), 'bad_option');
    throwsCode(() => sd.compareMany(Array.from({ length: 21 }, () => 'a.')), 'bad_option');
    throwsCode(() => sd.compareMany('a.'), 'bad_option', /array/);
    throwsCode(() => sd.compareMany(['a.', 5]), 'bad_option', /document 2 must be/);
  });
});

describe('granularity "word"', () => {
  test('edits rebuild both texts', () => {
    for (const pair of samplePairs().filter((p) => p.new.endsWith('.txt'))) {
      const a = readRel(pair.old);
      const b = readRel(pair.new);
      const r = sd.compare({ name: pair.old, bytes: a }, { name: pair.new, bytes: b }, { granularity: 'word' });
      assert.equal(r.options.granularity, 'word');
      assert.ok(Array.isArray(r.edits), 'edits with granularity word');
      const oldText = offsetsText(pair.old, a);
      const newText = offsetsText(pair.new, b);
      if (oldText) assert.equal(r.edits.filter((t) => t.op !== 'insert').map((t) => t.text).join(''), oldText.toString());
      if (newText) assert.equal(r.edits.filter((t) => t.op !== 'delete').map((t) => t.text).join(''), newText.toString());
      assert.equal(sd.compare({ name: pair.old, bytes: a }, { name: pair.new, bytes: b }).edits, undefined);
    }
  });
});

describe('read', () => {
  test('reads a document: sentences with byte offsets, paragraphs, metadata, warnings', () => {
    const text = 'Héllo there. Second one.\n\nA new paragraph.';
    const d = sd.read(text, { name: 'note.txt' });
    assert.equal(d.name, 'note.txt');
    assert.equal(d.format, 'text');
    assert.deepEqual(d.sentences.map((s) => s.text), ['Héllo there.', 'Second one.', 'A new paragraph.']);
    assert.deepEqual(d.sentences.map((s) => s.paragraph), [0, 0, 1]);
    const bytes = Buffer.from(text);
    for (const s of d.sentences) assert.equal(bytes.subarray(s.start, s.end).toString(), s.text);
    assert.deepEqual(d.warnings, []);
    assert.deepEqual(Object.keys(d), ['name', 'format', 'meta', 'sentences', 'warnings']);
    assert.equal(sd.read('x.').name, 'document');
  });

  test('reads every sample the way compare does', () => {
    for (const pair of samplePairs()) {
      const r = sd.compare({ name: pair.old, bytes: readRel(pair.old) }, { name: pair.new, bytes: readRel(pair.new) });
      for (const [k, rel] of [[0, pair.old], [1, pair.new]]) {
        const { warnings, ...doc } = sd.read(readRel(rel), { name: rel });
        assert.deepEqual(doc, r.documents[k], `${rel} reads as in compare`);
        assert.ok(Array.isArray(warnings));
      }
    }
  });

  test('HTML, Markdown and article files by name or explicit format', () => {
    const html = '<html><head><title>Headline</title></head><body><nav>Menu</nav><p>Body text one. Body text two.</p></body></html>';
    for (const d of [sd.read(html, { name: 'page.html' }), sd.read(html, { format: 'html' }), sd.read({ name: 'x', text: html, format: 'html' })]) {
      assert.equal(d.format, 'html');
      assert.deepEqual(d.sentences.map((s) => s.text), ['Body text one.', 'Body text two.']);
      assert.equal(d.meta.title, 'Headline');
    }
    const md = '# Title\n\nSome *emphasis* here. And a [link](https://example.com) there.\n';
    const m = sd.read(md, { name: 'notes.md' });
    assert.equal(m.format, 'markdown');
    assert.ok(m.sentences.some((s) => s.text.includes('emphasis here.') && !s.text.includes('*')));
    const article = 'Storm nears coast\n20240105\nhttps://news.example/storm\nThe storm grew. People left.\n';
    const a = sd.read(article, { format: 'article' });
    assert.equal(a.format, 'article');
    assert.deepEqual(a.meta, { title: 'Storm nears coast', date: '20240105', url: 'https://news.example/storm' });
  });

  test('replace_invalid_utf8 repairs with a warning', () => {
    const d = sd.read(new Uint8Array([0x41, 0x62, 0xff, 0x2e]), { replace_invalid_utf8: true });
    assert.equal(d.sentences[0].text, 'Ab\uFFFD.');
    assert.equal(d.warnings.length, 1);
    assert.match(d.warnings[0], /U\+FFFD/);
  });
});

describe('errors', () => {
  test('invalid UTF-8 → invalid_utf8, naming the document and the byte offset', () => {
    const bytes = Buffer.from('Fine text. Then a bad byte: X.');
    bytes[27] = 0xc3; // a lead byte followed by an ASCII byte
    throwsCode(() => sd.compare({ name: 'story.txt', bytes }, 'x.'), 'invalid_utf8', /^story\.txt: .*at byte 27\b/);
    throwsCode(() => sd.compare('x.', new Uint8Array([0x61, 0x80])), 'invalid_utf8', /^new: .*byte 1\b/);
    throwsCode(() => sd.read(new Uint8Array([0xff]), { name: 'r.txt' }), 'invalid_utf8', /r\.txt.*byte 0/);
  });

  test('NUL bytes → binary_input', () => {
    throwsCode(() => sd.compare('a\0b', 'x.'), 'binary_input', /^old: .*NUL/);
    throwsCode(() => sd.compare('x.', new Uint8Array([0x61, 0, 0x62])), 'binary_input', /^new: /);
  });

  test('UTF-32 → unsupported_format', () => {
    throwsCode(() => sd.read(new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]), { name: 'u32.txt' }), 'unsupported_format', /UTF-32/);
  });

  test('bad options → bad_option, naming the option', () => {
    throwsCode(() => sd.compare('a.', 'b.', { threshold: 2 }), 'bad_option', /threshold/);
    throwsCode(() => sd.compare('a.', 'b.', { threshold: 0 }), 'bad_option', /threshold/);
    throwsCode(() => sd.compare('a.', 'b.', { threshold: '0.5' }), 'bad_option', /'threshold' has the wrong type/);
    throwsCode(() => sd.compare('a.', 'b.', { threshold: NaN }), 'bad_option', /threshold/);
    throwsCode(() => sd.compare('a.', 'b.', { ignore_case: 1 }), 'bad_option', /ignore_case/);
    throwsCode(() => sd.compare('a.', 'b.', 'threshold=1'), 'bad_option', /options must be/);
    throwsCode(() => sd.resolveOptions({ threshold: -1 }), 'bad_option', /threshold/);
  });

  test('unknown options → bad_option, naming the option', () => {
    throwsCode(() => sd.compare('a.', 'b.', { treshold: 0.5 }), 'bad_option', /unknown option 'treshold'/);
    throwsCode(() => sd.compare('a.', 'b.', { ignoreCase: true }), 'bad_option', /unknown option 'ignoreCase'/);
    throwsCode(() => sd.compare('a.', 'b.', {}, { maxBytes: 5 }), 'bad_option', /unknown read option 'maxBytes'/);
    throwsCode(() => sd.read('a.', { nmae: 'x' }), 'bad_option', /unknown read option 'nmae'/);
    throwsCode(() => sd.compare({ name: 'a', txt: 'a.' }, 'b.'), 'bad_option', /unknown field 'txt'/);
  });

  test('bad read options and arguments → bad_option', () => {
    throwsCode(() => sd.compare('a.', 'b.', {}, { format: 'pdf' }), 'bad_option', /unknown format 'pdf'/);
    throwsCode(() => sd.read('a.', { format: 'docx' }), 'bad_option', /unknown format 'docx'/);
    throwsCode(() => sd.compare('a.', 'b.', {}, { max_bytes: 0 }), 'bad_option', /max_bytes/);
    throwsCode(() => sd.compare('a.', 'b.', {}, { max_bytes: 2 ** 31 }), 'bad_option', /max_bytes/);
    throwsCode(() => sd.compare('a.', 'b.', {}, { replace_invalid_utf8: 'yes' }), 'bad_option', /replace_invalid_utf8/);
    throwsCode(() => sd.compare(42, 'b.'), 'bad_option', /old document must be/);
    throwsCode(() => sd.compare('a.', null), 'bad_option', /new document must be/);
    throwsCode(() => sd.compare({ name: 'a' }, 'b.'), 'bad_option', /exactly one of 'text'/);
    throwsCode(() => sd.compare({ text: 'a', bytes: new Uint8Array(1) }, 'b.'), 'bad_option', /exactly one/);
    throwsCode(() => sd.compareToJson('a.', 'b.', {}, {}, { indent: 'x' }), 'bad_option', /indent/);
  });

  test('inputs over the limit → input_too_large, before any copy', () => {
    throwsCode(() => sd.compare('0123456789 abc.', 'b.', {}, { max_bytes: 10 }), 'input_too_large', /^old: input is 15 bytes, more than the limit of 10 bytes/);
    throwsCode(() => sd.compare('a.', { name: 'n.txt', bytes: new Uint8Array(11).fill(65) }, {}, { max_bytes: 10 }),
      'input_too_large', /^n\.txt: input is 11 bytes/);
    // A string short enough in UTF-16 units but not in UTF-8 bytes.
    throwsCode(() => sd.compare('ééééé ééé.', 'b.', {}, { max_bytes: 12 }), 'input_too_large', /^old: input is 18 bytes/);
    throwsCode(() => sd.read('ab'.repeat(6), { max_bytes: 10, name: 'r' }), 'input_too_large', /^r: input is 12 bytes/);
    // The default limit (64 MiB, as the CLI's --max-size).
    assert.equal(sd.limits.default_max_bytes, 64 * 1024 * 1024);
    const big = new Uint8Array(sd.limits.default_max_bytes + 1);
    throwsCode(() => sd.compare(big, 'b.'), 'input_too_large', /more than the limit of 67108864 bytes/);
    // Still usable afterwards.
    assert.equal(sd.compare('Same.', 'Same.').stats.equal, 1);
  });

  test('StorydiffError is an Error with a stable code', () => {
    const e = new sd.StorydiffError('bad_option', 'x');
    assert.ok(e instanceof Error);
    assert.equal(e.code, 'bad_option');
    assert.equal(e.name, 'StorydiffError');
    assert.match(String(e), /^StorydiffError: x$/);
  });
});
