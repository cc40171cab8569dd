// storydiff page — the Web Worker that runs the engine, off the page's main thread.
//
// It imports the npm package by its public entry (copied beside the page by scripts/build-web.sh,
// from dist/), like any other user. The page sends the documents as Blobs; the worker compares
// them, keeps the result, and answers with a small header and then batches of rows (model.js).
//
// Messages in:  { id, type: 'compare', docs: [{ name, blob, format }], options }
//               { id, type: 'rows', from, count, view, fold }  (view: split | inline | a claims filter)
//               { id, type: 'export', format: 'json' | 'html' }
// Messages out: { type: 'ready', version, defaults } once, then { id, ok: true, ... } or
//               { id, ok: false, error: { code, message } } per request.
import { compareMany, compareToJson, init, resolveOptions, version } from './storydiff/storydiff.mjs';
import { claimsModel, pairModel } from './model.js';
import { reportHtml } from './report.js';

// Untrusted files should not be refused for a stray invalid byte: it becomes U+FFFD and the
// result's warnings say so.
const READ_OPTIONS = { replace_invalid_utf8: true };

let current = null; // { result, json, model }

function fail(id, error) {
  const code = (error && error.code) || 'internal';
  const message = error && error.message ? error.message : String(error);
  self.postMessage({ id, ok: false, error: { code, message } });
}

async function compare(id, docs, options) {
  current = null;
  // The page hands over Blobs (its files): their bytes are read here, off the page's thread.
  const inputs = await Promise.all(
    docs.map(async (d) => ({ name: d.name, bytes: new Uint8Array(await d.blob.arrayBuffer()), format: d.format || 'auto' })),
  );
  const t0 = performance.now();
  // Two documents: the JSON text too, byte for byte what `storydiff --format json` prints (the
  // export). Three or more: the claims object.
  let json = null;
  let result;
  if (inputs.length === 2) {
    json = compareToJson(inputs[0], inputs[1], options, READ_OPTIONS);
    result = JSON.parse(json);
  } else {
    result = compareMany(inputs, options, READ_OPTIONS);
  }
  const engineMs = performance.now() - t0;
  const model = result.claims ? claimsModel(result) : pairModel(result);
  current = { result, json, model };
  self.postMessage({ id, ok: true, header: model.header, engineMs });
}

function exportResult(id, format) {
  if (!current) throw Object.assign(new Error('nothing to export yet'), { code: 'bad_option' });
  let text;
  let type;
  if (format === 'html') {
    text = reportHtml(current.result);
    type = 'text/html;charset=utf-8';
  } else {
    text = `${current.json ?? JSON.stringify(current.result)}\n`;
    type = 'application/json';
  }
  self.postMessage({ id, ok: true, blob: new Blob([text], { type }) });
}

const ready = init().then(
  () => {
    self.postMessage({ type: 'ready', version, defaults: resolveOptions({}) });
  },
  (error) => {
    self.postMessage({ type: 'fatal', error: { code: error.code || 'internal', message: error.message } });
    throw error;
  },
);

self.onmessage = async (event) => {
  const msg = event.data;
  try {
    await ready;
  } catch (error) {
    fail(msg.id, error);
    return;
  }
  try {
    if (msg.type === 'compare') await compare(msg.id, msg.docs, msg.options);
    else if (msg.type === 'rows') {
      if (!current) throw new Error('no comparison');
      self.postMessage({ id: msg.id, ok: true, ...current.model.rows(msg.from, msg.count, msg.view, msg.fold) });
    } else if (msg.type === 'export') exportResult(msg.id, msg.format);
    else throw new Error(`unknown request ${msg.type}`);
  } catch (error) {
    fail(msg.id, error);
  }
};
