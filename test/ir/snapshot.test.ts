/**
 * IR snapshots: the IR of every spec in `specs/`, as `grantgen ir` prints it, is committed under
 * `__snapshots__/<spec>.ir.json`. A change to the IR shows up as a readable per-file diff; accept
 * it with `npx vitest run -u test/ir`.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildIr } from '../../generator/ir/build.js';
import { loadSpec } from '../../generator/load/index.js';

const specs = readdirSync('specs')
  .filter((f) => /\.(ya?ml|json)$/.test(f))
  .sort();

describe('IR snapshots', () => {
  it('covers at least the five golden specs', () => {
    expect(specs.length).toBeGreaterThanOrEqual(5);
  });

  it.each(specs)('IR of specs/%s matches __snapshots__', async (file) => {
    const ir = buildIr(await loadSpec(`specs/${file}`));
    const name = file.replace(/\.(ya?ml|json)$/, '');
    await expect(JSON.stringify(ir, null, 2) + '\n').toMatchFileSnapshot(`__snapshots__/${name}.ir.json`);
  });

  it('is deterministic: two builds of the same spec are byte-identical', async () => {
    for (const file of specs) {
      const a = JSON.stringify(buildIr(await loadSpec(`specs/${file}`)));
      const b = JSON.stringify(buildIr(await loadSpec(`specs/${file}`)));
      expect(a).toBe(b);
    }
  });
});
