/**
 * `grantgen watch` regenerates when the spec or a template changes, and reports what changed and
 * how long it took.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Io } from '../../generator/commands.js';
import { runWatch, type WatchHandle } from '../../generator/watch.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function collector(): { io: Io; lines: string[]; waitFor(re: RegExp, ms?: number): Promise<string> } {
  const lines: string[] = [];
  const io: Io = { out: (s) => lines.push(s), err: (s) => lines.push(s) };
  return {
    io,
    lines,
    async waitFor(re, ms = 15_000) {
      const start = Date.now();
      for (;;) {
        const hit = lines.find((l) => re.test(l));
        if (hit) return hit;
        if (Date.now() - start > ms) throw new Error(`no line matching ${re} in:\n${lines.join('\n')}`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
  };
}

describe('grantgen watch', () => {
  let handle: WatchHandle | undefined;
  let dir = '';
  afterEach(async () => {
    await handle?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('regenerates on a spec save and on a template save, naming the file and the time taken', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'grantgen-watch-'));
    const spec = path.join(dir, 'api.yaml');
    cpSync(path.join(ROOT, 'specs/multiauth-sample.yaml'), spec);
    const overlay = path.join(dir, 'overlay');
    mkdirSync(path.join(overlay, 'docs'), { recursive: true });
    const template = path.join(overlay, 'docs/README.md.hbs');
    cpSync(path.join(ROOT, 'templates/docs/README.md.hbs'), template);
    const out = path.join(dir, 'out');
    const c = collector();
    handle = runWatch(
      { specs: [spec], target: 'docs', out, packageName: null, templates: [overlay] },
      { quiet: false, json: false },
      c.io,
    );
    await handle.ready;
    await c.waitFor(/watching for changes/);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain('API for Markdown Notes app.');

    writeFileSync(spec, readFileSync(spec, 'utf8').replace('API for Markdown Notes app.', 'Edited description.'));
    const specLine = await c.waitFor(/api\.yaml changed: .* regenerated, 1 file\(s\) written in \d+ ms/);
    expect(specLine).toMatch(/api\.yaml changed/);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain('Edited description.');

    writeFileSync(template, readFileSync(template, 'utf8').replace('## Environments', '## Where it runs'));
    await c.waitFor(/README\.md\.hbs changed: .* regenerated, 1 file\(s\) written in \d+ ms/);
    expect(readFileSync(path.join(out, 'README.md'), 'utf8')).toContain('## Where it runs');
  });

  it('a template save re-renders only the targets whose template folders hold it', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'grantgen-watch-'));
    const spec = path.join(dir, 'api.yaml');
    cpSync(path.join(ROOT, 'specs/multiauth-sample.yaml'), spec);
    const overlay = path.join(dir, 'overlay');
    mkdirSync(path.join(overlay, 'docs'), { recursive: true });
    const template = path.join(overlay, 'docs/README.md.hbs');
    cpSync(path.join(ROOT, 'templates/docs/README.md.hbs'), template);
    const c = collector();
    handle = runWatch(
      { specs: [spec], target: 'all', out: path.join(dir, 'out'), packageName: null, templates: [overlay] },
      { quiet: false, json: true },
      c.io,
    );
    await handle.ready;
    const start = JSON.parse(await c.waitFor(/"reason":"start"/, 120_000)) as { targets: { target: string }[] };
    expect(start.targets.map((t) => t.target)).toEqual(expect.arrayContaining(['python', 'typescript', 'docs']));

    writeFileSync(template, readFileSync(template, 'utf8').replace('## Environments', '## Where it runs'));
    const event = JSON.parse(await c.waitFor(/README\.md\.hbs changed/, 60_000)) as { targets: { target: string }[] };
    expect(event.targets.map((t) => t.target)).toEqual(['docs']);
  }, 180_000);
});
