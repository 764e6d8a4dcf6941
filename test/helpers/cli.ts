/**
 * Shared helpers for tests that run the BUILT CLI (`node dist/generator/cli.js`) as a subprocess:
 * `ensureBuilt()` rebuilds `dist/` once when any generator source is newer than the last build
 * (guarded by a cross-process lock, since vitest runs test files in parallel workers), and
 * `runCli()` runs one command and collects exit code, stdout, stderr and wall time.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const CLI = path.join(ROOT, 'dist', 'generator', 'cli.js');
const STAMP = path.join(ROOT, 'dist', '.test-build-stamp');
const LOCK = path.join(os.tmpdir(), `grantgen-build-lock-${createHash('sha1').update(ROOT).digest('hex').slice(0, 8)}`);

async function newestSource(dir: string): Promise<number> {
  let newest = 0;
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) newest = Math.max(newest, await newestSource(p));
    else if (e.name.endsWith('.ts')) newest = Math.max(newest, (await stat(p)).mtimeMs);
  }
  return newest;
}

async function mtime(file: string): Promise<number> {
  try {
    return (await stat(file)).mtimeMs;
  } catch {
    return 0;
  }
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function withLock<T>(fn: () => Promise<T>): Promise<T> {
  for (;;) {
    try {
      await mkdir(LOCK);
      break;
    } catch {
      // A lock older than 3 minutes belongs to a crashed run.
      if (Date.now() - (await mtime(LOCK)) > 180_000) await rm(LOCK, { recursive: true, force: true });
      await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    await rm(LOCK, { recursive: true, force: true });
  }
}

/** Build `dist/` with `tsc -p tsconfig.build.json` unless it is newer than every generator source. */
export async function ensureBuilt(): Promise<void> {
  await withLock(async () => {
    const built = Math.min(await mtime(STAMP), await mtime(CLI));
    if (built > 0 && built >= (await newestSource(path.join(ROOT, 'generator')))) return;
    const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
    const r = await run(process.execPath, [tsc, '-p', 'tsconfig.build.json'], ROOT, 300_000);
    // tsc still emits on type errors elsewhere in the tree (others' work in progress); only a
    // missing CLI is fatal.
    if ((await mtime(CLI)) === 0) throw new Error(`build failed:\n${r.stdout}\n${r.stderr}`);
    await writeFile(STAMP, new Date().toISOString());
  });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function run(cmd: string, args: string[], cwd: string, timeoutMs: number): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - t0 });
    });
  });
}

/** Run `grantgen <args>` (the built CLI) in `cwd`. */
export function runCli(args: string[], cwd: string = ROOT, timeoutMs = 60_000): Promise<CliResult> {
  return run(process.execPath, [CLI, ...args], cwd, timeoutMs);
}

/** A fresh temp folder (removed by `cleanup`). */
export async function tmpDir(prefix = 'grantgen-test-'): Promise<string> {
  return mkdtemp(path.join(os.tmpdir(), prefix));
}

/** Lines that look like a JavaScript stack trace (`    at fn (file:1:2)`). */
export function stackLines(s: string): string[] {
  return s.split('\n').filter((l) => /^\s+at\s/.test(l));
}

/** Run `fn` over `items`, at most `limit` at a time, keeping result order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  });
  await Promise.all(workers);
  return out;
}
