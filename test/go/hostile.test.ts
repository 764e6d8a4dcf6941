/**
 * Hostile specs (specs/hostile, `# expect: accept` ones) through the Go target: every SDK is
 * gofmt-clean, all of them build in one workspace into one program that uses each SDK without
 * knowing its names (test/go/exercise), and running it with CANARY set never creates the canary
 * file (the payloads, including the Go-aimed ones, try to).
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { generate as generateFn } from '../../generator/generate.js';
import { ensureBuilt, mapLimit } from '../helpers/cli.js';
import { go, goBinary, goEnv, gofmtList, REPO, run, tempDir } from './helpers.js';

/** Generate Go for each spec into `<root>/<name>` (module path `hostile/<name>`), then build and run one program over all. */
export async function buildAndExercise(
  specs: { name: string; file: string }[],
  root: string,
  prefix: string,
): Promise<{ failures: Record<string, string[]>; canary: string; gofmt: string[] }> {
  await ensureBuilt();
  const url = pathToFileURL(path.join(REPO, 'dist/generator/generate.js')).href;
  const generate = ((await import(url)) as { generate: typeof generateFn }).generate;
  await mapLimit(specs, 8, async (s) => {
    await generate({
      spec: s.file,
      jobs: [{ target: 'go', out: path.join(root, s.name) }],
      packageName: `${prefix}/${s.name}`,
    });
  });
  const gofmt: string[] = [];
  for (const s of specs) gofmt.push(...(await gofmtList(path.join(root, s.name))).map((f) => `${s.name}/${f}`));
  const main = path.join(root, 'zz-main');
  await mkdir(path.join(main, 'exercise'), { recursive: true });
  await cp(path.join(REPO, 'test/go/exercise/exercise.go'), path.join(main, 'exercise/exercise.go'));
  const mods = await Promise.all(
    specs.map(
      async (s) => (/^module (\S+)/m.exec(await readFile(path.join(root, s.name, 'go.mod'), 'utf8')) ?? [])[1] ?? '',
    ),
  );
  const imports = mods.map((m, i) => `\tp${i} ${JSON.stringify(m)}`).join('\n');
  const calls = mods
    .map(
      (_, i) =>
        `\t{\n\t\tcfg := p${i}.Config{}\n\t\tout[${JSON.stringify(specs[i]!.name)}] = exercise.Run(p${i}.NewClient, &cfg)\n\t}`,
    )
    .join('\n');
  await writeFile(
    path.join(main, 'main.go'),
    `package main\n\nimport (\n\t"encoding/json"\n\t"os"\n\n\t"zzmain/exercise"\n${imports}\n)\n\nfunc main() {\n\tout := map[string][]string{}\n${calls}\n\t_ = json.NewEncoder(os.Stdout).Encode(out)\n}\n`,
  );
  await writeFile(path.join(main, 'go.mod'), 'module zzmain\n\ngo 1.22\n');
  await writeFile(
    path.join(root, 'go.work'),
    `go 1.22\n\nuse (\n\t./zz-main\n${specs.map((s) => `\t./${s.name}`).join('\n')}\n)\n`,
  );
  const bin = path.join(root, 'exercise-bin');
  // workspace mode: -mod=mod is not allowed there (the workspace has no dependencies to fetch)
  await go(['build', '-o', bin, '.'], main, 900_000, { GOFLAGS: '' });
  const canary = path.join(root, 'CANARY-FIRED');
  const { stdout } = await run(bin, [], {
    env: { ...goEnv(), CANARY: canary },
    maxBuffer: 64 * 1024 * 1024,
    timeout: 300_000,
  });
  return { failures: JSON.parse(stdout) as Record<string, string[]>, canary, gofmt };
}

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
