// The package outside the main thread: in Node worker_threads, several at once.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import { join } from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

import { entryUrl, fixtures, loadPackage, readRel, samplePairs } from './helpers.mjs';

test('runs in Node worker_threads, several at once, with the main thread\'s results', async () => {
  const sd = await loadPackage();
  await sd.init();
  const pairs = samplePairs().slice(0, 3);
  const runs = pairs.map(async (pair) => {
    const old = { name: pair.old, bytes: readRel(pair.old) };
    const neu = { name: pair.new, bytes: readRel(pair.new) };
    const worker = new Worker(new URL(pathToFileURL(join(fixtures, 'worker.mjs'))), {
      workerData: { entry: entryUrl(), old, new: neu },
    });
    const messages = [];
    worker.on('message', (m) => messages.push(m));
    const [code] = await once(worker, 'exit');
    assert.equal(code, 0, 'the worker exits normally');
    assert.deepEqual(messages[0], { errorCode: 'binary_input' });
    assert.equal(messages[1].json, sd.compareToJson(old, neu), `${pair.old} vs ${pair.new} in a worker`);
  });
  await Promise.all(runs);
});
