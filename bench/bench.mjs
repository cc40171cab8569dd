#!/usr/bin/env node
// bench.mjs — storydiff against its peers, in one run: word-level diff, sentence alignment,
// whole processes and in-process libraries, scaling. Started by bench/run.sh, which installs the
// peers and builds storydiff first; see bench/README.md for what is measured and how.
//
//   node bench/bench.mjs [INPUT ...]          # default: every input
//   RUNS=5 BUDGET=60 TIMEOUT=120 node bench/bench.mjs dmp-10x news-1MB
//   node bench/bench.mjs --quick              # a tiny generated input only (the self-test)
//
// Writes bench/results/bench.md (every table), bench/results/scaling.md and
// bench/results/scaling.svg, and the raw measurements to bench/data/results.json.

import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkAlignment, checkRuns, fromGitPorcelain, fromWdiff, sentenceRunCounts, WDIFF_MARKS } from './lib/check.mjs';
import { tokenStrings } from './lib/tokenize.mjs';
import { scalingSvg } from './lib/plot.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);

const env = process.env;
const RUNS = Number(env.RUNS ?? 5); // timed runs per tool and input
const BUDGET = Number(env.BUDGET ?? 60); // seconds of repeated runs per tool and input
const TIMEOUT = Number(env.TIMEOUT ?? 90); // a single run longer than this is a timeout
const STORYDIFF = env.STORYDIFF ?? 'build/storydiff';
const PYTHON = env.PYTHON ?? '/usr/bin/python3';
const DMP_DIR = env.DMP_DIR ?? join(root, '..', 'shared', 'corpus', 'dmp-speedtest');
const DATA = env.BENCH_DATA ?? 'bench/data';
const RESULTS = env.BENCH_RESULTS ?? 'bench/results';
const GEN = 'bench/gen-news.mjs';

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const wanted = argv.filter((a) => !a.startsWith('--'));
const toolFilter = env.TOOLS ? new Set(env.TOOLS.split(',')) : null;

const log = (...a) => console.error('[bench]', ...a);
const tmp = mkdtempSync(join(tmpdir(), 'storydiff-bench-'));
process.on('exit', () => rmSync(tmp, { recursive: true, force: true }));
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => process.exit(130));

// ---------------------------------------------------------------------------------------------
// Inputs

const INPUTS = quick
  ? [{ name: 'news-tiny', gen: ['--size', '20KB'], family: 'news', chain: 'news' }]
  : [
      { name: 'dmp-1x', dmp: 1, family: 'dmp', chain: 'dmp' },
      { name: 'dmp-10x', dmp: 10, family: 'dmp', chain: 'dmp' },
      { name: 'news-100KB', gen: ['--size', '100KB'], family: 'news', chain: 'news' },
      { name: 'news-1MB', gen: ['--size', '1MB'], family: 'news', chain: 'news' },
      // Unrelated texts are the hardest case for a diff: a tool too slow for the related pair of
      // the same size is not run on them.
      { name: 'unrelated-1MB', gen: ['--size', '1MB', '--unrelated'], family: 'unrelated', chain: 'news' },
      { name: 'news-10MB', gen: ['--size', '10MB'], family: 'news', chain: 'news' },
    ];

function ensureInput(input) {
  const dir = join(DATA, input.name);
  const old = join(dir, 'old.txt');
  const neu = join(dir, 'new.txt');
  const newer = (a, b) => !existsSync(b) || statSync(a).mtimeMs > statSync(b).mtimeMs;
  if (input.dmp) {
    const s1 = join(DMP_DIR, 'speedtest1.txt');
    const s2 = join(DMP_DIR, 'speedtest2.txt');
    if (!existsSync(s1) || !existsSync(s2)) return `skipped: the diff-match-patch speed-test pair is not in ${DMP_DIR}`;
    mkdirSync(dir, { recursive: true });
    if (input.dmp === 1) {
      if (newer(s1, old)) copyFileSync(s1, old);
      if (newer(s2, neu)) copyFileSync(s2, neu);
    } else {
      for (const [src, dst] of [[s1, old], [s2, neu]]) {
        if (newer(src, dst)) run1('node', [GEN, '--repeat-file', src, '--times', String(input.dmp), '--out', dst]);
      }
    }
  } else {
    const manifest = join(dir, 'manifest.json');
    if (!existsSync(old) || !existsSync(neu) || newer(GEN, manifest)) {
      log(`generating ${input.name}`);
      run1('node', [GEN, ...input.gen, '--seed', '42', '--out', dir]);
    }
    input.manifest = JSON.parse(readFileSync(manifest, 'utf8'));
  }
  input.old = old;
  input.new = neu;
  input.oldBytes = statSync(old).size;
  input.newBytes = statSync(neu).size;
  input.bytes = input.oldBytes + input.newBytes;
  return null;
}

function run1(cmd, args) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal})`);
}

// ---------------------------------------------------------------------------------------------
// Running one tool on one input, under a time limit.

/**
 * Runs `cmd args` under GNU time; stdout to `stdoutFile` (or /dev/null). Kills the whole process
 * group after `limit` seconds. Resolves { seconds, cpu, rss_kb, code, killed, stderr } (cpu: user +
 * system seconds). When
 * `firstMarker` is set, the limit applies until the child prints that line on stdout (the end of
 * its first run), and `after` seconds more from then.
 */
function timed(cmd, args, { limit, after = 0, firstMarker = null }) {
  return new Promise((resolve) => {
    const timeFile = join(tmp, `time-${process.hrtime.bigint()}`);
    const child = spawn('/usr/bin/time', ['-f', '%M %U %S', '-o', timeFile, cmd, ...args], {
      stdio: ['ignore', firstMarker ? 'pipe' : 'ignore', 'pipe'],
      detached: true, // its own process group, so that a kill reaches the tool under GNU time
    });
    let stderr = '';
    child.stderr.on('data', (d) => { if (stderr.length < 4000) stderr += d; });
    let killed = false;
    const kill = () => { killed = true; try { process.kill(-child.pid, 'SIGKILL'); } catch {} };
    let timer = setTimeout(kill, limit * 1000);
    if (firstMarker) {
      let buf = '';
      child.stdout.on('data', (d) => {
        if (after < 0) return;
        buf += d;
        if (buf.includes(firstMarker)) {
          clearTimeout(timer);
          timer = setTimeout(kill, after * 1000);
          after = -1;
        }
      });
    }
    const t0 = process.hrtime.bigint();
    child.on('close', (code, signal) => {
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      clearTimeout(timer);
      let rss_kb = null;
      let cpu = null;
      try {
        // GNU time writes "Command exited with non-zero status 1" first when the status is not 0.
        const lines = readFileSync(timeFile, 'utf8').trim().split('\n');
        const [m, u, sys] = lines[lines.length - 1].split(' ').map(Number);
        rss_kb = m || null;
        cpu = u + sys;
      } catch {}
      resolve({ seconds, cpu, rss_kb, code: code ?? signal, killed, stderr });
    });
  });
}

/** A whole-process tool: `argsFor(input)` gives argv; its stdout goes to a file for the check. */
async function measureProcess(tool, input) {
  const outFile = join(tmp, `${tool.id}.out`);
  const times = [];
  const cpu = [];
  let peak = 0;
  let longest = 0;
  const started = Date.now();
  for (let k = 0; k < RUNS; k++) {
    if (k > 0 && (Date.now() - started) / 1000 + longest > BUDGET) break;
    const [cmd, ...args] = tool.argv(input);
    // The shell only redirects: `exec` replaces it, so GNU time measures the tool itself.
    const r = await timed('/bin/sh', ['-c', 'exec "$@" > "$0"', outFile, cmd, ...args], { limit: TIMEOUT });
    if (r.killed) return { timeout: TIMEOUT, times, rss_kb: peak || null };
    if (!tool.okCodes.includes(r.code)) {
      return { failed: `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`, times, rss_kb: peak || null };
    }
    times.push(r.seconds);
    cpu.push(r.cpu);
    longest = Math.max(longest, r.seconds);
    peak = Math.max(peak, r.rss_kb ?? 0);
  }
  const res = { times, cpu, rss_kb: peak || null };
  try {
    res.check = tool.check ? tool.check(input, outFile) : null;
  } catch (e) {
    res.check = { valid: 'INVALID', why: String(e.message ?? e) };
  }
  return res;
}

/** An in-process tool run by lib/inproc.mjs (Node) or lib/difflib_bench.py (Python). */
async function measureInProcess(tool, input, limit) {
  const outFile = join(tmp, `${tool.id}.json`);
  rmSync(outFile, { force: true });
  const [cmd, args] = tool.child(input, outFile);
  // The first run may take up to `limit` seconds; after it, the child keeps to BUDGET itself
  // (and its check and reference computations get generous slack before a kill).
  const r = await timed(cmd, args, { limit, after: BUDGET + limit + 120, firstMarker: 'first-run-done' });
  let res = {};
  try { res = JSON.parse(readFileSync(outFile, 'utf8')); } catch {}
  const base = { rss_kb: r.rss_kb };
  if (res.first == null) {
    if (r.killed) return { ...base, timeout: limit, times: [] };
    return { ...base, failed: `exit ${r.code}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`, times: [] };
  }
  if (!res.times.length) res.times = [res.first]; // not even one timed run fitted the budget
  if (r.killed) res.killed_after_first = true;
  if (tool.finish) res.check = tool.finish(input, res);
  return { ...base, ...res };
}

// ---------------------------------------------------------------------------------------------
// The tools.

const okDiff = [0, 1]; // diff's convention: 1 means "the inputs differ"
const gitEnv = ['env', 'GIT_CONFIG_NOSYSTEM=1', 'GIT_CONFIG_GLOBAL=/dev/null', 'HOME=/nonexistent'];
const sdCheckWord = (input, file) => {
  const res = JSON.parse(readFileSync(file, 'utf8'));
  const c = checkRuns(readText(input.old), readText(input.new), res.edits, input.cache);
  return { ...c, approximate: res.approximate };
};
const sdCheckSentence = (input, file) => {
  const res = JSON.parse(readFileSync(file, 'utf8'));
  return checkAlignment(res, readFileSync(input.old), readFileSync(input.new));
};
const textCache = new Map();
function readText(path) {
  if (!textCache.has(path)) {
    textCache.clear();
    textCache.set(path, readFileSync(path, 'utf8'));
  }
  return textCache.get(path);
}

const inproc = (id) => (input, out) => ['node', [
  'bench/lib/inproc.mjs', '--tool', id, '--old', input.old, '--new', input.new, '--out', out,
  '--runs', String(RUNS), '--budget', String(BUDGET),
]];

/**
 * The minimum edit count (inserted + deleted tokens of a shortest edit script) on the engine's
 * tokens: git's exact Myers diff (--minimal, C) over files of one token per line, untimed. With
 * `words`, over the non-space tokens only. Null when it takes longer than MIN_LIMIT seconds.
 */
const MIN_LIMIT = Number(env.MIN_LIMIT ?? 60);
async function minimum(input, words) {
  const files = [input.old, input.new].map((path, k) => {
    let toks = tokenStrings(readText(path));
    if (words) toks = toks.filter((t) => !/^\s/u.test(t));
    const file = join(tmp, `min-${k}.tok`);
    writeFileSync(file, toks.map((t) => JSON.stringify(t)).join('\n') + '\n');
    return file;
  });
  const out = join(tmp, 'min.out');
  const r = await timed('/bin/sh', ['-c', 'exec "$@" > "$0"', out, ...gitEnv, 'git', 'diff', '--no-index', '--no-color', '--minimal', '-U0', ...files], { limit: MIN_LIMIT });
  if (r.killed || !okDiff.includes(r.code)) return null;
  let n = 0;
  let body = false;
  for (const line of readFileSync(out, 'utf8').split('\n')) {
    if (line.startsWith('@@')) body = true;
    else if (body && (line[0] === '+' || line[0] === '-')) n++;
  }
  return n;
}

/** Tokens for difflib, cut by the same code as for everyone else. */
function difflibChild(kind) {
  return (input, out) => {
    const tokFile = join(tmp, `tokens-${kind}.json`);
    const a = readText(input.old);
    const b = readText(input.new);
    const cut = kind === 'words' ? tokenStrings : jsdiffSentences;
    const ta = cut(a);
    const tb = cut(b);
    input.difflibTokens = [ta, tb];
    writeFileSync(tokFile, JSON.stringify([ta, tb]));
    return [PYTHON, ['bench/lib/difflib_bench.py', tokFile, out, String(RUNS), String(BUDGET)]];
  };
}
function difflibFinish(kind) {
  return (input, res) => {
    const [ta, tb] = input.difflibTokens;
    const runs = [];
    for (const [tag, i1, i2, j1, j2] of res.opcodes) {
      if (tag === 'e') runs.push({ op: 'equal', text: ta.slice(i1, i2).join('') });
      else {
        if (i2 > i1) runs.push({ op: 'delete', text: ta.slice(i1, i2).join('') });
        if (j2 > j1) runs.push({ op: 'insert', text: tb.slice(j1, j2).join('') });
      }
    }
    delete res.opcodes;
    const c = checkRuns(readText(input.old), readText(input.new), runs, input.cache);
    if (kind === 'words') return c;
    return { valid: c.valid, why: c.why, ...sentenceRunCounts(runs) };
  };
}

/** jsdiff's own sentence tokenizer (diffSentences), so that difflib diffs the same sentences. */
function jsdiffSentences(value) {
  const result = [];
  let start = 0;
  const isEnd = (c) => c === '.' || c === '!' || c === '?';
  for (let i = 0; i < value.length; i++) {
    if (i === value.length - 1) { result.push(value.slice(start)); break; }
    if (isEnd(value[i]) && /\s/.test(value[i + 1])) {
      result.push(value.slice(start, i + 1));
      i = start = i + 1;
      while (value[i + 1] !== undefined && /\s/.test(value[i + 1])) i++;
      result.push(value.slice(start, i + 1));
      start = i + 1;
    }
  }
  return result;
}

const TOOLS = [
  // (a) word-level diff
  { id: 'storydiff-wasm-word', task: 'word', kind: 'node', label: 'storydiff word mode (wasm in Node)', ref: true, child: inproc('storydiff-wasm-word') },
  { id: 'storydiff-cli-word', task: 'word', kind: 'process', label: 'storydiff --granularity word (native CLI)', ref: true,
    argv: (i) => [STORYDIFF, '--granularity', 'word', '--format', 'json', i.old, i.new], okCodes: okDiff, check: sdCheckWord },
  { id: 'dmp-words', task: 'word', kind: 'node', label: 'diff-match-patch word mode, exact (Diff_Timeout = 0)', child: inproc('dmp-words') },
  { id: 'jsdiff-words', task: 'word', kind: 'node', label: 'jsdiff diffWords', child: inproc('jsdiff-words') },
  { id: 'difflib-words', task: 'word', kind: 'python', label: 'difflib SequenceMatcher on the same tokens', child: difflibChild('words'), finish: difflibFinish('words') },
  { id: 'git-word', task: 'word', kind: 'process', label: 'git diff --no-index --word-diff=porcelain',
    argv: (i) => [...gitEnv, 'git', 'diff', '--no-index', '--no-color', '--word-diff=porcelain', i.old, i.new], okCodes: okDiff, check: null },
  { id: 'git-word-full', task: 'word', kind: 'process', label: 'git … --word-diff=porcelain -U1000000000 (whole text)',
    argv: (i) => [...gitEnv, 'git', 'diff', '--no-index', '--no-color', '--word-diff=porcelain', '-U1000000000', i.old, i.new], okCodes: okDiff,
    check: (input, file) => checkRuns(readText(input.old), readText(input.new), fromGitPorcelain(readFileSync(file, 'utf8')), input.cache) },
  { id: 'wdiff', task: 'word', kind: 'process', label: 'GNU wdiff',
    argv: (i) => ['wdiff', '-w', WDIFF_MARKS[0], '-x', WDIFF_MARKS[1], '-y', WDIFF_MARKS[2], '-z', WDIFF_MARKS[3], i.old, i.new], okCodes: okDiff,
    check: (input, file) => checkRuns(readText(input.old), readText(input.new), fromWdiff(readFileSync(file, 'utf8')), input.cache) },
  // (b) sentence alignment
  { id: 'storydiff-wasm-sentence', task: 'sentence', kind: 'node', label: 'storydiff (wasm in Node)', ref: true, child: inproc('storydiff-wasm-sentence') },
  { id: 'storydiff-cli-sentence', task: 'sentence', kind: 'process', label: 'storydiff (native CLI)', ref: true,
    argv: (i) => [STORYDIFF, '--format', 'json', i.old, i.new], okCodes: okDiff, check: sdCheckSentence },
  { id: 'jsdiff-sentences', task: 'sentence', kind: 'node', label: 'jsdiff diffSentences', child: inproc('jsdiff-sentences') },
  { id: 'difflib-sentences', task: 'sentence', kind: 'python', label: 'difflib SequenceMatcher on jsdiff\'s sentences', child: difflibChild('sentences'), finish: difflibFinish('sentences') },
];

/** The storydiff row a tool is compared with: same task, and in-process or whole process alike. */
const refOf = (tool) => `storydiff-${tool.kind === 'process' ? 'cli' : 'wasm'}-${tool.task}`;

// The must-show jsdiff cell gets a time limit long enough to decide the 1000× target.
function limitFor(tool, input, results) {
  if (tool.id === 'jsdiff-words' && input.name === 'dmp-10x') {
    const sd = results[input.name]?.['storydiff-wasm-word'];
    const med = sd?.times?.length ? median(sd.times) : null;
    if (med) return Math.min(600, Math.max(TIMEOUT, Math.ceil(med * 1000 * 1.25)));
  }
  return TIMEOUT;
}

// ---------------------------------------------------------------------------------------------
// Statistics and formatting.

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
}
const fmtS = (s) => (s == null ? '' : s >= 100 ? s.toFixed(0) : s >= 10 ? s.toFixed(1) : s >= 1 ? s.toFixed(2) : s.toFixed(3));
const fmtInt = (n) => (n == null ? '' : n.toLocaleString('en-US'));
const fmtMB = (kb) => (kb == null ? '' : (kb / 1024).toFixed(1));
const fmtBytes = (b) => (b >= 1e6 ? `${(b / 1e6).toFixed(2)} MB` : `${(b / 1e3).toFixed(1)} KB`);
const pct = (x, min) => (x == null || !min ? '' : `${x >= min ? '+' : ''}${((x / min - 1) * 100).toFixed(1)}%`);

function table(header, rows, align) {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c ?? '')));
  const w = header.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => (align?.[i] === 'l' ? c.padEnd(w[i]) : c.padStart(w[i]))).join(' | ')} |`;
  const sep = `|${w.map((n, i) => (align?.[i] === 'l' ? `:${'-'.repeat(n + 1)}` : `${'-'.repeat(n + 1)}:`)).join('|')}|`;
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].join('\n');
}

function timeCells(r, refMed) {
  if (!r) return ['', '', '', '', '', '', '', ''];
  if (r.skipped) return ['—', r.skipped, '', '', '', '', '', ''];
  if (r.timeout) {
    const ratio = refMed ? `> ${fmtRatio(r.timeout / refMed)}` : '';
    return ['0', `> ${r.timeout} s (timeout)`, '', '', '', '', fmtMB(r.rss_kb), ratio];
  }
  if (r.failed) return ['0', `FAILED (${r.failed})`, '', '', '', '', '', ''];
  const med = median(r.times);
  const runs = String(r.times.length);
  return [runs, fmtS(med), fmtS(Math.min(...r.times)), fmtS(Math.max(...r.times)), r.cpu?.length ? fmtS(median(r.cpu)) : '',
    r.first == null ? '' : fmtS(r.first), fmtMB(r.rss_kb), refMed ? fmtRatio(med / refMed) : ''];
}
const fmtRatio = (x) => (x >= 100 ? `${x.toFixed(0)}×` : x >= 10 ? `${x.toFixed(1)}×` : `${x.toFixed(2)}×`);
const KIND = { node: 'in-process, Node', python: 'in-process, Python', process: 'whole process' };

// ---------------------------------------------------------------------------------------------
// Main.

const versions = {
  node: process.versions.node,
  jsdiff: JSON.parse(readFileSync('node_modules/diff/package.json', 'utf8')).version,
  dmp: JSON.parse(readFileSync('node_modules/diff-match-patch/package.json', 'utf8')).version,
  git: spawnSync('git', ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^git version /, ''),
  wdiff: (spawnSync('wdiff', ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '').replace(/^wdiff \(GNU wdiff\) /, ''),
  python: spawnSync(PYTHON, ['--version'], { encoding: 'utf8' }).stdout.trim().replace(/^Python /, ''),
  storydiff: spawnSync(STORYDIFF, ['--version'], { encoding: 'utf8' }).stdout.trim(),
};

const inputs = INPUTS.filter((i) => !wanted.length || wanted.includes(i.name));
if (wanted.length && inputs.length !== wanted.length) {
  const known = INPUTS.map((i) => i.name).join(', ');
  console.error(`bench: unknown input among ${wanted.join(', ')} (known: ${known})`);
  process.exit(2);
}
const skippedInputs = [];
for (const input of inputs) {
  const why = ensureInput(input);
  if (why) { log(`${input.name}: ${why}`); skippedInputs.push([input.name, why]); input.skip = why; }
  input.cache = {};
}
const active = inputs.filter((i) => !i.skip);

const loadStart = loadavg();
const t0All = Date.now();
const results = {};
// A tool that timed out on an input is not run on the larger inputs of its chain (the speed-test
// pairs; the generated texts).
const timedOutAt = {}; // `${tool id} ${chain}` -> the smallest input it timed out on
for (const input of active) {
  results[input.name] = {};
  for (const tool of TOOLS) {
    if (toolFilter && !toolFilter.has(tool.id)) continue;
    let r;
    const key = `${tool.id} ${input.chain}`;
    if (timedOutAt[key] != null && input.bytes >= timedOutAt[key].bytes) {
      r = { skipped: `not run: timed out on ${timedOutAt[key].name}`, times: [] };
    } else {
      const t = Date.now();
      r = tool.child ? await measureInProcess(tool, input, limitFor(tool, input, results)) : await measureProcess(tool, input);
      if (r.timeout) timedOutAt[key] = { bytes: input.bytes, name: input.name };
      const what = r.timeout ? `timeout (> ${r.timeout} s)` : r.failed ? `FAILED ${r.failed}` : `median ${fmtS(median(r.times))} s over ${r.times.length}`;
      log(`${input.name.padEnd(13)} ${tool.id.padEnd(24)} ${what}; valid ${r.check?.valid ?? '-'}; ${((Date.now() - t) / 1000).toFixed(1)} s`);
    }
    // The Node process around the WebAssembly build, for one call: the runs above share a process,
    // whose garbage collector may keep several results alive.
    if (tool.id.startsWith('storydiff-wasm') && input.family === 'news' && r.times?.length) {
      const out = join(tmp, 'one-call.json');
      const one = await timed('node', ['bench/lib/inproc.mjs', '--tool', tool.id, '--old', input.old, '--new', input.new, '--out', out, '--runs', '0'], { limit: TIMEOUT });
      if (!one.killed && one.code === 0) r.rss_one_call_kb = one.rss_kb;
    }
    results[input.name][tool.id] = r;
    input.cache.posA = input.cache.posB = undefined;
  }
  // The minimum, where an exact diff is affordable: related texts up to a few MB.
  if (input.family !== 'unrelated' && input.bytes <= 3e6) {
    const t = Date.now();
    const min = { tokens: await minimum(input, false), words: await minimum(input, true) };
    results[input.name].minimum = min;
    log(`${input.name.padEnd(13)} minimum (git --minimal)   ${min.tokens ?? '?'} tokens, ${min.words ?? '?'} words; ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  input.cache = null; // free the big arrays
}
const loadEnd = loadavg();
const totalSeconds = (Date.now() - t0All) / 1000;

// git's default (hunks-only) output cannot rebuild the texts; its edits are those of the
// whole-text run (the same diff with more context).
for (const input of active) {
  const r = results[input.name];
  if (r['git-word'] && r['git-word-full']?.check) r['git-word'].check = { ...r['git-word-full'].check, valid: `(as -U∞)` };
}

// ---------------------------------------------------------------------------------------------
// Report.

const md = [];
const commit = spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'no commit';
const cpu = (cpus()[0]?.model ?? 'unknown CPU').trim();
const distFresh = spawnSync('node', ['scripts/check-dist-fresh.mjs'], { encoding: 'utf8' });
md.push('# storydiff benchmarks');
md.push('');
md.push(`Produced by \`bash bench/run.sh${argv.length ? ' ' + argv.join(' ') : ''}\` (RUNS=${RUNS}, BUDGET=${BUDGET} s, TIMEOUT=${TIMEOUT} s) in ${(totalSeconds / 60).toFixed(1)} min.`);
md.push('');
md.push(`- date: ${new Date().toISOString().replace(/:\d\d\.\d+Z$/, ' UTC').replace('T', ' ')}; commit ${commit}; storydiff ${versions.storydiff} (\`${STORYDIFF}\`, dist/ ${distFresh.status === 0 ? 'fresh' : 'STALE: older than its sources'})`);
md.push(`- machine: ${cpu}, ${cpus().length} cores; load average ${loadStart[0].toFixed(2)} at the start, ${loadEnd[0].toFixed(2)} at the end${loadStart[0] > cpus().length * 0.75 || loadEnd[0] > cpus().length * 0.75 ? ' (**a busy machine: times are inflated**)' : ''}`);
md.push(`- peers: Node ${versions.node}, jsdiff (npm \`diff\`) ${versions.jsdiff}, diff-match-patch ${versions.dmp}, git ${versions.git}, wdiff ${versions.wdiff}, Python ${versions.python} difflib`);
md.push('');
md.push('How to read: **median / min / max s** are wall seconds over the timed runs (**runs**); **CPU s** is the median CPU time (user + system, all threads) of a run, which a busy machine inflates less than wall time; in-process tools (Node, Python) get one untimed warm-up run first (**first s**: the cost of a single cold call, JIT and WebAssembly tier-up included; a first run over 1 s counts as a timed run instead) and are timed inside their process; whole-process tools are timed from outside, start-up included. A tool gets at most TIMEOUT s for one run and stops repeating after BUDGET s. **RSS MB** is the peak resident memory of the process (GNU time `%M`; for in-process tools that includes Node or Python themselves, about 45 MB and 10 MB). **× storydiff** is the median divided by storydiff\'s median on the same input and work, in-process against the WebAssembly build in Node, whole processes against the native CLI. **valid**: `exact` = the output rebuilds both texts byte for byte; `ws` = it rebuilds them except for white space (the tool discards it); INVALID otherwise. **edit tokens**: inserted + deleted tokens on storydiff\'s tokenization (words, numbers, punctuation and white-space runs, the tokens storydiff, diff-match-patch and difflib all diff here), counted the same way for every tool; **vs min**: against the minimum (the count of a shortest edit script, from an exact diff of the same tokens; computed for related texts up to a few MB). **edit words**: the same without white-space runs, the count every tool can be given; its minimum comes from an exact diff of the non-space tokens.');
md.push('');
for (const [name, why] of skippedInputs) md.push(`- **${name}**: ${why}`);
if (skippedInputs.length) md.push('');

const inputLine = (input) => {
  let s = `old ${fmtBytes(input.oldBytes)}, new ${fmtBytes(input.newBytes)}`;
  const m = input.manifest;
  if (m?.edits && m.mode !== 'unrelated') {
    const e = m.edits;
    s += `; ${fmtInt(m.old.sentences)} → ${fmtInt(m.new.sentences)} sentences; true edits: ${e.reworded} reworded, ${e.moved_sentences} moved (${e.gold_moved_pairs} out of order), ${e.removed} removed, ${e.added} added, ${e.split} split, ${e.merged} merged`;
  } else if (m) s += `; ${fmtInt(m.old.sentences)} and ${fmtInt(m.new.sentences)} sentences, nothing in common but the vocabulary`;
  return s;
};

function wordTable(input) {
  const r = results[input.name];
  const min = r.minimum?.tokens ?? null;
  const minWords = r.minimum?.words ?? null;
  const dmpMin = r['dmp-words']?.check?.valid === 'exact' ? r['dmp-words'].check.tokens : null;
  const rows = [];
  for (const tool of TOOLS.filter((t) => t.task === 'word')) {
    const m = r[tool.id];
    if (!m) continue;
    const ref = r[refOf(tool)];
    const refMed = tool.ref || !ref?.times?.length ? null : median(ref.times);
    const c = m.check ?? {};
    rows.push([tool.label, KIND[tool.kind], ...timeCells(m, refMed), c.valid ? `${c.valid}${c.approximate ? ' (approximate)' : ''}` : '',
      fmtInt(c.tokens), pct(c.tokens, min), fmtInt(c.words), pct(c.words, minWords)]);
  }
  return table(['tool', 'kind', 'runs', 'median s', 'min s', 'max s', 'CPU s', 'first s', 'RSS MB', '× storydiff', 'valid', 'edit tokens', 'vs min', 'edit words', 'vs min'],
    rows, ['l', 'l']) + '\n\n' + (min
    ? `Minimum (an exact shortest edit script, git --minimal over the same tokens one per line): ${fmtInt(min)} edit tokens, ${fmtInt(minWords)} edit words${dmpMin != null ? (dmpMin === min ? '; diff-match-patch\'s exact diff finds the same count' : `; **diff-match-patch's exact diff found ${fmtInt(dmpMin)}**`) : ''}.`
    : input.family === 'unrelated' || input.bytes > 3e6 ? 'Minimum not computed (an exact diff of this input is too slow).' : `Minimum not computed (over ${MIN_LIMIT} s).`);
}

function sentenceTable(input) {
  const r = results[input.name];
  const rows = [];
  for (const tool of TOOLS.filter((t) => t.task === 'sentence')) {
    const m = r[tool.id];
    if (!m) continue;
    const ref = r[refOf(tool)];
    const refMed = tool.ref || !ref?.times?.length ? null : median(ref.times);
    const c = m.check ?? {};
    rows.push([tool.label, KIND[tool.kind], ...timeCells(m, refMed), c.valid ? `${c.valid}${c.approximate ? ' (approximate)' : ''}` : '',
      fmtInt(c.kept), fmtInt(c.reworded), fmtInt(c.moved), fmtInt(c.unmatched)]);
  }
  return table(['tool', 'kind', 'runs', 'median s', 'min s', 'max s', 'CPU s', 'first s', 'RSS MB', '× storydiff', 'valid', 'kept in order', 'reworded', 'moved', 'unmatched'],
    rows, ['l', 'l']);
}

md.push('## (a, c, d) Word-level diff');
md.push('');
md.push('The same work for every tool: a word diff of the whole texts. storydiff, diff-match-patch and difflib diff exactly the same tokens (storydiff\'s); jsdiff, git and wdiff cut their own words (git and wdiff at white space). "Whole process" rows (c) compare the native CLI with git and wdiff as commands; "in-process" rows (d) compare the WebAssembly build with the JavaScript libraries inside Node (difflib inside Python). git\'s default command prints only the changed hunks; its edits are those of the whole-text run below it.');
md.push('');
for (const input of active) {
  md.push(`### ${input.name}: ${inputLine(input)}`);
  md.push('');
  md.push(wordTable(input));
  md.push('');
}
md.push('## (b) Sentence alignment');
md.push('');
md.push('storydiff aligns sentences (claims): kept in order, reworded (matched though changed), moved, split and merged; jsdiff `diffSentences` and difflib diff sentences as opaque strings (jsdiff\'s sentence cuts for both), so a reworded or moved sentence is one deletion plus one insertion for them. **kept in order**: old sentences matched and not moved; **reworded**: matched pairs that changed; **unmatched**: sentences (old + new) left as deleted or inserted. storydiff\'s validity: every sentence of both texts in exactly one alignment entry, each sentence the text at its offsets.');
md.push('');
for (const input of active) {
  md.push(`### ${input.name}: ${inputLine(input)}`);
  md.push('');
  md.push(sentenceTable(input));
  md.push('');
}

// Scaling.
const scaleInputs = active.filter((i) => i.family === 'news');
const scaleRows = [];
const series = { 'CLI sentence': [], 'wasm sentence': [], 'CLI word': [], 'wasm word': [] };
// In the order of `series`, so that a colour means the same in both panels.
const memSeries = { 'CLI sentence (RSS)': [], 'wasm sentence (heap)': [], 'CLI word (RSS)': [], 'wasm word (heap)': [] };
const memCell = (bytes, input) => (bytes ? `${(bytes / 1e6).toFixed(1)} (${(bytes / input.bytes).toFixed(1)}×)` : '');
for (const input of scaleInputs) {
  const r = results[input.name];
  const get = (id) => (r[id]?.times?.length ? median(r[id].times) : null);
  const row = [input.name, fmtBytes(input.bytes)];
  for (const [id, name, memName, mem] of [
    ['storydiff-cli-sentence', 'CLI sentence', 'CLI sentence (RSS)', (m) => m.rss_kb * 1024],
    ['storydiff-wasm-sentence', 'wasm sentence', 'wasm sentence (heap)', (m) => m.wasm_heap],
    ['storydiff-cli-word', 'CLI word', 'CLI word (RSS)', (m) => m.rss_kb * 1024],
    ['storydiff-wasm-word', 'wasm word', 'wasm word (heap)', (m) => m.wasm_heap],
  ]) {
    const t = get(id);
    const m = r[id];
    const bytes = m && !m.timeout && !m.failed && !m.skipped ? mem(m) : null;
    row.push(fmtS(t), memCell(bytes, input));
    if (id.includes('wasm')) row.push(memCell(m?.rss_one_call_kb ? m.rss_one_call_kb * 1024 : null, input));
    if (t != null) series[name].push([input.bytes, t]);
    if (bytes) memSeries[memName].push([input.bytes, bytes]);
  }
  scaleRows.push(row);
}
/** Growth exponents of time with size between consecutive inputs: 1 = linear, 2 = quadratic. */
const steps = (name) => {
  const s = series[name];
  const out = [];
  for (let k = 1; k < s.length; k++) out.push(Math.log(s[k][1] / s[k - 1][1]) / Math.log(s[k][0] / s[k - 1][0]));
  return out;
};
const stepText = (name) => steps(name).map((e) => e.toFixed(2)).join(' → ') || 'n/a';
const scalingMd = [];
scalingMd.push('Seconds (median) and peak memory in MB (× the input, old + new bytes) on the generated news pairs. Memory: the native CLI\'s peak RSS; for the WebAssembly build, the size of its linear memory after the runs (it only grows, so this is its peak), and the peak RSS of a Node process that loads the module and makes one call (Node itself, the module, the input strings, the JSON text and the result objects).');
scalingMd.push('');
scalingMd.push(table(['input', 'old + new', 'CLI sentence s', 'CLI RSS MB', 'wasm sentence s', 'wasm heap MB', 'Node RSS MB', 'CLI word s', 'CLI word RSS MB', 'wasm word s', 'wasm word heap MB', 'Node RSS MB'], scaleRows, ['l']));
scalingMd.push('');
scalingMd.push(`Growth of time with size, as the exponent between consecutive sizes (log(t2/t1) / log(size2/size1); 1 = linear, 2 = quadratic; fixed costs such as start-up and the module's compilation push it below 1 at small sizes): CLI sentence ${stepText('CLI sentence')}, wasm sentence ${stepText('wasm sentence')}, CLI word ${stepText('CLI word')}, wasm word ${stepText('wasm word')}. The plot: bench/results/scaling.svg.`);
md.push('## Scaling');
md.push('');
md.push(...scalingMd);
md.push('');

// Must-show targets.
const must = [];
const med = (input, id) => (results[input]?.[id]?.times?.length && !results[input][id].timeout ? median(results[input][id].times) : null);
const R = (input, id) => results[input]?.[id];
const verdict = (ok) => (ok == null ? 'not measured' : ok ? '**met**' : '**MISSED**');
if (results['dmp-10x']) {
  const sd = med('dmp-10x', 'storydiff-wasm-word');
  const dmp = R('dmp-10x', 'dmp-words');
  const js = R('dmp-10x', 'jsdiff-words');
  const dmpX = sd && dmp ? (dmp.timeout ? dmp.timeout / sd : median(dmp.times) / sd) : null;
  const jsX = sd && js ? (js.timeout ? js.timeout / sd : js.times.length ? median(js.times) / sd : null) : null;
  must.push(['wasm word mode on dmp-10x ≥ 20× faster than diff-match-patch exact', `${fmtS(sd)} s vs ${dmp?.timeout ? `> ${dmp.timeout}` : fmtS(med('dmp-10x', 'dmp-words'))} s: ${dmpX ? `${dmp?.timeout ? '> ' : ''}${fmtRatio(dmpX)}` : '?'}`, verdict(dmpX == null ? null : dmpX >= 20)]);
  must.push(['… ≥ 1000× faster than jsdiff diffWords', `${fmtS(sd)} s vs ${js?.timeout ? `> ${js.timeout}` : fmtS(med('dmp-10x', 'jsdiff-words'))} s: ${jsX ? `${js?.timeout ? '> ' : ''}${fmtRatio(jsX)}` : '?'}`, verdict(jsX == null ? null : jsX >= 1000)]);
  const c = R('dmp-10x', 'storydiff-wasm-word')?.check;
  const min = results['dmp-10x'].minimum?.tokens;
  const minW = results['dmp-10x'].minimum?.words;
  must.push(['… edit count within 5% of the minimum', c && min ? `${fmtInt(c.tokens)} vs ${fmtInt(min)} tokens (${pct(c.tokens, min)}); words ${fmtInt(c.words)} vs ${fmtInt(minW)} (${pct(c.words, minW)})` : 'no minimum',
    verdict(c && min ? c.tokens <= min * 1.05 : null)]);
  const cli = med('dmp-10x', 'storydiff-cli-word');
  const git = med('dmp-10x', 'git-word');
  must.push(['native CLI (whole process, word mode) on dmp-10x within 2× of git --word-diff=porcelain', `${fmtS(cli)} s vs ${fmtS(git)} s: ${cli && git ? fmtRatio(cli / git) : '?'}`, verdict(cli && git ? cli <= 2 * git : null)]);
}
if (results['news-10MB']) {
  const inp = active.find((i) => i.name === 'news-10MB');
  const cli = med('news-10MB', 'storydiff-cli-sentence');
  const wasm = med('news-10MB', 'storydiff-wasm-sentence');
  const rss = R('news-10MB', 'storydiff-cli-sentence')?.rss_kb;
  const heap = R('news-10MB', 'storydiff-wasm-sentence')?.wasm_heap;
  must.push(['news-10MB aligned in < 1 s native', `${fmtS(cli)} s`, verdict(cli == null ? null : cli < 1)]);
  must.push(['news-10MB aligned in < 2 s wasm', `${fmtS(wasm)} s (first call ${fmtS(R('news-10MB', 'storydiff-wasm-sentence')?.first)} s)`, verdict(wasm == null ? null : wasm < 2)]);
  const node1 = R('news-10MB', 'storydiff-wasm-sentence')?.rss_one_call_kb;
  must.push(['news-10MB peak memory < 20× the input', `CLI ${fmtMB(rss)} MB = ${rss ? (rss * 1024 / inp.bytes).toFixed(1) : '?'}× old + new; wasm heap ${heap ? (heap / 1e6).toFixed(0) : '?'} MB = ${heap ? (heap / inp.bytes).toFixed(1) : '?'}× (the whole Node process for one call: ${node1 ? `${fmtMB(node1)} MB = ${(node1 * 1024 / inp.bytes).toFixed(1)}×` : '?'})`,
    verdict(rss ? rss * 1024 < 20 * inp.bytes && (!heap || heap < 20 * inp.bytes) : null)]);
  const last = (name) => steps(name).at(-1);
  const g = [last('CLI sentence'), last('wasm sentence')];
  must.push(['time grows about linearly (1 MB → 10 MB)', `exponent CLI ${g[0]?.toFixed(2)}, wasm ${g[1]?.toFixed(2)} (1 = linear, 2 = quadratic); 100 KB → 1 MB → 10 MB: CLI ${stepText('CLI sentence')}, wasm ${stepText('wasm sentence')}`,
    verdict(Number.isFinite(g[0]) && Number.isFinite(g[1]) ? g[0] <= 1.15 && g[1] <= 1.15 : null)]);
  const cw = med('news-10MB', 'storydiff-cli-word');
  const ww = med('news-10MB', 'storydiff-wasm-word');
  must.push(['(also) news-10MB word mode', `CLI ${fmtS(cw)} s, wasm ${fmtS(ww)} s; valid ${R('news-10MB', 'storydiff-cli-word')?.check?.valid ?? '?'}${R('news-10MB', 'storydiff-cli-word')?.check?.approximate ? ' (approximate)' : ''}`, '']);
}
if (results['unrelated-1MB']) {
  const rows = [['storydiff-cli-sentence', 'CLI sentence'], ['storydiff-wasm-sentence', 'wasm sentence'], ['storydiff-cli-word', 'CLI word'], ['storydiff-wasm-word', 'wasm word']];
  const parts = [];
  let ok = true;
  for (const [id, name] of rows) {
    const m = R('unrelated-1MB', id);
    const t = med('unrelated-1MB', id);
    const valid = m?.check?.valid;
    parts.push(`${name} ${fmtS(t)} s ${valid ?? '?'}${m?.check?.approximate ? ' (approximate)' : ''}`);
    if (t == null || t >= 2 || valid !== 'exact') ok = false;
  }
  must.push(['two unrelated 1 MB texts: < 2 s, correct result', parts.join('; '), verdict(ok)]);
}
if (!must.length) must.push(['(none of the must-show inputs was in this run)', '', '']);
const mustMd = table(['target', 'measured', 'verdict'], must, ['l', 'l', 'l']);
md.splice(md.indexOf('## (a, c, d) Word-level diff'), 0, '## Must-show targets', '', mustMd, '');

mkdirSync(RESULTS, { recursive: true });
writeFileSync(join(RESULTS, 'bench.md'), md.join('\n'));
writeFileSync(join(RESULTS, 'scaling.md'), ['# storydiff scaling', '', ...scalingMd, ''].join('\n'));
writeFileSync(join(RESULTS, 'scaling.svg'), scalingSvg(series, memSeries));
writeFileSync(join(DATA, 'results.json'), JSON.stringify({ versions, inputs: active.map(({ cache, ...i }) => i), results }, null, 1));
console.log(md.join('\n'));
log(`wrote ${relative(root, join(RESULTS, 'bench.md'))}, scaling.md and scaling.svg in ${(totalSeconds / 60).toFixed(1)} min`);
// An INVALID storydiff result is a failure of the run (a peer's is only reported).
const bad = Object.values(results).flatMap((r) => Object.entries(r)).filter(([id, m]) => id.startsWith('storydiff') && (m.check?.valid === 'INVALID' || m.failed));
for (const [id, m] of bad) log(`storydiff failed: ${id}: ${m.failed ?? m.check.why}`);
process.exit(bad.length ? 1 : 0);
