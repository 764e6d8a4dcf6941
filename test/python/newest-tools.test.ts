/**
 * The golden Python packages (generated/<spec>/python) pass the newest ruff and mypy releases, not
 * only the pinned ones: `.cache/newest-venv` is refreshed daily by `node test/setup/prepare.mjs`.
 * The generated pyproject.toml selects its ruff rules explicitly, so a new ruff default cannot
 * change the outcome; `mypy --strict` includes `warn_unused_ignores` (no unused `type: ignore`).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO, tool } from './helpers.js';

const NEWEST = path.join(REPO, '.cache', 'newest-venv', 'bin');

async function goldenPackages(): Promise<string[]> {
  const root = path.join(REPO, 'generated');
  const out: string[] = [];
  for (const spec of await readdir(root)) {
    const dir = path.join(root, spec, 'python');
    if (existsSync(path.join(dir, 'pyproject.toml'))) out.push(dir);
  }
  return out.sort();
}

describe('generated Python under the newest ruff and mypy', () => {
  it('the tools are installed (run `node test/setup/prepare.mjs`)', () => {
    expect(existsSync(path.join(NEWEST, 'ruff')), '.cache/newest-venv/bin/ruff').toBe(true);
    expect(existsSync(path.join(NEWEST, 'python')), '.cache/newest-venv/bin/python').toBe(true);
  });

  it('every golden pyproject.toml selects its rules explicitly, import order and unused imports included', async () => {
    const dirs = await goldenPackages();
    expect(dirs.length).toBeGreaterThan(5);
    for (const dir of dirs) {
      const text = await readFile(path.join(dir, 'pyproject.toml'), 'utf8');
      const select = /^select = \[(.*)\]$/m.exec(text)?.[1] ?? '';
      const rules = select.split(',').map((r) => r.trim().replace(/"/g, ''));
      expect(rules, dir).toEqual(expect.arrayContaining(['F', 'I']));
    }
  });

  it('ruff check, ruff format --check and mypy --strict pass with the newest releases', async () => {
    for (const dir of await goldenPackages()) {
      await tool(path.join(NEWEST, 'ruff'), ['check', '--no-cache', '.'], dir);
      await tool(path.join(NEWEST, 'ruff'), ['format', '--check', '--no-cache', '.'], dir);
      // the package, as test/python/sdk.test.ts checks it with the pinned mypy
      const pkg = (await readdir(dir)).find((f) => existsSync(path.join(dir, f, '__init__.py')));
      expect(pkg, dir).toBeDefined();
      await tool(
        path.join(NEWEST, 'python'),
        ['-m', 'mypy', '--strict', '--no-incremental', '--cache-dir', '/dev/null', pkg as string],
        dir,
      );
    }
  }, 600_000);
});
