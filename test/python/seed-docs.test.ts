/**
 * The OAuth doc pages generated for specs/multiauth-sample.yaml equal the seed pages after
 * normalization, except the explained fixes of seed-fixes.json (each applied exactly once).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generate, REPO } from './helpers.js';

interface Fix {
  kind: 'insertAfter' | 'replace';
  anchor: string;
  line: string;
  why: string;
}
interface Page {
  generated: string;
  seed: string;
  fixes: Fix[];
}

function normalize(text: string): string[] {
  const lines = text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((l) => l.replace(/\s+$/, ''));
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function applyFix(lines: string[], fix: Fix): string[] {
  const hits = lines.flatMap((l, i) => (l === fix.anchor ? [i] : []));
  if (hits.length !== 1) throw new Error(`fix anchor found ${hits.length} times (expected once): ${fix.anchor}`);
  const i = hits[0] as number;
  const out = [...lines];
  if (fix.kind === 'replace') out[i] = fix.line;
  else out.splice(i + 1, 0, fix.line);
  return out;
}

describe('python doc pages vs seed pages', async () => {
  const config = JSON.parse(await readFile(path.join(REPO, 'test/python/seed-fixes.json'), 'utf8')) as {
    pages: Page[];
  };
  const result = await generate({
    spec: path.join(REPO, 'specs/multiauth-sample.yaml'),
    jobs: [{ target: 'python', out: path.join(REPO, 'test/.tmp/py-seed-docs') }],
    write: false,
  });
  const files = result.targets[0]?.files ?? new Map<string, string>();

  for (const page of config.pages) {
    it(`${page.generated} equals the seed except ${page.fixes.length} explained fix(es)`, async () => {
      for (const fix of page.fixes) expect(fix.why.length).toBeGreaterThan(20);
      const seed = normalize(await readFile(path.join(REPO, '../shared/seeds', page.seed), 'utf8'));
      const expected = page.fixes.reduce(applyFix, seed);
      const actual = normalize(files.get(page.generated) ?? '');
      expect(actual.join('\n')).toBe(expected.join('\n'));
    });
  }
});
