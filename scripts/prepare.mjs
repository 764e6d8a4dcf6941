#!/usr/bin/env node
// npm `prepare`: build dist/ with TypeScript when it is installed (a clone after `npm install`).
// Without TypeScript (a global install of an unbuilt folder, which installs no devDependencies)
// an existing dist/ is used as is; with neither, say exactly what to run instead of failing on
// `tsc: not found`. The packed tarball ships dist/, so installing it never runs this.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const CLI = join(ROOT, 'dist', 'generator', 'cli.js');

if (existsSync(TSC)) {
  const { build } = await import('./build.mjs');
  process.exit(await build());
} else if (existsSync(CLI)) {
  process.stderr.write('grantgen prepare: TypeScript not installed; using the existing dist/\n');
} else {
  process.stderr.write(
    'grantgen prepare: cannot build dist/: TypeScript (a devDependency) is not installed here.\n' +
      '  fix: in the grantgen folder run `npm install && npm link` (installs everything, builds, puts `grantgen` on PATH),\n' +
      '       or install a packed tarball: `npm pack` there, then `npm install -g ./grantgen-<version>.tgz`\n',
  );
  process.exit(1);
}
