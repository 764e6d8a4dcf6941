/**
 * Generate the Go SDK of many specs, build them all into one program (one Go workspace, one link)
 * that uses every SDK without knowing its names (test/go/exercise/exercise.go), and run it with
 * CANARY set. Used by the hostile-spec and corpus tests.
 */
import { cp, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { generate as generateFn } from '../../generator/generate.js';
import { ensureBuilt, mapLimit } from '../helpers/cli.js';
import { go, goEnv, gofmtList, REPO, run } from './helpers.js';

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
