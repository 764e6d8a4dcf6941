/**
 * The Go runtime (`templates/go/static/core`) on its own: gofmt-clean, go vet clean, and its unit
 * tests (test/go/runtime/*_test.go: grants, callback checks, single flight, file store across
 * processes, 401 refresh-once, retries, redaction, size caps, https rules) under the race detector.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { go, gofmtList, REPO, runtimeModule, tempDir } from './helpers.js';

let dir: string;

beforeAll(async () => {
  dir = await tempDir('go-runtime-');
  const tests: Record<string, string> = {};
  for (const f of await readdir(path.join(REPO, 'test/go/runtime'))) {
    if (f.endsWith('_test.go')) tests[`core/${f}`] = await readFile(path.join(REPO, 'test/go/runtime', f), 'utf8');
  }
  expect(Object.keys(tests).length).toBeGreaterThan(0);
  await runtimeModule(dir, tests);
}, 600_000);

describe('Go runtime', () => {
  it('is gofmt-clean (runtime and its tests) and go vet clean', async () => {
    expect(await gofmtList(dir)).toEqual([]);
    await go(['vet', './...'], dir);
  });

  it('passes its unit tests with the race detector', async () => {
    const { stdout } = await go(['test', '-race', '-count=1', '-v', './core/'], dir);
    const passed = stdout.split('\n').filter((l) => l.startsWith('--- PASS')).length;
    expect(stdout).toMatch(/^ok\s/m);
    expect(stdout).not.toMatch(/--- FAIL/);
    expect(passed).toBeGreaterThanOrEqual(15);
  }, 600_000);

  it('uses the standard library only', async () => {
    const files = (await readdir(path.join(REPO, 'templates/go/static/core'))).filter((f) => f.endsWith('.go'));
    for (const f of files) {
      const text = await readFile(path.join(REPO, 'templates/go/static/core', f), 'utf8');
      const imports = [...text.matchAll(/^\s*(?:\w+\s+)?"([^"]+)"$/gm)].map((m) => m[1]!);
      for (const i of imports) expect(i.split('/')[0]!.includes('.'), `${f} imports ${i}`).toBe(false);
    }
  });
});
