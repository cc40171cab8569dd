// `storydiff batch` as a user runs it: the same results as the single comparison, error lines
// that let the run go on, input order with several threads, streaming, exit codes.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = process.env.STORYDIFF ?? join(root, 'build', 'storydiff');
const generator = join(root, 'corpus', 'gen_corpus.mjs');
let dir;

function run(args, { input, cwd } = {}) {
  const r = spawnSync(bin, args, { input, cwd, maxBuffer: 1 << 30 });
  return { code: r.status, out: r.stdout, err: r.stderr.toString() };
}

function lines(buf) {
  const s = buf.toString();
  assert.ok(s === '' || s.endsWith('\n'), 'every result line ends with a newline');
  return s === '' ? [] : s.slice(0, -1).split('\n');
}

function corpus(jobs, seed, extra = []) {
  const r = spawnSync(process.execPath, [generator, '--jobs', String(jobs), '--seed', String(seed), ...extra], { maxBuffer: 1 << 30 });
  assert.equal(r.status, 0, r.stderr.toString());
  return r.stdout;
}

// The command-line flags that give a job's options.
function flags(options = {}) {
  const f = [];
  if (options.threshold !== undefined) f.push('--threshold', String(options.threshold));
  if (options.ignore_case) f.push('--ignore-case');
  if (options.ignore_punctuation) f.push('--ignore-punctuation');
  if (options.detect_moves === false) f.push('--no-moves');
  if (options.detect_splits === false) f.push('--no-splits');
  return f;
}

// The comparison inside a result line, as the bytes it has there.
function resultBytes(line, id) {
  const head = `{"id":${JSON.stringify(id)},"result":`;
  assert.ok(line.startsWith(head), `result line for ${id}: ${line.slice(0, 120)}`);
  assert.ok(line.endsWith('}'));
  return line.slice(head.length, -1);
}

before(() => {
  assert.ok(existsSync(bin), `the native CLI is not built: ${bin} (run scripts/build-native.sh)`);
  dir = mkdtempSync(join(tmpdir(), 'storydiff-batch-'));
});

const OPTIONS = [undefined, { threshold: 0.4 }, { ignore_case: true, ignore_punctuation: true }, { detect_moves: false },
  { detect_splits: false, threshold: 0.6 }];

test('batch output equals the single comparison, job by job, byte for byte', () => {
  // Generated stories given inline (text and Markdown), with varied options...
  const jobs = lines(corpus(40, 3)).map((l, k) => {
    const job = JSON.parse(l);
    if (OPTIONS[k % OPTIONS.length]) job.options = OPTIONS[k % OPTIONS.length];
    return job;
  });
  // ...and the sample stories by path: v1 -> v2 and v1 -> the other outlet's HTML, Markdown or article file.
  for (const story of readdirSync(join(root, 'samples'), { withFileTypes: true })) {
    if (!story.isDirectory()) continue;
    const files = readdirSync(join(root, 'samples', story.name)).filter((f) => /^(v1|v2|outlet)\./.test(f)).sort();
    const [outlet, v1, v2] = files;
    for (const [a, b] of [[v1, v2], [v1, outlet]]) {
      jobs.push({ id: `${story.name}:${a}:${b}`, docs: [{ path: `samples/${story.name}/${a}` }, { path: `samples/${story.name}/${b}` }] });
    }
    // Three documents: claims grouped across the versions and the other outlet.
    jobs.push({ id: `${story.name}:3`, docs: [v1, v2, outlet].map((f) => ({ path: `samples/${story.name}/${f}` })) });
  }
  assert.ok(jobs.length >= 50);
  // Inline documents become files of the same name, so the single CLI sees the same names.
  for (const job of jobs) {
    for (const d of job.docs) {
      if (d.text === undefined) continue;
      mkdirSync(join(dir, dirname(d.name)), { recursive: true });
      writeFileSync(join(dir, d.name), d.text);
    }
  }
  // Path documents are relative to the working directory: the samples' jobs run from the
  // repository, the inline ones from the folder that holds their files for the single CLI.
  let compared = 0;
  for (const [group, cwd] of [[jobs.filter((j) => j.docs[0].text !== undefined), dir], [jobs.filter((j) => j.docs[0].path), root]]) {
    const input = group.map((j) => JSON.stringify(j)).join('\n') + '\n';
    const batch = run(['batch', '--jobs', '2', '-'], { input, cwd });
    assert.equal(batch.code, 0, batch.err);
    const out = lines(batch.out);
    assert.equal(out.length, group.length);
    group.forEach((job, k) => {
      const single = run(['--format', 'json', ...flags(job.options), ...job.docs.map((d) => d.name ?? d.path)], { cwd });
      assert.ok(single.code === 0 || single.code === 1, single.err);
      assert.equal(resultBytes(out[k], job.id), single.out.toString().replace(/\n$/, ''), `job ${job.id}`);
      compared++;
    });
  }
  assert.equal(compared, jobs.length);
});

test('a malformed line, a missing file and an invalid-UTF-8 document each give an error line; the run goes on', () => {
  writeFileSync(join(dir, 'ok.txt'), 'The toll rose to 23 on Monday.\nRescue teams arrived.\n');
  writeFileSync(join(dir, 'bad-utf8.txt'), Buffer.from([0x41, 0x42, 0xc3, 0x28, 0x2e, 0x0a]));
  const good = (id) => JSON.stringify({ id, docs: [{ path: 'ok.txt' }, { text: 'The toll rose to 50 on Monday.\n' }] });
  const input = Buffer.concat([
    Buffer.from(good('g1') + '\n'),
    Buffer.from('{"id": "m1", "docs": [ this is not json\n'),
    Buffer.from(good('g2') + '\n'),
    Buffer.from(JSON.stringify({ id: 'f1', docs: [{ path: 'ok.txt' }, { path: 'no-such-file.txt' }] }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'u1', docs: [{ path: 'bad-utf8.txt' }, { path: 'ok.txt' }] }) + '\n'),
    // Invalid UTF-8 inside an inline document: the line is not UTF-8 JSON, but its id survives.
    Buffer.from('{"id":"u2","docs":[{"text":"AB'), Buffer.from([0xc3, 0x28]), Buffer.from('."},{"path":"ok.txt"}]}\n'),
    Buffer.from(JSON.stringify({ id: 'o1', docs: [{ text: 'a' }, { text: 'b' }], options: { threshold: 2 } }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'o2', docs: [{ text: 'a' }, { text: 'b' }], options: { colour: true } }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'n21', docs: Array.from({ length: 21 }, (_, k) => ({ text: `Doc ${k}.` })) }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'n1', docs: [{ text: 'a' }] }) + '\n'),
    Buffer.from(JSON.stringify({ docs: [{ text: 'a' }, { text: 'b' }] }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'x1', docs: [{ text: 'a', path: 'ok.txt' }, { text: 'b' }] }) + '\n'),
    Buffer.from(JSON.stringify({ id: 'x2', docs: [{ text: 'a', format: 'pdf' }, { text: 'b' }] }) + '\n'),
    Buffer.from('\n   \n'),  // blank lines are not jobs
    Buffer.from(JSON.stringify({ id: 7, docs: [{ text: 'Same.' }, { text: 'Same.' }] })),  // no final newline
  ]);
  const r = run(['batch', '--jobs', '2'], { input, cwd: dir });
  assert.equal(r.code, 1, 'some jobs failed');
  const out = lines(r.out).map((l) => JSON.parse(l));
  const byLine = out.map((o) => [o.id, o.error ? o.error.code : 'ok']);
  assert.deepEqual(byLine, [
    ['g1', 'ok'], [null, 'bad_job'], ['g2', 'ok'], ['f1', 'io_error'], ['u1', 'invalid_utf8'], ['u2', 'invalid_utf8'],
    ['o1', 'bad_option'], ['o2', 'bad_option'], ['n21', 'bad_option'], ['n1', 'bad_job'], [null, 'bad_job'],
    ['x1', 'bad_job'], ['x2', 'bad_option'], [7, 'ok'],
  ]);
  const msg = (k) => out[k].error.message;
  assert.match(msg(1), /^line 2: not a JSON job: .*parse error/);
  assert.match(msg(3), /^line 4: no-such-file\.txt: No such file or directory$/);
  assert.match(msg(4), /^line 5: bad-utf8\.txt: invalid UTF-8 at byte 2$/);
  assert.match(msg(5), /^line 6: invalid UTF-8 at byte \d+ of the line/);
  assert.match(msg(6), /^line 7: .*threshold/);
  assert.match(msg(7), /unknown option 'colour'/);
  assert.match(msg(8), /21 documents; at most 20/);
  assert.match(msg(10), /needs an "id"/);
  for (const o of out) assert.deepEqual(Object.keys(o), ['id', o.error ? 'error' : 'result']);
  assert.equal(out[0].result.stats.modified, 1);
  assert.equal(out[13].result.stats.equal, 1);
  assert.match(r.err, /^storydiff batch: 14 jobs, 11 errors, [\d.]+ s, [\d.]+ jobs\/s \(2 threads\)\n$/);

  // All good: exit 0.
  const ok = run(['batch'], { input: good('a') + '\n' + good('b') + '\n', cwd: dir });
  assert.equal(ok.code, 0);
  assert.match(ok.err, /2 jobs, 0 errors/);
});

test('input order is kept with --jobs 2 and more, whatever each job costs', () => {
  // Small jobs between large ones: later jobs finish first unless the output waits for them.
  const small = lines(corpus(120, 11)).map((l) => JSON.parse(l));
  const big = 'The council approved the budget on Tuesday after a long debate. '.repeat(1) +
    Array.from({ length: 1500 }, (_, k) => `Item ${k} of the plan costs ${k * 7} dollars, the report said.`).join(' ');
  const jobs = small.map((j, k) => (k % 10 === 0
    ? { id: `big-${k}`, docs: [{ text: big }, { text: big.replace(/costs 7/g, 'costs 8').replace('Item 3 ', 'Item 33 ') }] }
    : j));
  const input = jobs.map((j) => JSON.stringify(j)).join('\n') + '\n';
  const one = run(['batch', '--jobs', '1'], { input });
  assert.equal(one.code, 0, one.err);
  const ids = lines(one.out).map((l) => JSON.parse(l).id);
  assert.deepEqual(ids, jobs.map((j) => j.id));
  for (const n of ['2', '3', '8']) {
    const many = run(['batch', '--jobs', n], { input });
    assert.equal(many.code, 0);
    assert.ok(many.out.equals(one.out), `--jobs ${n} prints what --jobs 1 prints, in the same order`);
  }
});

test('--summary: the stats and the changed claims with their sentences', () => {
  const input = corpus(30, 5);
  const full = lines(run(['batch', '--jobs', '2'], { input }).out).map((l) => JSON.parse(l));
  const summary = run(['batch', '--jobs', '2', '--summary'], { input });
  assert.equal(summary.code, 0);
  const sum = lines(summary.out).map((l) => JSON.parse(l));
  assert.equal(sum.length, full.length);
  let changes = 0;
  sum.forEach((s, k) => {
    const c = full[k].result;
    assert.deepEqual(Object.keys(s), ['id', 'summary']);
    assert.equal(s.id, full[k].id);
    assert.deepEqual(s.summary.stats, c.stats);
    const changed = c.alignment.filter((e) => e.op !== 'equal' || e.moved);
    assert.equal(s.summary.changes.length, changed.length);
    s.summary.changes.forEach((ch, i) => {
      const e = changed[i];
      assert.equal(ch.op, e.op);
      assert.deepEqual([ch.a, ch.b, ch.moved, ch.similarity], [e.a, e.b, e.moved, e.similarity]);
      assert.deepEqual(ch.old, e.a.map((x) => c.documents[0].sentences[x].text));
      assert.deepEqual(ch.new, e.b.map((x) => c.documents[1].sentences[x].text));
      if (e.op === 'modified') assert.deepEqual(ch.callouts, e.callouts);
      assert.equal(ch.tokens, undefined);
      changes++;
    });
  });
  assert.ok(changes > 30, `a corpus with changes (${changes})`);
});

test('three documents or more: the claims result, and a summary of the claims not all carry alike', () => {
  const docs = [
    { text: 'The toll rose to 23 on Monday. Rescue teams arrived from Turkey. The airport remains closed.\n' },
    { text: 'The toll rose to 50 on Monday. Rescue teams arrived from Turkey. Aid pledges reached $1.2 billion.\n' },
    { text: 'The toll rose to 23 on Monday. Rescue teams arrived from Turkey.\n' },
  ];
  const input = JSON.stringify({ id: 'three', docs }) + '\n';
  const full = run(['batch'], { input });
  assert.equal(full.code, 0, full.err);
  const c = JSON.parse(lines(full.out)[0]).result;
  assert.deepEqual(c.documents.map((d) => d.name), ['doc1', 'doc2', 'doc3']);
  assert.equal(c.stats.documents, 3);
  const s = JSON.parse(lines(run(['batch', '--summary'], { input }).out)[0]).summary;
  assert.deepEqual(s.stats, c.stats);
  assert.deepEqual(s.overlap, c.overlap);
  const changed = c.claims.filter((cl) => cl.docs.length < 3 || cl.members.some((m) => m.tokens.some((t) => t.op !== 'equal')));
  assert.ok(changed.length >= 3 && changed.length < c.claims.length, 'the shared, identical claim is left out');
  assert.deepEqual(s.changes.map((ch) => ch.text), changed.map((cl) => cl.text));
  for (const [i, ch] of s.changes.entries()) {
    assert.deepEqual(ch.docs, changed[i].docs);
    for (const m of ch.members) assert.deepEqual(m.texts, m.sentences.map((x) => c.documents[m.doc].sentences[x].text));
  }
});

test('streams: results come out while the input is still open, and memory stays flat', async () => {
  // ~16 MB of jobs through a pipe; the first result must arrive long before the last job is
  // written, and the peak resident memory must stay far below the input's size.
  const line = lines(corpus(1, 2))[0];
  const job = JSON.parse(line);
  const total = Math.ceil(16e6 / line.length);
  const child = spawn(bin, ['batch', '--jobs', '2'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let received = 0, firstAfter = -1, written = 0, peakKb = 0, err = '';
  child.stdout.on('data', (b) => {
    for (const c of b) if (c === 10) received++;
    if (firstAfter < 0 && received > 0) firstAfter = written;
  });
  child.stderr.on('data', (b) => { err += b; });
  const done = new Promise((resolve) => child.on('close', resolve));
  const peak = () => {
    try {
      const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
      if (m) peakKb = Math.max(peakKb, Number(m[1]));
    } catch { /* exited */ }
  };
  for (let k = 0; k < total; k++) {
    job.id = `job-${k}`;
    if (!child.stdin.write(JSON.stringify(job) + '\n')) await new Promise((r) => child.stdin.once('drain', r));
    written++;
    if (k % 500 === 0) peak();
  }
  peak();
  child.stdin.end();
  const code = await done;
  assert.equal(code, 0, err);
  assert.equal(received, total);
  assert.ok(firstAfter >= 0 && firstAfter < total / 10, `first result after ${firstAfter} of ${total} jobs written`);
  assert.ok(peakKb > 0 && peakKb < 24 * 1024, `peak resident memory ${peakKb} kB for ${Math.round(written * line.length / 1e6)} MB of jobs`);
});

test('exit 2 for trouble with the run itself; --help', () => {
  const missing = run(['batch', join(dir, 'no-such-jobs.jsonl')]);
  assert.equal(missing.code, 2);
  assert.equal(missing.out.length, 0);
  assert.match(missing.err, /^storydiff batch: .*no-such-jobs\.jsonl: No such file or directory\n$/);
  for (const args of [['--jobs', '0'], ['--jobs', 'many'], ['--jobs'], ['--frobnicate'], ['a.jsonl', 'b.jsonl'], ['--first-line', '0']]) {
    const r = run(['batch', ...args], { input: '' });
    assert.equal(r.code, 2, args.join(' '));
    assert.match(r.err, /^storydiff batch: /);
  }
  const dirInput = run(['batch', dir]);
  assert.equal(dirInput.code, 2, 'a directory is not a jobs file');
  const help = run(['batch', '--help']);
  assert.equal(help.code, 0);
  assert.match(help.out.toString(), /^usage: storydiff batch/);
  const empty = run(['batch'], { input: '' });
  assert.equal(empty.code, 0);
  assert.equal(empty.out.length, 0);
  assert.match(empty.err, /0 jobs, 0 errors/);
});

test('a jobs file argument, and --first-line numbers messages from a larger file', () => {
  const p = join(dir, 'jobs.jsonl');
  writeFileSync(p, 'nope\n' + JSON.stringify({ id: 'a', docs: [{ text: 'A.' }, { text: 'B.' }] }) + '\n');
  const r = run(['batch', '--first-line', '101', p]);
  assert.equal(r.code, 1);
  const [bad, good] = lines(r.out).map((l) => JSON.parse(l));
  assert.match(bad.error.message, /^line 101: /);
  assert.equal(good.id, 'a');
});

test('result lines fit schema/batch-line.schema.json (its own fields; results are the comparison schema)', () => {
  const schema = JSON.parse(readFileSync(join(root, 'schema', 'batch-line.schema.json'), 'utf8'));
  const fits = (obj, def, where) => {
    for (const k of def.required) assert.ok(k in obj, `${where}: ${k} is required`);
    for (const k of Object.keys(obj)) assert.ok(k in def.properties, `${where}: ${k} is not in the schema`);
  };
  const three = JSON.stringify({ id: 3, docs: [{ text: 'A. B.' }, { text: 'A. C.' }, { text: 'A! B.' }] });
  const input = corpus(20, 9, ['--bad-every', '4']).toString() + three + '\n';
  const seen = new Set();
  for (const summary of [false, true]) {
    const r = run(['batch', ...(summary ? ['--summary'] : [])], { input });
    for (const l of lines(r.out)) {
      const o = JSON.parse(l);
      fits(o, schema, 'line');
      assert.equal(['result', 'summary', 'error'].filter((k) => k in o).length, 1);
      if (o.error) {
        fits(o.error, schema.$defs.error, 'error');
        assert.ok(schema.$defs.error.properties.code.enum.includes(o.error.code), o.error.code);
        assert.match(o.error.message, /^line \d+: /);
        seen.add('error');
      } else if (o.summary) {
        fits(o.summary, schema.$defs.summary, 'summary');
        for (const ch of o.summary.changes) {
          const def = 'op' in ch ? schema.$defs.pair_change : schema.$defs.claim_change;
          fits(ch, def, 'change');
          if (ch.members) for (const m of ch.members) fits(m, def.properties.members.items, 'member');
          seen.add('op' in ch ? 'pair' : 'claim');
        }
      } else {
        assert.equal(o.result.version, 1);
      }
    }
  }
  assert.deepEqual([...seen].sort(), ['claim', 'error', 'pair']);
});
