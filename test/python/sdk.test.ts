/**
 * Every spec in specs/ → Python package: ruff check, ruff format --check, mypy --strict, wheel +
 * sdist with `python -m build`, pip install into .venv; then the pytest e2e suite
 * (test/python/e2e) against the real OAuth server runs through the installed sample package.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePython, listSpecs, PYTHON, REPO, tempDir, tool, VENV_BIN, type PySdk } from './helpers.js';

let sdks: PySdk[] = [];

beforeAll(async () => {
  if (!existsSync(PYTHON)) throw new Error('.venv missing: run `node test/setup/prepare.mjs`');
  const root = await tempDir('py-packages-');
  sdks = await Promise.all((await listSpecs()).map((s) => generatePython(s, root)));
}, 600_000);

describe('generated Python packages', () => {
  it('pass ruff check and ruff format --check', async () => {
    for (const sdk of sdks) {
      await tool(path.join(VENV_BIN, 'ruff'), ['check', '--no-cache', '.'], sdk.dir);
      await tool(path.join(VENV_BIN, 'ruff'), ['format', '--check', '--no-cache', '.'], sdk.dir);
    }
  });

  it('pass mypy --strict', async () => {
    await Promise.all(
      sdks.map((sdk) =>
        tool(
          PYTHON,
          ['-m', 'mypy', '--strict', '--no-incremental', '--cache-dir', '/dev/null', sdk.packageName],
          sdk.dir,
        ),
      ),
    );
  });

  it('build a wheel and an sdist, and install into .venv', async () => {
    for (const sdk of sdks) {
      await tool(PYTHON, ['-m', 'build', '--no-isolation', '--outdir', 'dist', '.'], sdk.dir);
      const wheels = (await tool('sh', ['-c', 'ls dist/*.whl'], sdk.dir)).trim().split('\n');
      expect(wheels).toHaveLength(1);
      await tool(
        PYTHON,
        ['-m', 'pip', 'install', '--quiet', '--no-deps', '--force-reinstall', wheels[0] as string],
        sdk.dir,
      );
      const out = await tool(PYTHON, ['-c', `import ${sdk.packageName} as p; print(len(p.__all__))`], REPO);
      expect(Number(out.trim())).toBeGreaterThan(10);
    }
  }, 300_000);

  it('pass the pytest e2e suite against the real OAuth server and a real browser', async () => {
    const sample = sdks.find((s) => s.packageName === 'multiauthsample');
    expect(sample).toBeDefined();
    const out = await tool(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/python/e2e'], REPO, {
      GRANTGEN_PY_OUT: sample?.dir ?? '',
    });
    expect(out).toMatch(/\d+ passed/);
    expect(out).not.toMatch(/failed|error/i);
  }, 300_000);
});
