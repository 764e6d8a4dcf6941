/**
 * Every spec in specs/ → Python package: ruff check, ruff format --check, mypy --strict, wheel +
 * sdist with `python -m build`, pip install into .venv; then the pytest e2e suite
 * (test/python/e2e) against the real OAuth server runs through the installed sample package.
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
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

  it('have an async section (or, for a seed-pinned page, an async companion page) on every auth page, whose snippets pass mypy --strict', async () => {
    let checked = 0;
    await Promise.all(
      sdks.map(async (sdk) => {
        const authDir = path.join(sdk.dir, 'doc', 'auth');
        const pages = (await readdir(authDir)).filter((f) => f.endsWith('.md'));
        const companions = pages.filter((f) => f.endsWith('-async.md'));
        const snippetDir = path.join(sdk.dir, 'doc_snippets');
        await mkdir(snippetDir, { recursive: true });
        const files: string[] = [];
        for (const page of pages.filter((f) => !f.endsWith('-async.md'))) {
          const text = await readFile(path.join(authDir, page), 'utf8');
          const companion = page.replace(/\.md$/, '-async.md');
          const hasCompanion = companions.includes(companion);
          const inline = text.split('\n## Async\n')[1];
          // exactly one home for the async use: the page itself or its companion page
          expect(inline === undefined, `${sdk.packageName} ${page}`).toBe(hasCompanion);
          const section = inline ?? (await readFile(path.join(authDir, companion), 'utf8')).split('\n## Async\n')[1];
          expect(section, `${sdk.packageName} ${page}: async section`).toBeDefined();
          const blocks = [...(section as string).matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1] as string);
          expect(blocks.length, `${sdk.packageName} ${page}: async snippets`).toBeGreaterThan(0);
          for (const [i, block] of blocks.entries()) {
            expect(block).toContain(`async with Async`);
            const file = path.join(snippetDir, `${page.replace(/\W/g, '_')}_${i}.py`);
            await writeFile(file, block);
            files.push(file);
          }
        }
        if (sdk.packageName === 'multiauthsample') {
          // the seed-pinned pages keep the seed text; their async use is on companion pages
          expect(companions.sort()).toEqual([
            'oauth-2-authorization-code-grant-async.md',
            'oauth-2-resource-owner-credentials-grant-async.md',
          ]);
          const readme = await readFile(path.join(sdk.dir, 'README.md'), 'utf8');
          for (const c of companions) expect(readme).toContain(`(doc/auth/${c})`);
        } else {
          // only the sample spec's pages are pinned to seeds: same page kinds elsewhere go inline
          expect(companions, sdk.packageName).toEqual([]);
        }
        await tool(
          PYTHON,
          ['-m', 'mypy', '--strict', '--no-incremental', '--cache-dir', '/dev/null', ...files],
          sdk.dir,
          { MYPYPATH: sdk.dir },
        );
        checked += files.length;
      }),
    );
    expect(checked).toBeGreaterThanOrEqual(sdks.length);
  }, 300_000);

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
