// The golden cases: in every samples/<story>/ folder, v1 against v2 (an update) and v1 against
// each outlet.* file (another outlet's rewrite). Expected results live in
// samples/<story>/expected/<old>--<new>.json, made by `npm run golden:accept`.
import { readdirSync, existsSync, statSync } from 'node:fs';
import { join, dirname, parse } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** [{ story, old, new, expected }] with paths relative to the repository root. */
export function goldenCases() {
  const samples = join(root, 'samples');
  const cases = [];
  if (!existsSync(samples)) return cases;
  for (const story of readdirSync(samples).sort()) {
    const dir = join(samples, story);
    if (!statSync(dir).isDirectory()) continue;
    const files = readdirSync(dir).filter((f) => statSync(join(dir, f)).isFile()).sort();
    const v1 = files.find((f) => parse(f).name === 'v1');
    if (!v1) continue;
    const others = files.filter((f) => parse(f).name === 'v2' || parse(f).name.startsWith('outlet'));
    for (const other of others) {
      const rel = (f) => `samples/${story}/${f}`;
      cases.push({
        story,
        old: rel(v1),
        new: rel(other),
        expected: `samples/${story}/expected/${parse(v1).name}--${parse(other).name}.json`,
      });
    }
  }
  return cases;
}
