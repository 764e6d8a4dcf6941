#!/usr/bin/env node
// `npm run build` (and `prepare`): compile generator/ with tsc into dist/, then bundle the CLI entry
// (generator/cli.ts and every generator module it imports, dependencies left external) into
// dist/generator/cli.js with esbuild. Loading one module instead of ~80 cuts the CLI's start-up by
// about a third of its own time (issue 11 §5). The other dist/ modules stay for library use. Without
// esbuild (a devDependency; e.g. an install that skipped them) the unbundled tsc output is used as is.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

export async function build() {
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0) return r.status ?? 1;
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    process.stderr.write('grantgen build: esbuild not installed; dist/generator/cli.js left unbundled\n');
    return 0;
  }
  await esbuild.build({
    absWorkingDir: ROOT,
    entryPoints: ['generator/cli.ts'],
    outfile: 'dist/generator/cli.js',
    allowOverwrite: true,
    bundle: true,
    // Dependencies stay external (installed next to grantgen, loaded lazily where only some commands
    // need them), except the two every command loads at start-up: commander (8 CommonJS files) and
    // change-case, which the bundle inlines.
    external: ['@apidevtools/json-schema-ref-parser', 'chokidar', 'cli-progress', 'diff', 'handlebars', 'prettier', 'swagger2openapi', 'yaml'],
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: true,
    // commander is CommonJS and requires Node built-ins: give the bundle a real `require`.
    banner: { js: "import { createRequire as __grantgenCreateRequire } from 'node:module';\nconst require = __grantgenCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = await build();
