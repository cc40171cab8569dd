#!/usr/bin/env node
// Speed of the WebAssembly engine in Node beside the native engine, on the samples and large pairs.
//
//   node tests/js/speed.mjs [--runs N] [DIR_WITH_old.txt_AND_new.txt ...]
//
// Per comparison, best of N, in milliseconds of CPU time (user + system; on a shared machine wall
// time mostly measures the other processes) and of wall time:
// - wasm warm: in-process compareToJson (read + compare + JSON, what the CLI does minus file I/O)
//   once V8 has optimised the module; wasm cold: the first call of a fresh module.
// - native in-process: `build/storydiff batch --jobs 1` over K copies of the job against one
//   copy, (T(K) - T(1)) / (K - 1) (each job reads its two files, compares and prints the JSON).
// - CLI: whole processes, `build/storydiff --format json OLD NEW` and `node dist/cli.mjs ...`.
// Without a DIR, bench/data/news-1MB is used when present (make it with
// `node bench/gen-news.mjs --size 1MB --out bench/data/news-1MB`). Not a test: figures only.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

import { cli, hasNative, loadPackage, native, root, samplePairs } from './helpers.mjs';

const args = process.argv.slice(2);
let runs = 7;
const dirs = [];
for (let k = 0; k < args.length; ++k) {
  if (args[k] === '--runs') runs = Number(args[++k]);
  else dirs.push(args[k]);
}
if (dirs.length === 0 && existsSync(join(root, 'bench', 'data', 'news-1MB', 'old.txt'))) dirs.push(join(root, 'bench', 'data', 'news-1MB'));

const cases = samplePairs().map((p) => ({ label: `${p.story}: ${p.new.split('/').pop()}`, old: join(root, p.old), new: join(root, p.new), oldName: p.old, newName: p.new }));
for (const d of dirs) cases.push({ label: d, old: join(d, 'old.txt'), new: join(d, 'new.txt'), oldName: 'old.txt', newName: 'new.txt' });

// GNU time gives a child's CPU time; without it, wall time stands in.
const gnuTime = existsSync('/usr/bin/time');

/** { wall, cpu } of one process run, in ms. */
function timeProcess(command, argv, input) {
  const t0 = performance.now();
  const r = gnuTime
    ? spawnSync('/usr/bin/time', ['-f', '%U %S', command, ...argv], { input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 26 })
    : spawnSync(command, argv, { input, stdio: ['pipe', 'ignore', 'ignore'] });
  const wall = performance.now() - t0;
  if (r.status > 1) throw new Error(`${command} ${argv.join(' ')}: exit ${r.status}`);
  if (!gnuTime) return { wall, cpu: wall };
  const [user, sys] = r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  return { wall, cpu: (user + sys) * 1000 };
}

function best(times) {
  return { wall: Math.min(...times.map((t) => t.wall)), cpu: Math.min(...times.map((t) => t.cpu)) };
}

function repeat(n, fn) {
  return best(Array.from({ length: n }, fn));
}

// Native in-process time per comparison, from `storydiff batch --jobs 1` runs of 1 and K jobs.
function nativeInProcess(c, k) {
  const job = JSON.stringify({ id: 'x', docs: [{ path: c.old, name: c.oldName }, { path: c.new, name: c.newName }] }) + '\n';
  const one = repeat(runs, () => timeProcess(native, ['batch', '--jobs', '1'], job));
  const many = repeat(runs, () => timeProcess(native, ['batch', '--jobs', '1'], job.repeat(k)));
  return { wall: (many.wall - one.wall) / (k - 1), cpu: (many.cpu - one.cpu) / (k - 1) };
}

// One in-process call: wall and this process's CPU time (V8's helper threads included).
function timeCall(fn) {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const wall = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wall, cpu: (c.user + c.system) / 1000 };
}

const fmt = (t) => `${t.cpu.toFixed(t.cpu < 10 ? 2 : 1).padStart(7)} ${t.wall.toFixed(t.wall < 10 ? 2 : 1).padStart(7)}`;
console.log(`CPU and wall ms, best of ${runs}${gnuTime ? '' : ' (no /usr/bin/time: native CPU is wall time)'}`);
console.log(`${'case'.padEnd(36)} ${'bytes'.padStart(8)} | ${'wasm cold'.padStart(15)} | ${'wasm warm'.padStart(15)} | ${'native in-proc'.padStart(15)} | warm/native (cpu) | ${'native CLI'.padStart(15)} | ${'wasm CLI'.padStart(15)}`);
let instance = 0;
for (const c of cases) {
  const a = { name: c.oldName, bytes: readFileSync(c.old) };
  const b = { name: c.newName, bytes: readFileSync(c.new) };
  const size = a.bytes.length + b.bytes.length;
  const sd = await loadPackage(`speed-${instance++}`);
  await sd.init();
  const cold = timeCall(() => sd.compareToJson(a, b));
  for (let k = 0; k < 3; ++k) sd.compareToJson(a, b); // let V8 optimise
  const warm = repeat(runs, () => timeCall(() => sd.compareToJson(a, b)));
  let line = `${c.label.slice(-36).padEnd(36)} ${String(size).padStart(8)} | ${fmt(cold)} | ${fmt(warm)} | `;
  if (hasNative()) {
    const inProcess = nativeInProcess(c, size > 200_000 ? 6 : 60);
    const nativeCli = repeat(runs, () => timeProcess(native, ['--format', 'json', c.old, c.new]));
    const wasmCli = repeat(Math.min(runs, 3), () => timeProcess(process.execPath, [cli, '--format', 'json', c.old, c.new]));
    line += `${fmt(inProcess)} | ${(warm.cpu / inProcess.cpu).toFixed(2).padStart(17)} | ${fmt(nativeCli)} | ${fmt(wasmCli)}`;
  } else {
    line += `(no native CLI at ${native})`;
  }
  console.log(line);
}
