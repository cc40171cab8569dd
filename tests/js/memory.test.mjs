// Large inputs never abort the host: past the heap limit a call throws StorydiffError
// "out_of_memory", the engine restarts, and the next call after init() works.
import assert from 'node:assert/strict';
import { freemem } from 'node:os';
import { test } from 'node:test';

import { loadPackage } from './helpers.mjs';

// The WebAssembly heap alone may reach 2 GiB, beside the test's own 1 GiB input.
const enoughMemory = freemem() > 6 * 2 ** 30;

test('running out of WebAssembly memory → out_of_memory, then a fresh engine',
  { skip: enoughMemory ? false : 'needs 6 GiB of free memory', timeout: 180_000 }, async () => {
    const sd = await loadPackage('memory');
    await sd.init();
    assert.equal(sd.limits.max_memory, 2 ** 31);
    // An input of the largest accepted size: its copy in the heap and the reader's normalised
    // copy of it do not both fit.
    const big = new Uint8Array(sd.limits.max_bytes).fill(0x61);
    assert.throws(
      () => sd.compare({ name: 'huge.txt', bytes: big }, 'small.', {}, { max_bytes: sd.limits.max_bytes }),
      (e) => e instanceof sd.StorydiffError && e.code === 'out_of_memory' && /2 GiB/.test(e.message),
    );
    // The crashed instance is gone; a new one loads in the background.
    assert.throws(() => sd.compare('a.', 'a.'), (e) => e.code === 'not_initialized' && /restarting/.test(e.message));
    await sd.init();
    assert.equal(sd.compare('Still here.', 'Still here.').stats.equal, 1);
  });
