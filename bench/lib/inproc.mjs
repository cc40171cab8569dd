#!/usr/bin/env node
// inproc.mjs — times one in-process tool (storydiff's WebAssembly build in Node, jsdiff,
// diff-match-patch) on one input pair, in a process of its own so that the caller can enforce a
// time budget by killing it and can read its peak memory.
//
//   node bench/lib/inproc.mjs --tool TOOL --old OLD --new NEW --out RESULT.json \
//        [--runs 5] [--budget 60]
//
// Protocol: run 1 is a warm-up (its time is reported as `first`: V8's JIT and WebAssembly tier-up
// happen there) unless it took over a second, when it counts as the first timed run; then timed
// runs up to --runs in all, never starting one that would end after --budget seconds (the warm-up
// counts against the budget). The output of the first run is
// checked (lib/check.mjs). RESULT.json is rewritten after every step, so that a run
// killed for its budget still leaves what it had measured.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { checkAlignment, checkRuns, fromDmp, fromJsdiff, sentenceRunCounts } from './check.mjs';
import { tokenStrings } from './tokenize.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');

const args = {};
for (let k = 2; k < process.argv.length; k++) {
  const a = process.argv[k];
  if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
  const key = a.slice(2);
  args[key] = process.argv[++k];
}
const runs = Number(args.runs ?? 5);
const budget = Number(args.budget ?? 60) * 1000;
const oldText = readFileSync(args.old, 'utf8');
const newText = readFileSync(args.new, 'utf8');

const result = { tool: args.tool, times: [], cpu: [], first: null, check: null };
const save = () => writeFileSync(args.out, JSON.stringify(result));

// ---------------------------------------------------------------------------------------------
// The tools. Each returns a function that diffs the two texts and returns its native result, and
// a function turning that result into runs (and extra facts) for the check.

/** diff-match-patch in word mode: its linesToChars trick applied to tokens. */
function dmpWords(DMP, a, b) {
  const ids = new Map();
  const vocab = [''];
  const encode = (toks) => {
    const codes = new Array(toks.length);
    for (let k = 0; k < toks.length; k++) {
      const t = toks[k];
      let c = ids.get(t);
      if (c === undefined) {
        c = vocab.length;
        if (c > 0xffff) throw new Error('more than 65,535 distinct tokens: diff-match-patch word mode cannot encode them');
        vocab.push(t);
        ids.set(t, c);
      }
      codes[k] = String.fromCharCode(c);
    }
    return codes.join('');
  };
  const ca = encode(tokenStrings(a));
  const cb = encode(tokenStrings(b));
  const dmp = new DMP();
  dmp.Diff_Timeout = 0; // exact: no time limit, no half-match shortcut
  const diffs = dmp.diff_main(ca, cb, false);
  // Back to text, as diff_charsToLines_ does.
  for (const d of diffs) {
    const s = d[1];
    const parts = new Array(s.length);
    for (let i = 0; i < s.length; i++) parts[i] = vocab[s.charCodeAt(i)];
    d[1] = parts.join('');
  }
  return diffs;
}

async function loadWasm() {
  const { init, compare } = await import(join(root, 'dist', 'storydiff.mjs'));
  const bytes = readFileSync(join(root, 'dist', 'storydiff.wasm'));
  let memory = null;
  await init({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(bytes, imports).then(({ instance, module }) => {
        memory = instance.exports.memory instanceof WebAssembly.Memory ? instance.exports.memory
          : Object.values(imports.env ?? {}).find((v) => v instanceof WebAssembly.Memory) ?? null;
        receive(instance, module);
      });
      return {};
    },
  });
  return { compare, heap: () => (memory ? memory.buffer.byteLength : null) };
}

async function setup(tool) {
  switch (tool) {
    case 'storydiff-wasm-word':
    case 'storydiff-wasm-sentence': {
      const granularity = tool.endsWith('word') ? 'word' : 'sentence';
      const sd = await loadWasm();
      result.heap = () => sd.heap();
      return {
        run: () => sd.compare({ name: 'old.txt', text: oldText, format: 'text' }, { name: 'new.txt', text: newText, format: 'text' }, { granularity }),
        check: (res) => {
          if (granularity === 'word') {
            const c = checkRuns(oldText, newText, res.edits);
            return { ...c, approximate: res.approximate };
          }
          return checkAlignment(res, Buffer.from(oldText, 'utf8'), Buffer.from(newText, 'utf8'));
        },
      };
    }
    case 'jsdiff-words': {
      const { diffWords } = await import('diff');
      return { run: () => diffWords(oldText, newText), check: (res) => checkRuns(oldText, newText, fromJsdiff(res)) };
    }
    case 'jsdiff-sentences': {
      const { diffSentences } = await import('diff');
      return {
        run: () => diffSentences(oldText, newText),
        check: (res) => {
          const runs = fromJsdiff(res);
          const c = checkRuns(oldText, newText, runs);
          return { valid: c.valid, why: c.why, ...sentenceRunCounts(runs) };
        },
      };
    }
    case 'dmp-words': {
      const { default: DMP } = await import('diff-match-patch');
      return {
        run: () => dmpWords(DMP, oldText, newText),
        check: (res) => checkRuns(oldText, newText, fromDmp(res)),
      };
    }
    default:
      throw new Error(`unknown tool ${tool}`);
  }
}

const tool = await setup(args.tool);
const started = performance.now();
let out;
const cpuSeconds = (u) => (u.user + u.system) / 1e6;
let firstCpu;
{
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  out = tool.run();
  result.first = (performance.now() - t0) / 1000;
  firstCpu = cpuSeconds(process.cpuUsage(c0));
}
if (result.heap) result.wasm_heap = result.heap();
save();
process.stdout.write('first-run-done\n'); // the caller's time limit for the first run ends here
result.check = tool.check(out);
out = null;
save();

// A first run longer than a second needs no warm-up (JIT and tier-up take milliseconds): it
// counts as the first timed run.
if (result.first > 1) {
  result.times.push(result.first);
  result.cpu.push(firstCpu);
}
let longest = result.first;
for (let k = result.times.length; k < runs; k++) {
  const elapsed = performance.now() - started;
  if (elapsed + longest * 1000 > budget) break;
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  tool.run();
  const dt = (performance.now() - t0) / 1000;
  result.times.push(dt);
  result.cpu.push(cpuSeconds(process.cpuUsage(c0)));
  longest = Math.max(longest, dt);
  save();
}
if (result.heap) result.wasm_heap = result.heap();
delete result.heap;
save();
