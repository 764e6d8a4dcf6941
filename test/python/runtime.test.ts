/** The static Python runtime (templates/python/static) is real code: its pytest unit suite passes. */
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATIC_FILES } from '../../generator/targets/python/static-files.js';
import { PYTHON, REPO, tool } from './helpers.js';

async function walk(dir: string, rel = ''): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) {
      if (!e.name.startsWith('.')) out.push(...(await walk(dir, r)));
    } else if (!r.includes('__pycache__') && !r.startsWith('.')) out.push(r);
  }
  return out;
}

describe('python static runtime', () => {
  it('STATIC_FILES lists exactly the files of templates/python/static', async () => {
    const files = (await walk(path.join(REPO, 'templates/python/static'))).sort();
    expect([...STATIC_FILES].sort()).toEqual(files);
  });

  it('passes its pytest unit suite (ruff, mypy --strict, MockTransport, multi-process store)', async () => {
    expect(existsSync(PYTHON)).toBe(true);
    const out = await tool(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', 'test/python/runtime'], REPO);
    expect(out).toMatch(/\d+ passed/);
    expect(out).not.toMatch(/failed/);
  }, 180_000);
});
