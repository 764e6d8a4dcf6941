/**
 * Hostile specs (specs/hostile, `# expect: accept` ones) through the Go target: every SDK is
 * gofmt-clean, all of them build in one workspace into one program that uses each SDK without
 * knowing its names (test/go/exercise), and running it with CANARY set never creates the canary
 * file (the payloads, including the Go-aimed ones, try to).
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildAndExercise } from './exercise.js';
import { go, goBinary, REPO, tempDir } from './helpers.js';

const HOSTILE = path.join(REPO, 'specs/hostile');
let result: Awaited<ReturnType<typeof buildAndExercise>>;
let names: string[] = [];

beforeAll(async () => {
  const files = (await readdir(HOSTILE)).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const specs = [];
  for (const f of files) {
    const text = await readFile(path.join(HOSTILE, f), 'utf8');
    if (/^# expect: accept$/m.test(text))
      specs.push({ name: f.replace(/\.(ya?ml|json)$/, ''), file: path.join(HOSTILE, f) });
  }
  names = specs.map((s) => s.name);
  result = await buildAndExercise(specs, await tempDir('go-hostile-'), 'hostile');
}, 1_200_000);

describe('hostile specs through the Go target', () => {
  it('covers the accepted hostile specs, the Go-aimed ones included', () => {
    expect(names.length).toBeGreaterThan(80);
    expect(names.filter((n) => n.startsWith('go-')).length).toBeGreaterThanOrEqual(3);
    expect(goBinary()).toBeTruthy();
  });

  it('every SDK is gofmt-clean', () => {
    expect(result.gofmt).toEqual([]);
  });

  it('every SDK builds, constructs, prints and runs its operations without a foreign error or panic', () => {
    expect(Object.keys(result.failures).sort()).toEqual([...names].sort());
    const failed = Object.entries(result.failures).filter(([, f]) => f !== null && f.length > 0);
    expect(failed).toEqual([]);
  });

  it('no payload ran (the canary file does not exist)', () => {
    expect(existsSync(result.canary)).toBe(false);
  });

  it('control: the Go canary code of the payloads does create the file when it runs', async () => {
    const dir = await tempDir('go-canary-');
    await writeFile(path.join(dir, 'go.mod'), 'module canary\n\ngo 1.22\n');
    await writeFile(
      path.join(dir, 'main.go'),
      'package main\n\nimport "os"\n\nfunc init() { os.WriteFile(os.Getenv("CANARY"), []byte("pwned"), 0o600) }\n\nfunc main() {}\n',
    );
    const canary = path.join(dir, 'CANARY-FIRED');
    await go(['run', '.'], dir, 120_000, { CANARY: canary });
    expect(existsSync(canary)).toBe(true);
  });
});
