/**
 * `generated/` is up to date: every spec of `grantgen.config.yaml` is regenerated in memory and
 * each file is compared with the committed one (a readable diff per file on drift), plus an orphan
 * check both ways. Accept intended changes with `npx vitest run -u test/snapshot` (or
 * `npm run generate`).
 */
import { spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readConfig } from '../../generator/config.js';
import { generate } from '../../generator/generate.js';
import { ROOT } from '../helpers/cli.js';

const entries = await readConfig(ROOT);

async function filesOnDisk(dir: string, rel = ''): Promise<string[]> {
  let list;
  try {
    list = await readdir(path.join(dir, rel), { withFileTypes: true });
  } catch {
    return [];
  }
  const out: string[] = [];
  for (const e of list) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await filesOnDisk(dir, r)));
    else out.push(r);
  }
  return out.sort();
}

/** Drop files git ignores (tool caches such as `.ruff_cache/` next to generated code). */
function notIgnored(dir: string, rels: string[]): string[] {
  if (rels.length === 0) return rels;
  const abs = rels.map((r) => path.join(dir, r));
  const r = spawnSync('git', ['check-ignore', '--stdin'], { cwd: ROOT, input: abs.join('\n'), encoding: 'utf8' });
  if (r.status !== 0 && r.status !== 1) return rels; // not a git checkout: compare everything
  const ignored = new Set(r.stdout.split('\n').filter(Boolean));
  return rels.filter((_, i) => !ignored.has(abs[i] as string));
}

/** True under `vitest -u` (only then may a missing committed file be written). */
function updating(): boolean {
  const state = expect.getState().snapshotState as unknown as { _updateSnapshot?: string };
  return state._updateSnapshot === 'all';
}

const cases = entries.flatMap((e) =>
  e.jobs.map((job) => ({
    name: `${path.relative(ROOT, e.spec)} → ${path.relative(ROOT, job.out)}`,
    entry: e,
    job,
  })),
);

describe('generated/ matches a fresh run', () => {
  it('the config lists every spec in specs/', async () => {
    const specs = (await readdir(path.join(ROOT, 'specs'))).filter((f) => /\.(ya?ml|json)$/.test(f));
    expect(entries.map((e) => path.basename(e.spec)).sort()).toEqual(specs.sort());
  });

  for (const c of cases) {
    it(c.name, async () => {
      const r = await generate({
        spec: c.entry.spec,
        jobs: [c.job],
        packageName: c.entry.packageName,
        write: false,
      });
      const files = r.targets[0]?.files ?? new Map<string, string>();
      const onDisk = notIgnored(c.job.out, await filesOnDisk(c.job.out));
      const generated = [...files.keys()].sort();
      // Orphans both ways: committed but no longer generated, generated but not committed.
      expect(
        onDisk.filter((f) => !files.has(f)),
        'files on disk that grantgen no longer generates',
      ).toEqual([]);
      if (!updating())
        expect(
          generated.filter((f) => !onDisk.includes(f)),
          'generated files missing from generated/ (run npm run generate)',
        ).toEqual([]);
      for (const [rel, content] of files) await expect(content).toMatchFileSnapshot(path.join(c.job.out, rel));
    });
  }
});
