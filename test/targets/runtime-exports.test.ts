/**
 * The export lists the targets keep in code match the static runtime files they describe, so a
 * runtime change cannot leave a name unreserved (a spec model could then shadow it) or unexported.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT_RUNTIME_EXPORTS } from '../../generator/targets/python/names.js';
import { ROOT_EXCEPTIONS } from '../../generator/targets/python/views/package.js';
import { RUNTIME_EXPORTS } from '../../generator/targets/typescript/names.js';
import { REPO } from '../helpers/sdk.js';

/** Names of every `export { ... }` / `export type { ... }` block of a TypeScript module. */
function tsExportNames(source: string): string[] {
  const names: string[] = [];
  for (const m of source.matchAll(/export\s+(?:type\s+)?\{([^}]*)\}/g))
    for (const item of (m[1] ?? '').split(','))
      if (item.trim())
        names.push(
          item
            .trim()
            .replace(/^type\s+/, '')
            .split(/\s+as\s+/)
            .pop() as string,
        );
  return names;
}

/** The strings of a Python module's `__all__ = [...]`. */
function pythonAll(source: string): string[] {
  const block = /__all__ = \[([^\]]*)\]/.exec(source)?.[1] ?? '';
  return [...block.matchAll(/"([^"]+)"/g)].map((m) => m[1] as string);
}

describe('runtime export lists', () => {
  it('typescript RUNTIME_EXPORTS is exactly what src/runtime/index.ts exports', async () => {
    const source = await readFile(path.join(REPO, 'templates/typescript/static/src/runtime/index.ts'), 'utf8');
    const exported = tsExportNames(source);
    expect(exported.length).toBeGreaterThan(20);
    expect([...RUNTIME_EXPORTS].sort()).toEqual([...new Set(exported)].sort());
  });

  it('python ROOT_EXCEPTIONS is exactly the __all__ of exceptions/__init__.py', async () => {
    const source = await readFile(path.join(REPO, 'templates/python/static/exceptions/__init__.py'), 'utf8');
    const all = pythonAll(source);
    expect(all.length).toBeGreaterThan(10);
    expect([...ROOT_EXCEPTIONS].sort()).toEqual([...all].sort());
  });

  it('python ROOT_RUNTIME_EXPORTS reserves every exception the package root re-exports', () => {
    const missing = ROOT_EXCEPTIONS.filter((e) => !ROOT_RUNTIME_EXPORTS.includes(e));
    expect(missing).toEqual([]);
  });
});
