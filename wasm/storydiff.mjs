// storydiff — the JavaScript API: compare versions of a news story sentence by sentence ("claims").
//
//   import { init, compare } from 'storydiff';
//   await init();
//   const result = compare(oldText, newText);   // the same object `storydiff --format json` prints
//
// One ES module for Node (ESM and worker_threads), browsers, module Web Workers and bundlers: no
// top-level Node imports. In Node the .wasm beside this file is read with node:fs and handed to
// the Emscripten glue as `wasmBinary`; elsewhere the glue fetches it (or the caller's
// `locateFile` / `wasmBinary` decide). Types: storydiff.d.ts.

import createStorydiffCore from './storydiff-core.mjs';

/** The package (and engine) version. */
export const version = '0.1.0';

/** Documented limits of the WebAssembly build. */
export const limits = Object.freeze({
  /** Default per-document input limit (as the CLI's --max-size): larger → input_too_large. */
  default_max_bytes: 64 * 1024 * 1024,
  /** Highest accepted `max_bytes`: one input and its copy must fit in the heap. */
  max_bytes: 1024 * 1024 * 1024,
  /** The WebAssembly heap grows up to this; past it a call fails with out_of_memory. */
  max_memory: 2 * 1024 * 1024 * 1024,
});

/** Every failure of this package: a stable `code` and a message a person can act on. */
export class StorydiffError extends Error {
  constructor(code, message, options) {
    super(message, options);
    this.name = 'StorydiffError';
    /** "invalid_utf8", "binary_input", "input_too_large", "bad_option", "unsupported_format",
     *  "io_error", "internal", "not_initialized" or "out_of_memory". */
    this.code = code;
  }
}

// ---------------------------------------------------------------------------------------------
// Initialisation: one cached promise per engine instance.

let pending = null; // Promise of the instance being created or created; null before init
let core = null; // the ready instance; null until init resolves, and again after a crash
let goodOptions = {}; // the options of the last instance that loaded, for re-creating it
let restarting = false; // a crash discarded the instance and a fresh one is on its way

const isNode =
  typeof process === 'object' && process !== null && typeof process.versions === 'object' &&
  typeof process.versions.node === 'string';

let nodeWasm = null; // Promise of the .wasm bytes in Node, read once

function readWasmInNode() {
  nodeWasm ??= (async () => {
    // Hidden from bundlers: a literal 'node:fs/promises' would make a browser bundle fail.
    const fsModule = 'node:fs/promises';
    const { readFile } = await import(/* @vite-ignore */ /* webpackIgnore: true */ fsModule);
    return readFile(new URL('./storydiff.wasm', import.meta.url));
  })();
  nodeWasm.catch(() => {
    nodeWasm = null;
  });
  return nodeWasm;
}

async function createInstance(options) {
  // The factory mutates the object it is given: always hand it a copy.
  const settings = { ...options };
  const state = { abortReason: null, lastError: '', wasmUrl: '' };
  const callerAbort = settings.onAbort;
  const callerPrintErr = settings.printErr;
  settings.onAbort = (what) => {
    state.abortReason = String(what ?? '');
    if (typeof callerAbort === 'function') callerAbort(what);
  };
  // The glue reports failures through printErr before throwing; keep the text for the error
  // message instead of writing to the console of someone else's program.
  settings.printErr = (text) => {
    state.lastError = String(text);
    if (typeof callerPrintErr === 'function') callerPrintErr(text);
  };
  if (isNode && !settings.wasmBinary && !settings.locateFile && !settings.instantiateWasm) {
    settings.wasmBinary = await readWasmInNode();
  }
  // Remember where the glue looks for the .wasm, so that a failure can say where it looked.
  const callerLocate = settings.locateFile;
  settings.locateFile = (path, prefix) => {
    const where = typeof callerLocate === 'function' ? callerLocate(path, prefix) : prefix + path;
    if (path.endsWith('.wasm')) state.wasmUrl = String(where);
    return where;
  };
  let instance;
  try {
    instance = await createStorydiffCore(settings);
  } catch (error) {
    if (error !== null && typeof error === 'object') error.storydiffWasmUrl = state.wasmUrl;
    throw error;
  }
  const engineVersion = instance.engine_version();
  if (engineVersion !== version) {
    // A cached or mixed-up storydiff.wasm beside a newer wrapper, or the reverse.
    throw new Error(`storydiff.wasm is version ${engineVersion}, but storydiff.mjs is ${version}`);
  }
  instance.storydiffState = state;
  return instance;
}

function startInit(options) {
  const attempt = createInstance(options).then(
    (instance) => {
      if (pending === attempt) {
        core = instance;
        goodOptions = options;
        restarting = false;
      }
      return instance;
    },
    (error) => {
      if (pending === attempt) {
        pending = null; // a later init() may retry
        restarting = false;
      }
      const url = error?.storydiffWasmUrl;
      // The glue's own advice (rebuilding with ASSERTIONS) is for Emscripten users, not ours.
      const reason = describe(error).replace(/\s*Build with -s ASSERTIONS=1 for more info\.?/, '');
      throw new StorydiffError(
        'internal',
        `storydiff could not load its WebAssembly module${url ? ` from ${url}` : ''}: ${reason}` +
          (isNode ? '' : ' (check that storydiff.wasm is served there, or pass locateFile / wasmBinary to init())'),
        { cause: error },
      );
    },
  );
  pending = attempt;
  return attempt;
}

/**
 * Loads the engine; resolves when compare() and read() may be called. Cached: while loading or
 * loaded, every call shares one promise and the options of the call that started it win. After a
 * failure a later call retries (with its own options; without any, with those of the last
 * instance that loaded). Options go to the Emscripten module factory (locateFile, wasmBinary,
 * instantiateWasm, ...).
 */
export function init(options) {
  if (!pending) {
    if (options !== undefined && options !== null && typeof options !== 'object') {
      return Promise.reject(badOption('init options must be an object (locateFile, wasmBinary, ...)'));
    }
    startInit(options ? { ...options } : goodOptions);
  }
  return pending.then(() => undefined);
}

function describe(error) {
  if (error instanceof Error) return error.message;
  return String(error);
}

function ready(what) {
  if (core) return core;
  if (restarting) {
    throw new StorydiffError(
      'not_initialized',
      `storydiff is restarting after a previous failure: await init() before calling ${what}() again`,
    );
  }
  throw new StorydiffError('not_initialized', `storydiff is not loaded yet: await init() before calling ${what}()`);
}

// A throw out of WebAssembly (an abort, a trap, a stack overflow) leaves the instance unusable:
// drop it, start a fresh one in the background, and report what happened.
function crashed(instance, error) {
  if (core === instance) {
    core = null;
    pending = null;
    restarting = true;
    startInit(goodOptions).catch(() => {}); // init() reports a failure to whoever awaits it
  }
  const state = instance.storydiffState ?? {};
  const reason = state.abortReason ?? '';
  if (reason === 'OOM' || /\bOOM\b|out of memory/i.test(describe(error))) {
    return new StorydiffError(
      'out_of_memory',
      `storydiff ran out of memory (the WebAssembly heap is limited to ${limits.max_memory / 2 ** 30} GiB): ` +
        'compare smaller documents; await init() before the next call',
      { cause: error },
    );
  }
  return new StorydiffError(
    'internal',
    `storydiff failed inside the engine (${describe(error)}); this is a bug — please report it with ` +
      'the two inputs. Await init() before the next call.',
    { cause: error },
  );
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

// Calls into the module; a throw out of WebAssembly means the instance is lost.
function invoke(instance, fn, args) {
  try {
    return instance[fn](...args);
  } catch (error) {
    throw crashed(instance, error);
  }
}

// A heap view returned by the module, decoded at once and then released.
function take(instance, view) {
  try {
    const text = decoder.decode(view);
    instance.release_result();
    return text;
  } catch (error) {
    throw crashed(instance, error);
  }
}

function engineError(json) {
  const { error } = JSON.parse(json);
  return new StorydiffError(error.code, error.message);
}

// Calls a function that returns JSON (or a heap view of it), and throws the engine's
// {"error": {code, message}} as a StorydiffError.
function call(what, fn, args) {
  const instance = ready(what);
  let json = invoke(instance, fn, args);
  if (typeof json !== 'string') json = take(instance, json);
  if (/^\{\s*"error"\s*:/.test(json.slice(0, 40))) throw engineError(json);
  return json;
}

// ---------------------------------------------------------------------------------------------
// Arguments.

function badOption(message) {
  return new StorydiffError('bad_option', message);
}

function isPlainObject(value) {
  if (value === null || typeof value !== 'object') return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function asBytes(value) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  return null;
}

const READ_OPTION_KEYS = new Set(['format', 'max_bytes', 'replace_invalid_utf8']);

// ReadOptions as plain fields, named as in the C++ struct storydiff::ReadOptions.
function readSettings(options, extraKeys = []) {
  if (options === undefined || options === null) options = {};
  if (!isPlainObject(options)) throw badOption('read options must be a plain object');
  for (const key of Object.keys(options)) {
    if (!READ_OPTION_KEYS.has(key) && !extraKeys.includes(key)) throw badOption(`unknown read option '${key}'`);
  }
  const { format = 'auto', max_bytes = limits.default_max_bytes, replace_invalid_utf8 = false } = options;
  if (typeof format !== 'string') throw badOption("read option 'format' has the wrong type");
  if (!Number.isInteger(max_bytes) || max_bytes < 1 || max_bytes > limits.max_bytes) {
    throw badOption(`read option 'max_bytes' must be an integer from 1 to ${limits.max_bytes}, got ${String(max_bytes)}`);
  }
  if (typeof replace_invalid_utf8 !== 'boolean') throw badOption("read option 'replace_invalid_utf8' has the wrong type");
  return { format, max_bytes, replace_invalid_utf8 };
}

// A document argument: a string, bytes, or { name, text | bytes, format }. `data` stays a string
// until toBytes().
function documentInput(value, fallbackName, fallbackFormat, role) {
  let name = fallbackName;
  let format = fallbackFormat;
  let data = typeof value === 'string' ? value : asBytes(value);
  if (data === null && isPlainObject(value)) {
    for (const key of Object.keys(value)) {
      if (!['name', 'text', 'bytes', 'format'].includes(key)) throw badOption(`${role}: unknown field '${key}'`);
    }
    if (value.name !== undefined) {
      if (typeof value.name !== 'string') throw badOption(`${role}: 'name' must be a string`);
      name = value.name;
    }
    if (value.format !== undefined) {
      if (typeof value.format !== 'string') throw badOption(`${role}: 'format' must be a string`);
      format = value.format;
    }
    if ((value.text === undefined) === (value.bytes === undefined)) {
      throw badOption(`${role}: give exactly one of 'text' (a string) and 'bytes' (a Uint8Array)`);
    }
    if (value.text !== undefined) {
      if (typeof value.text !== 'string') throw badOption(`${role}: 'text' must be a string`);
      data = value.text;
    } else {
      data = asBytes(value.bytes);
      if (data === null) throw badOption(`${role}: 'bytes' must be a Uint8Array or an ArrayBuffer`);
    }
  }
  if (data === null) {
    throw badOption(`${role} must be a string, a Uint8Array or { name, text | bytes, format }`);
  }
  return { name, format, data };
}

// The UTF-8 size of a string as TextEncoder encodes it (a lone surrogate becomes U+FFFD).
function utf8Length(text) {
  let n = 0;
  for (let i = 0; i < text.length; ++i) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      n += 4;
      ++i;
    } else n += 3;
  }
  return n;
}

function tooLarge(name, size, maxBytes) {
  return new StorydiffError('input_too_large', `${name}: input is ${size} bytes, more than the limit of ${maxBytes} bytes`);
}

// The document's bytes, refusing an input over the limit before it is copied into the heap (with
// the engine's message). A string's UTF-8 form has at least as many bytes as the string has
// UTF-16 units, so an overlong string is refused before it is encoded.
function toBytes(doc, maxBytes) {
  let bytes = doc.data;
  if (typeof bytes === 'string') {
    if (bytes.length > maxBytes) throw tooLarge(doc.name, utf8Length(bytes), maxBytes);
    bytes = encoder.encode(bytes);
  }
  if (bytes.byteLength > maxBytes) throw tooLarge(doc.name, bytes.byteLength, maxBytes);
  return bytes;
}

function optionsJson(options) {
  if (options === undefined || options === null) return '{}';
  if (!isPlainObject(options)) throw badOption('options must be a plain object');
  return JSON.stringify(options);
}

// How to print the JSON: `indent` as the CLI's --pretty (2).
function outputSettings(output) {
  if (output === undefined || output === null) output = {};
  if (!isPlainObject(output)) throw badOption('output settings must be a plain object');
  for (const key of Object.keys(output)) {
    if (key !== 'indent') throw badOption(`unknown output setting '${key}'`);
  }
  const { indent = -1 } = output;
  if (!Number.isInteger(indent) || indent > 16) throw badOption("output setting 'indent' must be an integer up to 16");
  return { format: 'json', indent: indent < 0 ? -1 : indent, color: false, show_unchanged: false };
}

// Reads and compares `inputs` (already normalised by documentInput): the JSON text.
function run(what, inputs, options, read, out) {
  const instance = ready(what);
  const opts = optionsJson(options);
  const documents = inputs.map((doc) => ({ bytes: toBytes(doc, read.max_bytes), name: doc.name, format: doc.format }));
  const result = invoke(instance, 'compare_documents', [
    documents, opts, read.max_bytes, read.replace_invalid_utf8, out.format, out.indent, out.color, out.show_unchanged,
  ]);
  if (result.error !== undefined) throw engineError(result.error);
  return take(instance, result.output);
}

function documentList(documents) {
  if (!Array.isArray(documents)) throw badOption('documents must be an array of documents');
  return documents;
}

// ---------------------------------------------------------------------------------------------
// The API.

/**
 * Compares two documents and returns the comparison as JSON text: byte for byte what
 * `storydiff --format json OLD NEW` prints (without its final newline). `output.indent` as
 * the CLI's --pretty (2).
 */
export function compareToJson(oldDoc, newDoc, options, readOptions, output) {
  ready('compareToJson');
  const read = readSettings(readOptions);
  const docs = [documentInput(oldDoc, 'old', read.format, 'old document'), documentInput(newDoc, 'new', read.format, 'new document')];
  return run('compareToJson', docs, options, read, outputSettings(output));
}

/** Compares two documents: the same result object the CLI prints with --format json. */
export function compare(oldDoc, newDoc, options, readOptions) {
  ready('compare');
  return JSON.parse(compareToJson(oldDoc, newDoc, options, readOptions));
}

/**
 * Compares two to 20 documents (outlets): with two, as compare(); with three or more, their
 * sentences grouped into claims (which claims every document carries, which only one does).
 * String inputs are named "doc1", "doc2", ...
 */
export function compareMany(documents, options, readOptions) {
  ready('compareMany');
  const read = readSettings(readOptions);
  const docs = documentList(documents).map((d, k) => documentInput(d, `doc${k + 1}`, read.format, `document ${k + 1}`));
  return JSON.parse(run('compareMany', docs, options, read, outputSettings()));
}

/**
 * Reads one document as the engine sees it (text, Markdown, HTML or article file; by name or by
 * explicit format): its name, format, metadata, sentences and the reader's warnings.
 */
export function read(input, options) {
  ready('read');
  const settings = readSettings(options, ['name']);
  let name = 'document';
  if (options && options.name !== undefined) {
    if (typeof options.name !== 'string') throw badOption("read option 'name' must be a string");
    name = options.name;
  }
  const doc = documentInput(input, name, settings.format, 'the document');
  const bytes = toBytes(doc, settings.max_bytes);
  const json = call('read', 'read_json', [bytes, doc.name, doc.format, settings.max_bytes, settings.replace_invalid_utf8]);
  const parsed = JSON.parse(json);
  return { ...parsed.documents[0], warnings: parsed.warnings };
}

/** The comparison options with every default filled in; bad_option when one is wrong. */
export function resolveOptions(options) {
  ready('resolveOptions');
  return JSON.parse(call('resolveOptions', 'options_json', [optionsJson(options)]));
}
