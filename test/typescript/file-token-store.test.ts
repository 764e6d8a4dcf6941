/**
 * FileTokenStore across processes, through the built, packed and installed SDK of
 * specs/multiauth-sample.yaml (imported as `multiauthsample/node`) and the real test server:
 * 4 processes × 25 concurrent calls with an expired token in one shared file make exactly 1 token
 * request between them; the file is mode 0600; SIGKILL in the middle of writes never leaves a torn
 * file. Also: the main entry point's module graph has no `node:` import (browser-safe).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { consumerProject, generateBuildPack, REPO, tempDir, type BuiltSdk } from './helpers.js';

let server: TestServer;
let built: BuiltSdk;
let consumer = '';
let work = '';

/** One worker: builds a client on the shared file, says `ready`, waits for `go`, makes N calls. */
const WORKER = `
import { MultiauthsampleClient } from 'multiauthsample';
import { FileTokenStore } from 'multiauthsample/node';
const [file, url, calls] = process.argv.slice(2);
let updates = 0;
const client = new MultiauthsampleClient({
  baseUrls: { default: url, auth: url + '/oauth2/auth-server' },
  oAuthROPCGCredentials: {
    oAuthClientId: 'ropcg-client',
    oAuthClientSecret: 'ropcg-secret',
    oAuthUsername: 'alice',
    oAuthPassword: 'alice-password',
    oAuthTokenStore: new FileTokenStore(file),
    oAuthOnTokenUpdate: () => { updates++; },
  },
});
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  const settled = await Promise.allSettled(
    Array.from({ length: Number(calls) }, () => client.authentication.oAuthAuthorizationGrant()),
  );
  const errors = settled.filter((s) => s.status === 'rejected').map((s) => String(s.reason?.message ?? s.reason));
  process.stdout.write(JSON.stringify({ ok: settled.length - errors.length, errors, updates }) + '\\n');
  process.exit(0);
});
`;

/** Saves bigger and bigger tokens in a loop until killed; prints `saving` once it started. */
const WRITER = `
import { FileTokenStore } from 'multiauthsample/node';
const store = new FileTokenStore(process.argv[2]);
for (let n = 1; ; n++) {
  await store.save('OAuthROPCG', { accessToken: 'a'.repeat(20) + n, tokenType: 'Bearer', scope: 'x'.repeat(200_000 + n), refreshToken: 'r' + n });
  if (n === 3) process.stdout.write('saving\\n');
}
`;

const ENTRY_GRAPH = `
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const root = path.dirname(require.resolve('multiauthsample/package.json'));
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const seen = new Set();
const nodeImports = [];
async function walk(file) {
  if (seen.has(file)) return;
  seen.add(file);
  const text = await readFile(file, 'utf8');
  for (const m of text.matchAll(/(?:^|\\n)\\s*(?:import|export)[^'";]*?from\\s*['"]([^'"]+)['"]|import\\(\\s*['"]([^'"]+)['"]/g)) {
    const spec = m[1] ?? m[2];
    if (spec.startsWith('.')) await walk(path.resolve(path.dirname(file), spec));
    else nodeImports.push(spec);
  }
}
await walk(path.join(root, pkg.exports['.'].default));
process.stdout.write(JSON.stringify({ files: seen.size, bare: nodeImports }));
`;

function startNode(args: string[]): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, args, { cwd: consumer, stdio: ['pipe', 'pipe', 'pipe'] });
}

async function firstLine(child: ChildProcessWithoutNullStreams): Promise<string> {
  const lines = createInterface({ input: child.stdout });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit').then(() => {
    throw new Error(`worker exited early: ${stderr}`);
  });
  const [line] = (await Promise.race([once(lines, 'line'), exited])) as [string];
  lines.close();
  return line;
}

async function control(pathname: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${server.url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(res.ok).toBe(true);
  return res.json();
}

beforeAll(async () => {
  work = await tempDir('ts-file-store-');
  built = await generateBuildPack(path.join(REPO, 'specs/multiauth-sample.yaml'), work);
  consumer = await consumerProject(work, [built]);
  await writeFile(path.join(consumer, 'worker.mjs'), WORKER);
  await writeFile(path.join(consumer, 'writer.mjs'), WRITER);
  await writeFile(path.join(consumer, 'entry-graph.mjs'), ENTRY_GRAPH);
  server = await startTestServer();
}, 600_000);

afterAll(async () => {
  await server?.close();
});

type Log = { path: string; grantType: string | null; status: number }[];

describe('FileTokenStore shared by processes (installed SDK, real server)', () => {
  it('4 processes × 25 calls with an expired token in one file → exactly 1 token request', async () => {
    await control('/__control/reset', {});
    const file = path.join(work, 'shared-tokens.json');
    // a real token (with a refresh token) from the server, stored expired
    const { MultiauthsampleClient } = (await import(
      pathToFileURL(path.join(consumer, 'node_modules/multiauthsample/dist/index.js')).href
    )) as {
      MultiauthsampleClient: new (o: unknown) => { oAuthROPCG: { fetchToken(): Promise<Record<string, unknown>> } };
    };
    const { FileTokenStore } = (await import(
      pathToFileURL(path.join(consumer, 'node_modules/multiauthsample/dist/node.js')).href
    )) as {
      FileTokenStore: new (p: string) => {
        save(k: string, t: unknown): Promise<void>;
        load(k: string): Promise<Record<string, unknown> | null>;
      };
    };
    const seed = new MultiauthsampleClient({
      baseUrls: { default: server.url, auth: `${server.url}/oauth2/auth-server` },
      oAuthROPCGCredentials: {
        oAuthClientId: 'ropcg-client',
        oAuthClientSecret: 'ropcg-secret',
        oAuthUsername: 'alice',
        oAuthPassword: 'alice-password',
      },
    });
    const fresh = await seed.oAuthROPCG.fetchToken();
    const store = new FileTokenStore(file);
    await store.save('OAuthROPCG', { ...fresh, expiry: Math.floor(Date.now() / 1000) - 1000 });
    // a slow token endpoint keeps the lock held while the other processes pile up behind it
    await control('/__control/fault', { target: 'token', kind: 'slow', count: 4, delayMs: 400 });
    const before = ((await control('/__control/log')) as Log).length;

    const workers = Array.from({ length: 4 }, () => startNode(['worker.mjs', file, server.url, '25']));
    expect(await Promise.all(workers.map(firstLine))).toEqual(['ready', 'ready', 'ready', 'ready']);
    const results = workers.map((w) => firstLine(w));
    for (const w of workers) w.stdin.write('go\n');
    const reports = (await Promise.all(results)).map(
      (line) => JSON.parse(line) as { ok: number; errors: string[]; updates: number },
    );

    const log = ((await control('/__control/log')) as Log).slice(before);
    const tokenRequests = log.filter((e) => e.grantType !== null || /token$/.test(e.path));
    const apiCalls = log.filter((e) => e.path === '/oauth2/non-auth-server/user');
    expect(reports.flatMap((r) => r.errors)).toEqual([]);
    expect(reports.reduce((n, r) => n + r.ok, 0)).toBe(100);
    expect(tokenRequests.map((e) => e.grantType)).toEqual(['refresh_token']);
    expect(apiCalls).toHaveLength(100);
    expect(apiCalls.every((e) => e.status === 200)).toBe(true);
    expect(reports.reduce((n, r) => n + r.updates, 0)).toBe(1);
    console.log(
      `file store: 4 processes × 25 calls → ${tokenRequests.length} token request, ${apiCalls.length} API calls (all 200)`,
    );

    const stored = await store.load('OAuthROPCG');
    expect(stored?.['accessToken']).not.toBe(fresh['accessToken']);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await expect(stat(`${file}.lock`)).rejects.toThrow(/ENOENT/);
  });

  it('SIGKILL in the middle of writing never leaves a torn or widened file', async () => {
    const file = path.join(work, 'crash-tokens.json');
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const writer = startNode(['writer.mjs', file]);
      expect(await firstLine(writer)).toBe('saving');
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 40));
      writer.kill('SIGKILL');
      await once(writer, 'exit');
      kills++;
      const text = await readFile(file, 'utf8');
      const parsed = JSON.parse(text) as { OAuthROPCG: { access_token: string; scope: string } };
      const n = Number(parsed.OAuthROPCG.access_token.slice(20));
      expect(parsed.OAuthROPCG.scope).toHaveLength(200_000 + n);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      // a lock left behind by the killed writer is taken over (its pid is gone)
      await rmLockIfDead(file);
    }
    expect(kills).toBe(8);
    // temporary files of killed writers are cleaned up by the next save (at most the last one stays)
    const temps = (await readdir(work)).filter((f) => f.startsWith('crash-tokens.json.') && f.endsWith('.tmp'));
    expect(temps.length).toBeLessThanOrEqual(1);
  });

  it('the main entry point imports no node: module (browser-safe); ./node is a separate subpath', async () => {
    const { stdout } = await new Promise<{ stdout: string }>((resolve, reject) => {
      const child = startNode(['entry-graph.mjs']);
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      child.on('exit', (code) => (code === 0 ? resolve({ stdout: out }) : reject(new Error(`exit ${code}`))));
    });
    const graph = JSON.parse(stdout) as { files: number; bare: string[] };
    expect(graph.files).toBeGreaterThan(10);
    expect(graph.bare).toEqual([]);
    const pkg = JSON.parse(await readFile(path.join(built.dir, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
      dependencies?: unknown;
    };
    expect(pkg.exports['./node']).toEqual({ types: './dist/node.d.ts', default: './dist/node.js' });
    expect(pkg.dependencies).toBeUndefined();
  });
});

/** The next writer must be able to lock again: a dead writer's lock is taken over by the store. */
async function rmLockIfDead(file: string): Promise<void> {
  const { FileTokenStore } = (await import(
    pathToFileURL(path.join(consumer, 'node_modules/multiauthsample/dist/node.js')).href
  )) as {
    FileTokenStore: new (p: string, o: unknown) => { lock(k: string, fn: () => Promise<unknown>): Promise<unknown> };
  };
  await new FileTokenStore(file, { lockTimeoutMs: 5000 }).lock('k', () => Promise.resolve());
}
