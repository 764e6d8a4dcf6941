/**
 * FileTokenStore in one process: round trip, mode 0600, atomic replace, re-entrant lock, waiting
 * for and taking over abandoned locks, lock timeout. The cross-process proof (4 processes sharing
 * one file → 1 token request; SIGKILL mid-write) is in test/typescript/file-token-store.test.ts.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileTokenStore, TokenStoreError } from '../../../templates/typescript/static/src/runtime/file-token-store.js';
import type { OAuthToken } from '../../../templates/typescript/static/src/runtime/token.js';
import { memoryLogger } from './fake-fetch.js';

const token = (n: number): OAuthToken => ({
  accessToken: `access-token-${n}-xxxxxxxx`,
  tokenType: 'Bearer',
  expiry: 1_900_000_000 + n,
  refreshToken: `refresh-token-${n}-xxxxxxxx`,
});

async function tempFile(): Promise<string> {
  return path.join(await mkdtemp(path.join(tmpdir(), 'grantgen-fts-')), 'tokens.json');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('FileTokenStore', () => {
  it('round-trips tokens per key in RFC 6749 JSON, mode 0600, no temp files left', async () => {
    const file = await tempFile();
    const store = new FileTokenStore(file);
    expect(await store.load('OAuthACG')).toBeNull();
    await store.save('OAuthACG', token(1));
    await store.save('OAuthROPCG', token(2));
    expect(await store.load('OAuthACG')).toEqual(token(1));
    expect(await new FileTokenStore(file).load('OAuthROPCG')).toEqual(token(2));
    const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(json['OAuthACG']).toMatchObject({ access_token: 'access-token-1-xxxxxxxx', expiry: 1_900_000_001 });
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    await store.save('OAuthACG', null);
    expect(await store.load('OAuthACG')).toBeNull();
    expect(await store.load('OAuthROPCG')).toEqual(token(2));
    expect(await readdir(path.dirname(file))).toEqual(['tokens.json']);
    expect(JSON.stringify(store)).not.toContain('access-token');
  });

  it('keeps mode 0600 under a permissive umask and replaces (not rewrites) the file', async () => {
    const file = await tempFile();
    await writeFile(file, '{}', { mode: 0o644 });
    const before = (await stat(file)).ino;
    const old = process.umask(0);
    try {
      await new FileTokenStore(file).save('k', token(1));
    } finally {
      process.umask(old);
    }
    const after = await stat(file);
    expect(after.mode & 0o777).toBe(0o600);
    expect(after.ino).not.toBe(before);
  });

  it('treats a corrupt file as empty with a warning, and overwrites it on save', async () => {
    const file = await tempFile();
    await writeFile(file, '{"OAuthACG": {"access_tok');
    const logger = memoryLogger();
    const store = new FileTokenStore(file, { logger });
    expect(await store.load('OAuthACG')).toBeNull();
    expect(logger.lines.join('\n')).toMatch(/not a JSON object/);
    await store.save('OAuthACG', token(3));
    expect(await store.load('OAuthACG')).toEqual(token(3));
  });

  it('serializes holders in one process, and save inside lock does not deadlock', async () => {
    const store = new FileTokenStore(await tempFile());
    const events: string[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        store.lock('k', async () => {
          events.push(`in${n}`);
          await sleep(15);
          await store.save('k', token(n));
          events.push(`out${n}`);
        }),
      ),
    );
    expect(events).toEqual(['in1', 'out1', 'in2', 'out2', 'in3', 'out3']);
    expect(await store.load('k')).toEqual(token(3));
    await expect(store.lock('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await store.lock('k', () => Promise.resolve(7))).toBe(7);
  });

  it('waits for a live lock, and times out with TokenStoreError', async () => {
    const file = await tempFile();
    const live = JSON.stringify({ pid: process.pid, host: (await import('node:os')).hostname(), created: Date.now() });
    await writeFile(`${file}.lock`, live);
    const store = new FileTokenStore(file, { lockTimeoutMs: 150 });
    const started = Date.now();
    await expect(store.lock('k', () => Promise.resolve(1))).rejects.toThrow(TokenStoreError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(live);
  });

  it("takes over a lock whose owner process died, and another host's lock whose lease lapsed", async () => {
    const file = await tempFile();
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    const host = (await import('node:os')).hostname();
    await writeFile(`${file}.lock`, JSON.stringify({ pid: deadPid, host, created: Date.now() }));
    const store = new FileTokenStore(file, { lockTimeoutMs: 2000 });
    expect(await store.lock('k', () => Promise.resolve('got it'))).toBe('got it');

    // another host's lock: the pid cannot be checked, only its lease (mtime, renewed by a live
    // holder) counts
    await writeFile(`${file}.lock`, JSON.stringify({ pid: 1, host: 'elsewhere', created: Date.now() }));
    const lapsed = new Date(Date.now() - 200_000);
    await utimes(`${file}.lock`, lapsed, lapsed);
    expect(await store.lock('k', () => Promise.resolve('old'))).toBe('old');

    // an empty lock file (crash between create and write) is judged by its mtime
    await writeFile(`${file}.lock`, '');
    const past = new Date(Date.now() - 200_000);
    await utimes(`${file}.lock`, past, past);
    expect(await store.lock('k', () => Promise.resolve('empty'))).toBe('empty');
    expect(await readdir(path.dirname(file))).toEqual([]);
  });

  it('removes temporary files of dead writers on the next save, keeps those of live ones', async () => {
    const file = await tempFile();
    const child = spawn(process.execPath, ['-e', '']);
    const deadPid = child.pid!;
    await new Promise((r) => child.on('exit', r));
    const dead = `${file}.${deadPid}.0123456789ab.tmp`;
    const live = `${file}.${process.pid}.0123456789ab.tmp`;
    await writeFile(dead, '{"torn');
    await writeFile(live, '{"busy');
    await new FileTokenStore(file).save('k', token(1));
    expect((await readdir(path.dirname(file))).sort()).toEqual(['tokens.json', path.basename(live)].sort());
  });

  it('a released lock file is removed; a lock that is not ours is left alone', async () => {
    const file = await tempFile();
    const store = new FileTokenStore(file);
    await store.lock('k', async () => {
      expect(await readFile(`${file}.lock`, 'utf8')).toContain(`"pid":${process.pid}`);
      // someone took the lock over meanwhile (we were too slow): release must not delete theirs
      await writeFile(`${file}.lock`, 'theirs');
    });
    expect(await readFile(`${file}.lock`, 'utf8')).toBe('theirs');
  });
});
