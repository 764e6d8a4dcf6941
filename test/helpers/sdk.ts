/** Helpers shared by the Python and TypeScript SDK tests: the repo, temp folders, the golden specs. */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

export { generate } from '../../generator/generate.js';

export const run = promisify(execFile);
export const REPO = path.resolve(import.meta.dirname, '../..');

/** A fresh folder under the git-ignored `test/.tmp/`. */
export async function tempDir(prefix: string): Promise<string> {
  await mkdir(path.join(REPO, 'test/.tmp'), { recursive: true });
  return mkdtemp(path.join(REPO, 'test/.tmp', prefix));
}

/** Every golden spec in `specs/`, sorted. */
export async function listSpecs(): Promise<string[]> {
  const entries = await readdir(path.join(REPO, 'specs'));
  return entries
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => path.join(REPO, 'specs', f));
}
