#!/usr/bin/env node
// Assembles the static page (scripts/build-web.sh calls this once dist/ is built):
//   build-web/                 web/ as it is (index.html, style.css, the JS modules, the worker;
//                              not its README.md)
//   build-web/storydiff/       the npm package's public entry from dist/: storydiff.mjs, the
//                              Emscripten glue it imports and storydiff.wasm (same origin as the page)
//   build-web/samples.json     the bundled samples: [{ id, title, headline, files: [{ name, text }] }]
// Writes into a temporary folder and swaps it in, so a half-built page is never served.
// OUT overrides the folder. Node built-ins only.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, process.env.OUT ?? 'build-web');
const tmp = `${out}.tmp`;
const PACKAGE_FILES = ['storydiff.mjs', 'storydiff-core.mjs', 'storydiff.wasm'];

const missing = PACKAGE_FILES.filter((f) => !existsSync(join(root, 'dist', f)));
if (missing.length) {
  console.error(`build-web: dist/ lacks ${missing.join(', ')}: run bash scripts/build-wasm.sh`);
  process.exit(2);
}

rmSync(tmp, { recursive: true, force: true });
// The page's files, not its README.
cpSync(join(root, 'web'), tmp, { recursive: true, filter: (src) => !src.endsWith('README.md') });
mkdirSync(join(tmp, 'storydiff'));
for (const f of PACKAGE_FILES) cpSync(join(root, 'dist', f), join(tmp, 'storydiff', f));

// Samples: every samples/<story>/ with a v1.* file; its v1, v2 and outlet files (not expected/).
const samples = [];
const samplesDir = join(root, 'samples');
if (existsSync(samplesDir)) {
  for (const id of readdirSync(samplesDir).sort()) {
    const dir = join(samplesDir, id);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir)
      .filter((name) => /^(v\d+|outlet)\.[a-z]+$/.test(name) && statSync(join(dir, name)).isFile())
      .sort()
      .map((name) => ({ name, text: readFileSync(join(dir, name), 'utf8') }));
    const v1 = files.find((f) => f.name.startsWith('v1.'));
    if (!v1) continue;
    const title = id.replace(/-/g, ' ').replace(/^./, (c) => c.toUpperCase());
    const headline = v1.text.split('\n').find((line) => line.trim() !== '')?.trim() ?? '';
    samples.push({ id, title, headline, files });
  }
}
writeFileSync(join(tmp, 'samples.json'), `${JSON.stringify(samples)}\n`);

rmSync(out, { recursive: true, force: true });
renameSync(tmp, out);
writeFileSync(join(out, '.stamp'), `${new Date().toISOString()}\n`);
const size = (p) => statSync(p).size;
console.error(
  `build-web: ${out.replace(`${root}/`, '')}/ (${samples.length} samples, storydiff.wasm ${size(join(out, 'storydiff', 'storydiff.wasm'))} bytes)`,
);
