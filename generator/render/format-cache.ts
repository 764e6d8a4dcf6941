/**
 * Formatting is the slowest phase (prettier), and most files come out the same from run to run.
 * Results are cached by content hash (plus the target's formatter identity) in memory and on disk
 * under `node_modules/.cache/grantgen/format/`, so unchanged files are never formatted twice.
 * A cache entry is only ever the formatter's output for exactly that input, so output stays
 * byte-identical with or without the cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CACHE_ROOT } from '../package-root.js';

const memory = new Map<string, string>();

const DIR = process.env['GRANTGEN_NO_FORMAT_CACHE'] ? null : path.join(CACHE_ROOT, 'format');

export async function formatCached(
  formatterId: string,
  filePath: string,
  content: string,
  format: (p: string, c: string) => Promise<string>,
): Promise<string> {
  const key = createHash('sha256')
    .update(formatterId)
    .update('\0')
    .update(path.extname(filePath))
    .update('\0')
    .update(content)
    .digest('hex');
  const hit = memory.get(key);
  if (hit !== undefined) return hit;
  const file = DIR ? path.join(DIR, key.slice(0, 2), key) : null;
  if (file) {
    try {
      const cached = readFileSync(file, 'utf8'); // sync: a hit is a small read, cheaper than a thread-pool hop
      memory.set(key, cached);
      return cached;
    } catch {
      /* not cached yet */
    }
  }
  const out = await format(filePath, content);
  memory.set(key, out);
  if (file) {
    try {
      await mkdir(path.dirname(file), { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      await writeFile(tmp, out);
      await rename(tmp, file);
    } catch {
      /* a read-only cache is fine */
    }
  }
  return out;
}
