// The native CLI as a user runs it: formats, exit codes, and every bad-input error.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync, readFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
let dir;

function run(args, { input, env } = {}) {
  const r = spawnSync(bin, args, { input, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', ...env } });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function file(name, content) {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}

before(() => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin} (run scripts/build-native.sh)`);
  dir = mkdtempSync(join(tmpdir(), 'storydiff-cli-'));
});

const OLD = 'The death toll rose to 23 on Monday, officials said.\nRescue teams arrived from Turkey.\nThe airport remains closed.\n';
const NEW = 'The death toll rose to 50 on Monday, officials said.\nThe airport remains closed.\nRescue teams arrived from Turkey.\nAid pledges reached $1.2 billion.\n';

test('--help and --version exit 0', () => {
  const h = run(['--help']);
  assert.equal(h.code, 0);
  assert.match(h.out, /^usage: storydiff/);
  assert.match(h.out, /--ignore-punctuation/);
  const v = run(['--version']);
  assert.equal(v.code, 0);
  assert.match(v.out, /^storydiff \d+\.\d+\.\d+\n$/);
});

test('identical documents exit 0, different ones 1', () => {
  const a = file('same-a.txt', OLD);
  const b = file('same-b.txt', OLD);
  assert.equal(run([a, b]).code, 0);
  assert.equal(run([a, file('diff-b.txt', NEW)]).code, 1);
  assert.equal(run(['--brief', a, file('diff-b2.txt', NEW)]).out, '');
});

test('text output marks every kind without colour', () => {
  const r = run([file('t-a.txt', OLD), file('t-b.txt', NEW)]);
  assert.equal(r.code, 1);
  assert.doesNotMatch(r.out, /\x1b\[/, 'no colour when not a terminal');
  assert.match(r.out, /^~ The death toll rose to \[-23-\]\{\+50\+\} on Monday, officials said\.$/m);
  assert.match(r.out, /! number: 23 -> 50/);
  assert.match(r.out, /^\+ Aid pledges reached \$1\.2 billion\.$/m);
  assert.match(r.out, /\[moved from #\d to #\d\]/);
  assert.match(r.out, /1 modified, 1 added, 0 removed, 1 moved, 2 unchanged/);
});

test('--color=always colours, --color=never and NO_COLOR do not', () => {
  const a = file('c-a.txt', OLD), b = file('c-b.txt', NEW);
  assert.match(run(['--color=always', a, b]).out, /\x1b\[3\dm/);
  assert.doesNotMatch(run(['--color=never', a, b]).out, /\x1b\[/);
  assert.doesNotMatch(run(['--color=auto', a, b], { env: { NO_COLOR: '1' } }).out, /\x1b\[/);
  assert.equal(run(['--color=sometimes', a, b]).code, 2);
});

test('--format json prints the result contract', () => {
  const r = run(['--format', 'json', file('j-a.txt', OLD), file('j-b.txt', NEW)]);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.equal(j.version, 1);
  assert.equal(j.documents.length, 2);
  const s = j.documents[0].sentences[0];
  assert.deepEqual(Object.keys(s), ['start', 'end', 'paragraph', 'text']);
  assert.equal(OLD.slice(s.start, s.end), s.text);
  for (const e of j.alignment) assert.ok(['equal', 'modified', 'added', 'removed'].includes(e.op));
  assert.equal(j.stats.added, 1);
  assert.equal(run(['--format=json', '--pretty', file('j2-a.txt', OLD), file('j2-b.txt', NEW)]).out.split('\n')[1], '  "version": 1,');
});

test('--format html is one self-contained, escaped report', () => {
  const evil = 'The mayor wrote <script>alert(1)</script> on the board.\n<img src=x onerror=alert(2)> was posted.\n';
  const r = run(['--format', 'html', file('h-a.txt', OLD), file('h-b.txt', evil)]);
  assert.equal(r.code, 1);
  assert.match(r.out, /^<!doctype html>/);
  assert.doesNotMatch(r.out, /<script/i);
  assert.doesNotMatch(r.out, /<img/i);
  assert.match(r.out, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
  assert.doesNotMatch(r.out, /(src|href)=["']?(https?:)?\/\//i, 'no external assets');
  assert.match(r.out, /Content-Security-Policy/);
});

test('-o writes to a file', () => {
  const out = join(dir, 'report.json');
  const r = run(['-f', 'json', '-o', out, file('o-a.txt', OLD), file('o-b.txt', NEW)]);
  assert.equal(r.code, 1);
  assert.equal(r.out, '');
  assert.equal(JSON.parse(readFileSync(out, 'utf8')).version, 1);
});

test('standard input as -', () => {
  const r = run(['-f', 'json', '-', file('s-b.txt', NEW)], { input: OLD });
  assert.equal(r.code, 1);
  assert.equal(JSON.parse(r.out).documents[0].name, '-');
  assert.equal(run(['-', '-'], { input: OLD }).code, 2);
});

test('formats by extension and by option', () => {
  const md = file('m.md', '# Quake toll rises\n\nThe death toll rose to **23** on Monday, officials said.\n');
  const html = file('h.html', '<html><head><title>T</title></head><body><nav>Home</nav><article><p>The death toll rose to 23 on Monday, officials said.</p></article></body></html>');
  const art = file('art.txt', 'Quake toll rises\n20240101\nhttps://example.com/quake\nThe death toll rose to 23 on Monday, officials said.\n');
  const j = JSON.parse(run(['-f', 'json', md, html]).out);
  assert.equal(j.documents[0].format, 'markdown');
  assert.equal(j.documents[1].format, 'html');
  const k = JSON.parse(run(['-f', 'json', art, file('plain.txt', 'The death toll rose to 23 on Monday, officials said.\n')]).out);
  assert.equal(k.documents[0].format, 'article');
  assert.equal(k.documents[0].meta.url, 'https://example.com/quake');
  assert.equal(k.documents[0].sentences.length, 1, 'the article header is not claims');
  const forced = JSON.parse(run(['-f', 'json', '--input-format', 'text', html, md]).out);
  assert.equal(forced.documents[0].format, 'text');
  assert.equal(run(['--input-format', 'pdf', md, md]).code, 2);
});

// Every bad input: exit 2, one line on stderr naming the file and the problem, nothing on stdout.
function trouble(args, pattern, opts) {
  const r = run(args, opts);
  assert.equal(r.code, 2, `exit code for ${args.join(' ')}: ${r.err}`);
  assert.equal(r.out, '');
  assert.match(r.err, pattern);
  assert.equal(r.err.trim().split('\n').length, 1, 'one line');
}

test('a missing file, a directory', () => {
  const ok = file('ok.txt', OLD);
  trouble([join(dir, 'nope.txt'), ok], /^storydiff: .*nope\.txt: No such file or directory$/m);
  const sub = join(dir, 'adir');
  mkdirSync(sub, { recursive: true });
  trouble([sub, ok], /adir: is a directory/);
});

test('invalid UTF-8 names the file and the byte offset', () => {
  const bad = file('bad.txt', Buffer.from([0x41, 0x42, 0xc3, 0x28, 0x0a]));
  trouble([bad, file('ok2.txt', OLD)], /bad\.txt: invalid UTF-8 at byte 2/);
  const overlong = file('overlong.txt', Buffer.from([0x61, 0xc0, 0xaf]));
  trouble([overlong, file('ok3.txt', OLD)], /overlong\.txt: invalid UTF-8 at byte 1/);
});

test('--replace-invalid repairs instead, with a warning', () => {
  const bad = file('bad2.txt', Buffer.from('Prices rose \xff sharply.\n', 'latin1'));
  const r = run(['-f', 'json', '--replace-invalid', bad, file('ok4.txt', OLD)]);
  assert.equal(r.code, 1);
  const j = JSON.parse(r.out);
  assert.ok(j.warnings.some((w) => w.includes('bad2.txt')));
  assert.match(j.documents[0].sentences[0].text, /\uFFFD/);
});

test('a file with NUL bytes looks binary', () => {
  trouble([file('bin.dat', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01])), file('ok5.txt', OLD)], /bin\.dat: looks binary/);
});

test('--max-size refuses larger inputs', () => {
  const big = file('big.txt', 'A sentence that repeats. '.repeat(1000));
  trouble(['--max-size', '1K', big, file('ok6.txt', OLD)], /big\.txt: .*larger than/);
  trouble(['--max-size', '1K', '-', file('ok7.txt', OLD)], /standard input: .*larger than/, { input: 'x'.repeat(5000) });
  trouble(['--max-size', 'lots', big, big], /--max-size/);
});

test('bad command lines', () => {
  const a = file('u.txt', OLD);
  trouble([a], /two files/);
  trouble(Array(21).fill(a), /too many files: at most 20/);
  trouble(['--frobnicate', a, a], /unknown option '--frobnicate'/);
  trouble(['--threshold', '0', a, a], /threshold/);
  trouble(['--threshold', 'high', a, a], /threshold/);
  trouble(['--format', 'xml', a, a], /output format 'xml'/);
  trouble(['--threshold'], /needs a value/);
});

test('empty and whitespace-only files are documents with no claims', () => {
  const e = file('empty.txt', '');
  const w = file('white.txt', '  \n\n\t\n');
  assert.equal(run([e, w]).code, 0);
  const j = JSON.parse(run(['-f', 'json', e, file('one.txt', OLD)]).out);
  assert.equal(j.stats.added, 3);
});

test('options change the comparison', () => {
  const a = file('opt-a.txt', 'The Prime Minister resigned on Monday.\n');
  const b = file('opt-b.txt', 'the prime minister resigned on Monday!\n');
  assert.equal(run([a, b]).code, 1);
  assert.equal(run(['-i', '-p', a, b]).code, 0);
  assert.equal(run(['--ignore-case', '--ignore-punctuation', a, b]).code, 0);
});

test('--granularity word adds the whole-document word diff', () => {
  const a = file('w-a.txt', OLD), b = file('w-b.txt', NEW);
  const j = JSON.parse(run(['-f', 'json', '--granularity', 'word', a, b]).out);
  assert.equal(j.options.granularity, 'word');
  const old = j.edits.filter((e) => e.op !== 'insert').map((e) => e.text).join('');
  const neu = j.edits.filter((e) => e.op !== 'delete').map((e) => e.text).join('');
  assert.equal(old, OLD);
  assert.equal(neu, NEW);
  assert.ok(j.edits.some((e) => e.op === 'delete' && e.text === '23'));
  assert.equal(JSON.parse(run(['-f', 'json', a, b]).out).edits, undefined, 'sentence mode has no edits');
  assert.match(run(['-g', 'word', a, b]).out, /rose to \[-23-\]\{\+50\+\}/);
  assert.equal(run(['-g', 'letter', a, b]).code, 2);
});

test('three documents: the claims matrix, JSON claims and coverage', () => {
  const a = file('n-a.txt', 'The mayor resigned on Monday.\nRoads were closed.\n');
  const b = file('n-b.txt', 'The mayor resigned on Monday.\nA new park opened downtown.\n');
  const c = file('n-c.txt', 'On Monday the mayor resigned.\nRoads were closed.\n');
  const t = run([a, b, c]);
  assert.equal(t.code, 1);
  assert.match(t.out, /^~##  The mayor resigned on Monday\.$|^#~#  |^##~  /m);
  assert.match(t.out, /only in one document:\n  \[2\] A new park opened downtown\./);
  const j = JSON.parse(run(['-f', 'json', a, b, c]).out);
  assert.equal(j.documents.length, 3);
  assert.equal(j.alignment, undefined);
  assert.equal(j.stats.claims, 3);
  assert.equal(j.stats.in_all, 1);
  const park = j.claims.findIndex((k) => k.text === 'A new park opened downtown.');
  assert.deepEqual(j.coverage[park], [false, true, false]);
  assert.deepEqual(j.unique[1], [park]);
  assert.equal(run([a, a, a]).code, 0);
  const html = run(['-f', 'html', a, b, c]);
  assert.match(html.out, /3 documents/);
});
