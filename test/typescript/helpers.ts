/** Shared helpers for the TypeScript target tests: generate, build, pack and install SDKs. */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { generate, REPO, run } from '../helpers/sdk.js';

export { generate, listSpecs, REPO, run, tempDir } from '../helpers/sdk.js';

export const TSC = path.join(REPO, 'node_modules/.bin/tsc');

export interface BuiltSdk {
  spec: string;
  dir: string;
  packageName: string;
  tarball: string;
}

/** Generate → tsc --noEmit (strict flags from the package tsconfig) → build → npm pack. */
export async function generateBuildPack(spec: string, root: string): Promise<BuiltSdk> {
  const name = path.basename(spec).replace(/\.(ya?ml|json)$/, '');
  const dir = path.join(root, name);
  await generate({ spec, jobs: [{ target: 'typescript', out: dir }] });
  await run(TSC, ['-p', dir, '--noEmit']);
  await run(TSC, ['-p', dir]);
  const pkg = JSON.parse(await readFile(path.join(dir, 'package.json'), 'utf8')) as { name: string };
  const { stdout } = await run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', root], { cwd: dir });
  const packed = JSON.parse(stdout) as { filename: string }[];
  return { spec, dir, packageName: pkg.name, tarball: path.join(root, packed[0]!.filename) };
}

/** A fresh consumer project with the tarballs installed (offline: they have no dependencies). */
export async function consumerProject(root: string, sdks: BuiltSdk[]): Promise<string> {
  const dir = path.join(root, 'consumer');
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--ignore-scripts', ...sdks.map((s) => s.tarball)],
    {
      cwd: dir,
    },
  );
  return dir;
}

/** Every ```ts block of the Markdown files under `dir` (README.md and doc/). */
export async function tsSnippets(dir: string): Promise<{ file: string; index: number; code: string }[]> {
  const files = ['README.md'];
  const docDir = path.join(dir, 'doc/auth');
  try {
    for (const f of await readdir(docDir)) files.push(path.join('doc/auth', f));
  } catch {
    // no auth docs
  }
  const out: { file: string; index: number; code: string }[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    let index = 0;
    for (const m of text.matchAll(/```(?:ts|typescript)\n([\s\S]*?)```/g))
      out.push({ file, index: index++, code: m[1]! });
  }
  return out;
}
