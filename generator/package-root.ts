/** grantgen's own folder (the one holding its package.json), from source or from `dist/`. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findPackageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json')) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const PACKAGE_ROOT = findPackageRoot();

/** Where grantgen caches derived data (precompiled templates, formatted files). */
export const CACHE_ROOT = path.join(PACKAGE_ROOT, 'node_modules', '.cache', 'grantgen');
