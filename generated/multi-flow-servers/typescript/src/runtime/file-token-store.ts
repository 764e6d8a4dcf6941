/// <reference types="node" />
/**
 * A token store in one JSON file, shared by every process that opens it (Node.js; Deno and Bun
 * through their `node:` modules). Import it from the package's `/node` entry point: the main entry
 * stays free of `node:` imports so that it runs in browsers.
 *
 * - The file holds `{ "<scheme name>": <token JSON> }` with the RFC 6749 field names (see
 *   `oAuthTokenToJSON`); it is written to a temporary file (mode 0600) and renamed over the old
 *   one, so a crash mid-write leaves the previous file, never a torn one.
 * - `lock` takes `<file>.lock` (created with `O_EXCL`) so that "load, refresh, save" runs in one
 *   process at a time: the others wait, re-load the token under the lock and use the refreshed
 *   one. Like `flock`, a lock held by a live process is never taken over: on the same host the
 *   holder's pid is checked (alive → wait, gone → take over at once); a holder on another host
 *   renews its lease (the lock file's mtime) every `staleLockMs / 4` while it works, and only a
 *   lease not renewed for `staleLockMs` (the holder crashed) is taken over.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomBytes } from 'node:crypto';
import {
  link,
  open,
  readdir,
  readFile,
  rename,
  stat,
  unlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { SdkError } from './errors.js';
import { silentLogger, type Logger } from './redact.js';
import type { TokenStore } from './token-store.js';
import { oAuthTokenFromJSON, oAuthTokenToJSON, type OAuthToken } from './token.js';

/** The token file could not be read, written or locked. */
export class TokenStoreError extends SdkError {}

export interface FileTokenStoreOptions {
  /** The lock file (default: the token file's path + `.lock`). */
  lockPath?: string | undefined;
  /**
   * A lock whose lease (renewed every `staleLockMs / 4` by its live holder) was not renewed for this
   * long (milliseconds), and whose holder cannot be checked by pid (another host), is considered
   * abandoned and taken over. A lock of a live process on this host is never taken over. Default
   * 120000 (above the default 60 s request timeout, so longer than any refresh).
   */
  staleLockMs?: number | undefined;
  /** How long `lock` waits for another holder before failing (milliseconds). Default 180000. */
  lockTimeoutMs?: number | undefined;
  /** Where to warn about an unreadable token file (default: silent). */
  logger?: Logger | undefined;
}

const FILE_MODE = 0o600;

interface LockOwner {
  pid: number;
  host: string;
  created: number;
  nonce: string;
}

function errorCode(error: unknown): string | undefined {
  return error !== null && typeof error === 'object' && 'code' in error
    ? String((error as { code: unknown }).code)
    : undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Is the process `pid` alive on this host? (EPERM: it exists, owned by someone else.) */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return errorCode(error) === 'EPERM';
  }
}

/** A `TokenStore` backed by one JSON file (mode 0600) with a cross-process lock file. */
export class FileTokenStore implements TokenStore {
  readonly path: string;
  readonly lockPath: string;
  private readonly staleLockMs: number;
  private readonly lockTimeoutMs: number;
  private readonly logger: Logger;
  /** Set while the current async context holds this store's lock (makes `lock` re-entrant). */
  private readonly holding = new AsyncLocalStorage<true>();
  /** Callers of this process queue here before trying the lock file. */
  private tail: Promise<unknown> = Promise.resolve();
  /** Cleared when the file system refuses hard links (the lock file is then made with `wx`). */
  private hardLinks = true;

  constructor(path: string, options: FileTokenStoreOptions = {}) {
    if (path === '') throw new TokenStoreError('the token file path is empty');
    this.path = path;
    this.lockPath = options.lockPath ?? `${path}.lock`;
    this.staleLockMs = options.staleLockMs ?? 120_000;
    this.lockTimeoutMs = options.lockTimeoutMs ?? 180_000;
    this.logger = options.logger ?? silentLogger;
  }

  async load(key: string): Promise<OAuthToken | null> {
    const entry = (await this.readAll())[key];
    if (entry === undefined || entry === null) return null;
    try {
      return oAuthTokenFromJSON(entry);
    } catch {
      this.logger.warn('ignoring an unreadable token in the token file', { key });
      return null;
    }
  }

  save(key: string, token: OAuthToken | null): Promise<void> {
    return this.lock(key, async () => {
      const all = await this.readAll();
      if (token === null) delete all[key];
      else all[key] = oAuthTokenToJSON(token);
      await this.removeAbandonedTemps();
      await this.writeAtomically(`${JSON.stringify(all, null, 2)}\n`);
    });
  }

  lock<T>(_key: string, fn: () => Promise<T>): Promise<T> {
    if (this.holding.getStore() === true) return fn();
    const run = this.tail.then(() => this.withFileLock(fn));
    this.tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'FileTokenStore', path: this.path };
  }

  /** Every stored entry (an empty object when the file does not exist or is unreadable). */
  private async readAll(): Promise<Record<string, unknown>> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if (errorCode(error) === 'ENOENT') return {};
      throw new TokenStoreError(`cannot read the token file ${this.path}`, { cause: error });
    }
    if (text.trim() === '') return {};
    try {
      const value: unknown = JSON.parse(text);
      if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        return { ...(value as Record<string, unknown>) };
      }
    } catch {
      // reported below
    }
    this.logger.warn('ignoring a token file that is not a JSON object', { path: this.path });
    return {};
  }

  /** Write a temporary file next to the target (0600, flushed), then rename it over the target. */
  private async writeAtomically(text: string): Promise<void> {
    const temp = `${this.path}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await open(temp, 'wx', FILE_MODE);
      try {
        await handle.chmod(FILE_MODE);
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (error) {
      await unlink(temp).catch(() => undefined);
      throw new TokenStoreError(`cannot write the token file ${this.path}`, { cause: error });
    }
  }

  private async withFileLock<T>(fn: () => Promise<T>): Promise<T> {
    const stamp = await this.acquire();
    // The lease: while the holder works, the lock file's mtime is renewed so that no other host
    // judges it abandoned (a holder on this host is judged by its pid).
    const renew = setInterval(
      () => void this.renewLease(stamp),
      Math.max(10, Math.floor(this.staleLockMs / 4)),
    );
    (renew as { unref?: () => void }).unref?.();
    try {
      return await this.holding.run(true, fn);
    } finally {
      clearInterval(renew);
      await this.release(stamp);
    }
  }

  /** Touch the lock file if it is still ours. */
  private async renewLease(stamp: string): Promise<void> {
    const content = await readFile(this.lockPath, 'utf8').catch(() => null);
    if (content !== stamp) return;
    const now = new Date();
    await utimes(this.lockPath, now, now).catch(() => undefined);
  }

  /** Create the lock file exclusively; wait (small, growing, jittered delays) while it exists. */
  private async acquire(): Promise<string> {
    const owner: LockOwner = {
      pid: process.pid,
      host: hostname(),
      created: Date.now(),
      nonce: randomBytes(8).toString('hex'),
    };
    const deadline = Date.now() + this.lockTimeoutMs;
    let delay = 5;
    for (;;) {
      owner.created = Date.now();
      const stamp = JSON.stringify(owner);
      try {
        if (await this.createLockFile(stamp)) return stamp;
      } catch (error) {
        throw new TokenStoreError(`cannot create the lock file ${this.lockPath}`, { cause: error });
      }
      if (await this.breakIfStale()) continue;
      if (Date.now() >= deadline) {
        throw new TokenStoreError(
          `timed out after ${this.lockTimeoutMs} ms waiting for the lock file ${this.lockPath}`,
        );
      }
      await sleep(delay + Math.random() * delay);
      delay = Math.min(delay * 2, 100);
    }
  }

  /**
   * Create the lock file with its content in one step: write a temporary file, then hard-link it
   * to the lock path (fails if the lock exists), so a crash never leaves an empty lock behind.
   * File systems without hard links fall back to `open(..., 'wx')`. Returns false when locked.
   */
  private async createLockFile(stamp: string): Promise<boolean> {
    if (this.hardLinks) {
      const temp = `${this.lockPath}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
      await writeFile(temp, stamp, { encoding: 'utf8', mode: FILE_MODE, flag: 'wx' });
      try {
        await link(temp, this.lockPath);
        return true;
      } catch (error) {
        const code = errorCode(error);
        if (code === 'EEXIST') return false;
        if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS') throw error;
        this.hardLinks = false;
      } finally {
        await unlink(temp).catch(() => undefined);
      }
    }
    try {
      const handle = await open(this.lockPath, 'wx', FILE_MODE);
      try {
        await handle.writeFile(stamp, 'utf8');
      } finally {
        await handle.close();
      }
      return true;
    } catch (error) {
      if (errorCode(error) === 'EEXIST') return false;
      throw error;
    }
  }

  /**
   * Delete temporary files that writers killed mid-write left next to the token file (called
   * under the lock, so no live writer of this file is using one): those of a process that is gone
   * and those older than `staleLockMs`.
   */
  private async removeAbandonedTemps(): Promise<void> {
    const dir = dirname(this.path);
    const prefix = `${basename(this.path)}.`;
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return;
    }
    for (const name of names) {
      const m = /^(?:lock\.)?(\d+)\.[0-9a-f]{12}\.tmp$/.exec(name.slice(prefix.length));
      if (!name.startsWith(prefix) || m === null) continue;
      const full = join(dir, name);
      const pid = Number(m[1]);
      const abandoned =
        (pid !== process.pid && !processAlive(pid)) ||
        Date.now() - ((await stat(full).catch(() => null))?.mtimeMs ?? Date.now()) >
          this.staleLockMs;
      if (abandoned) await unlink(full).catch(() => undefined);
    }
  }

  /** Remove the lock file only if it is still ours. */
  private async release(stamp: string): Promise<void> {
    const content = await readFile(this.lockPath, 'utf8').catch(() => null);
    if (content === stamp) await unlink(this.lockPath).catch(() => undefined);
  }

  /**
   * Take over an abandoned lock: its owner process is gone (same host), or (owner on another host,
   * or unknown) its lease was not renewed for `staleLockMs`. A live owner on this host is never
   * taken over, however long it holds the lock. The lock is renamed aside first (only one
   * contender can), and put back when it turns out to be a newer lock than the one judged stale.
   * Returns true to retry at once.
   */
  private async breakIfStale(): Promise<boolean> {
    let content: string;
    let modified: number;
    try {
      content = await readFile(this.lockPath, 'utf8');
      modified = (await stat(this.lockPath)).mtimeMs;
    } catch (error) {
      return errorCode(error) === 'ENOENT';
    }
    let owner: Partial<LockOwner> = {};
    try {
      owner = JSON.parse(content) as Partial<LockOwner>;
    } catch {
      // being written right now, or left empty by a crash: judged by age alone
    }
    const sameHost = typeof owner.pid === 'number' && owner.host === hostname();
    if (sameHost && processAlive(owner.pid as number)) return false;
    // the lease: the owner renews the mtime while it works
    if (!sameHost && Date.now() - modified < this.staleLockMs) return false;
    const aside = `${this.lockPath}.${randomBytes(6).toString('hex')}.stale`;
    try {
      await rename(this.lockPath, aside);
    } catch {
      return true;
    }
    const moved = await readFile(aside, 'utf8').catch(() => content);
    if (moved !== content) await link(aside, this.lockPath).catch(() => undefined);
    await unlink(aside).catch(() => undefined);
    this.logger.warn('took over an abandoned token lock', { lockPath: this.lockPath });
    return true;
  }
}
