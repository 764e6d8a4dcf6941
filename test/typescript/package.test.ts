/**
 * Every spec in specs/ → TypeScript package: strict type-check, build, npm pack, install into a
 * fresh project, import by package name, publint + attw, and every doc snippet type-checked.
 */
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  consumerProject,
  generateBuildPack,
  listSpecs,
  REPO,
  run,
  tempDir,
  TSC,
  tsSnippets,
  type BuiltSdk,
} from './helpers.js';

let sdks: BuiltSdk[] = [];
let consumer = '';

beforeAll(async () => {
  const root = await tempDir('ts-packages-');
  sdks = await Promise.all((await listSpecs()).map((s) => generateBuildPack(s, root)));
  consumer = await consumerProject(root, sdks);
}, 600_000);

describe('generated TypeScript packages', () => {
  it('install from their tarballs and import by package name', async () => {
    for (const sdk of sdks) {
      const entry = path.join(consumer, `entry-${sdk.packageName.replace(/\W/g, '_')}.mjs`);
      await writeFile(entry, `export * from ${JSON.stringify(sdk.packageName)};\n`);
      const mod = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
      expect(typeof mod['SdkError'], sdk.packageName).toBe('function');
      expect(
        Object.keys(mod).some((k) => k.endsWith('Client')),
        sdk.packageName,
      ).toBe(true);
    }
  });

  it('type-check every TypeScript snippet of README.md and doc/auth/*.md against the installed package', async () => {
    let count = 0;
    for (const sdk of sdks) {
      for (const s of await tsSnippets(sdk.dir)) {
        const name = `snippet-${path.basename(sdk.dir)}-${s.file.replace(/\W/g, '_')}-${s.index}.ts`;
        await writeFile(path.join(consumer, name), `${s.code}\nexport {};\n`);
        count++;
      }
    }
    await writeFile(
      path.join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          lib: ['ES2022', 'DOM'],
          types: [],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          noEmit: true,
        },
        include: ['snippet-*.ts'],
      }),
    );
    expect(count).toBeGreaterThan(10);
    await run(TSC, ['-p', consumer]);
  });

  it('pass publint and attw (devDependencies: a missing one fails the test)', async () => {
    const publint = path.join(REPO, 'node_modules/.bin/publint');
    const attw = path.join(REPO, 'node_modules/.bin/attw');
    expect(existsSync(publint), 'node_modules/.bin/publint (npm install)').toBe(true);
    expect(existsSync(attw), 'node_modules/.bin/attw (npm install)').toBe(true);
    for (const sdk of sdks) {
      const { stdout } = await run(publint, ['--strict', sdk.dir]);
      expect(stdout, sdk.packageName).not.toMatch(/error|warning/i);
      await run(attw, [sdk.tarball, '--profile', 'esm-only']);
    }
  });
});
