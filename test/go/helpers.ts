/**
 * Helpers for the Go target tests: the Go toolchain (found or the test fails, never skipped), an
 * environment whose module and build caches live inside the clone (`.cache/go`, repeatable CI), and
 * a temp module holding the static runtime.
 */
import { existsSync } from 'node:fs';
import { cp, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { REPO, run } from '../helpers/sdk.js';

export { generate, listSpecs, REPO, run, tempDir } from '../helpers/sdk.js';

/** The go binary: `$GO`, then /usr/local/go/bin/go, then `go` on PATH. */
export function goBinary(): string {
  const candidates = [
    process.env['GO'],
    '/usr/local/go/bin/go',
    ...(process.env['PATH'] ?? '').split(':').map((d) => path.join(d, 'go')),
  ];
  for (const c of candidates) if (c && existsSync(c)) return c;
  throw new Error('the Go toolchain (go ≥ 1.22) is required for the Go target tests; .ci/run installs it');
}

/** Environment for every go command of the tests. */
export function goEnv(): NodeJS.ProcessEnv {
  const cache = path.join(REPO, '.cache/go');
  return {
    ...process.env,
    GOFLAGS: '-mod=mod',
    GOMODCACHE: path.join(cache, 'mod'),
    GOCACHE: path.join(cache, 'build'),
    GOPATH: path.join(cache, 'path'),
    GOTOOLCHAIN: 'local',
    GOTELEMETRY: 'off',
    CGO_ENABLED: process.env['CGO_ENABLED'] ?? '1',
    PATH: `${path.dirname(goBinary())}:${process.env['PATH'] ?? ''}`,
  };
}

/** Run a go subcommand in `cwd`; stdout+stderr are in the thrown error on failure. */
export async function go(
  args: string[],
  cwd: string,
  timeout = 600_000,
  env: NodeJS.ProcessEnv = {},
): Promise<{ stdout: string; stderr: string }> {
  try {
    return await run(goBinary(), args, { cwd, env: { ...goEnv(), ...env }, timeout, maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(`go ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}\n${e.stderr ?? e.message}`);
  }
}

/** gofmt -l over a folder: the list of badly formatted files (empty = clean). */
export async function gofmtList(dir: string): Promise<string[]> {
  const gofmt = path.join(path.dirname(goBinary()), 'gofmt');
  const { stdout } = await run(gofmt, ['-l', '.'], { cwd: dir, env: goEnv() });
  return stdout.split('\n').filter(Boolean);
}

/** A module `example.com/rt` with the static runtime in `core/` plus the given extra files. */
export async function runtimeModule(dir: string, extra: Record<string, string> = {}): Promise<void> {
  await mkdir(dir, { recursive: true });
  await cp(path.join(REPO, 'templates/go/static/core'), path.join(dir, 'core'), { recursive: true });
  await writeFile(path.join(dir, 'go.mod'), 'module example.com/rt\n\ngo 1.22\n');
  for (const [file, content] of Object.entries(extra)) {
    await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
    await writeFile(path.join(dir, file), content);
  }
}
