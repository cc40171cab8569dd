#!/usr/bin/env node
// storydiff — the command-line tool through Node and WebAssembly: the package's `bin`, for where
// no native build exists (`npx storydiff OLD NEW`). The arguments are parsed, and the result
// rendered, by the native CLI's own code (cli/options.cpp, cli/render_text.cpp,
// cli/render_html.cpp) compiled into the module, so options, messages, output and exit codes are
// the native CLI's. Its module (storydiff-cli.wasm) is the package's engine plus those CLI parts,
// kept apart so that library users do not download them. This file does what cli/main.cpp and cli/input.cpp do with files and the
// terminal. The `batch` mode (JSON Lines corpora) needs the native CLI.

import { closeSync, fstatSync, openSync, readFileSync, readSync, statSync, writeSync } from 'node:fs';
import { setFlagsFromString } from 'node:v8';

import createStorydiffCore from './storydiff-cli-core.mjs';

// diff's exit codes.
const SAME = 0;
const DIFFERENT = 1;
const TROUBLE = 2;

class Trouble extends Error {}

const ERRNO_TEXT = {
  ENOENT: 'No such file or directory', EACCES: 'Permission denied', EPERM: 'Operation not permitted',
  EISDIR: 'Is a directory', ENOTDIR: 'Not a directory', ELOOP: 'Too many levels of symbolic links',
  ENAMETOOLONG: 'File name too long', EMFILE: 'Too many open files', EIO: 'Input/output error',
  ENXIO: 'No such device or address', EINVAL: 'Invalid argument',
};

const ioError = (path, e) => new Trouble(`${path}: ${ERRNO_TEXT[e.code] ?? e.message}`);
const tooLarge = (path, maxBytes) => new Trouble(`${path}: larger than the limit of ${maxBytes} bytes (raise it with --max-size)`);

// A short sleep for a non-blocking standard input that has nothing yet.
const pause = () => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);

// The bytes of `path` ("-" is standard input), refusing more than maxBytes (as cli/input.cpp).
function readInput(path, maxBytes) {
  const isStdin = path === '-';
  const name = isStdin ? 'standard input' : path;
  let fd = 0;
  if (!isStdin) {
    let st;
    try {
      st = statSync(path);
    } catch (e) {
      throw ioError(path, e);
    }
    if (st.isDirectory()) throw new Trouble(`${path}: is a directory`);
    if (st.isFile() && st.size > maxBytes) throw tooLarge(path, maxBytes);
    try {
      fd = openSync(path, 'r');
    } catch (e) {
      throw ioError(path, e);
    }
  }
  const chunks = [];
  let total = 0;
  try {
    const buf = Buffer.allocUnsafe(1 << 16);
    for (;;) {
      let n;
      try {
        n = readSync(fd, buf, 0, buf.length, null);
      } catch (e) {
        if (e.code === 'EAGAIN') {
          pause();
          continue;
        }
        if (e.code === 'EOF') break;
        throw ioError(name, e);
      }
      if (n === 0) break;
      chunks.push(Buffer.from(buf.subarray(0, n)));
      total += n;
      if (total > maxBytes) throw tooLarge(name, maxBytes);
    }
  } finally {
    if (!isStdin) closeSync(fd);
  }
  return Buffer.concat(chunks);
}

function writeAll(fd, bytes) {
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if (e.code !== 'EAGAIN') throw e;
      pause(); // a non-blocking pipe is full
    }
  }
}

function isTerminal(fd) {
  try {
    return fstatSync(fd).isCharacterDevice() && process.stdout.isTTY === true;
  } catch {
    return false;
  }
}

// The engine's {"error": {code, message}} JSON as the CLI's one-line message.
const engineTrouble = (json) => new Trouble(JSON.parse(json).error.message);

async function main(args) {
  if (args[0] === 'batch') {
    throw new Trouble('batch mode needs the native storydiff CLI (cmake -S . -B build && cmake --build build)');
  }
  // One comparison per process: V8's optimising tier would compile the engine's large functions
  // in the background for longer than the baseline code takes to run (1 MB pair: 1.4 s of CPU
  // with tier-up against 0.5 s without; 10 MB: 3.4 s against 2.7 s). Set before the module is
  // compiled; this process only.
  setFlagsFromString('--liftoff-only');
  const printed = [];
  const core = await createStorydiffCore({
    wasmBinary: readFileSync(new URL('./storydiff-cli.wasm', import.meta.url)),
    printErr: (text) => printed.push(text),
  });
  const decoder = new TextDecoder();
  const take = (view) => {
    const text = decoder.decode(view);
    core.release_result();
    return text;
  };

  const o = core.cli_parse(args);
  if (o.error !== undefined) throw engineTrouble(o.error);
  if (o.help) {
    writeAll(1, Buffer.from(core.cli_usage()));
    return SAME;
  }
  if (o.version) {
    writeAll(1, Buffer.from(`storydiff ${core.engine_version()}\n`));
    return SAME;
  }

  const documents = [];
  for (const path of o.files) {
    let bytes;
    try {
      bytes = readInput(path, o.max_bytes);
    } catch (e) {
      // The native CLI reads and checks each document before opening the next: report an
      // earlier document's problem first, as it would.
      for (const d of documents) {
        const json = take(core.read_json(d.bytes, d.name, o.format, o.max_bytes, o.replace_invalid_utf8));
        if (json.startsWith('{"error":')) throw engineTrouble(json);
      }
      throw e;
    }
    documents.push({ bytes, name: path, format: o.format });
  }

  let color = o.color === 'always';
  if (o.color === 'auto') {
    const noColor = process.env.NO_COLOR;
    color = !(noColor !== undefined && noColor !== '') && o.output_file === '' && isTerminal(1);
  }
  const result = core.compare_documents(documents, o.options, o.max_bytes, o.replace_invalid_utf8,
    o.brief ? 'json' : o.output, o.indent, color, o.show_unchanged);
  if (result.error !== undefined) throw engineTrouble(result.error);
  const text = take(result.output);
  if (o.brief) return result.differ ? DIFFERENT : SAME;

  let fd = 1;
  if (o.output_file !== '') {
    try {
      fd = openSync(o.output_file, 'w');
    } catch {
      throw new Trouble(`${o.output_file}: cannot write`);
    }
  }
  try {
    writeAll(fd, Buffer.from(o.output === 'json' ? text + '\n' : text));
  } catch {
    throw new Trouble(`${o.output_file === '' ? 'standard output' : o.output_file}: write failed`);
  } finally {
    if (fd !== 1) closeSync(fd);
  }
  return result.differ ? DIFFERENT : SAME;
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (e) {
  if (e instanceof Trouble) {
    process.stderr.write(`storydiff: ${e.message}\n`);
  } else if (/\bOOM\b/.test(String(e?.message))) {
    process.stderr.write('storydiff: out of memory: the WebAssembly build is limited to a 2 GiB heap (the native CLI is not)\n');
  } else {
    process.stderr.write(`storydiff: internal error: ${e?.stack ?? e}\n`);
  }
  process.exitCode = TROUBLE;
}
