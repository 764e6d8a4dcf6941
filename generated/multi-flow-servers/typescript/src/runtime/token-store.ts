/**
 * Where a credential's token lives. The SDK reads the token through the store before each call and
 * saves every new token into it; `lock` makes "check, refresh, save" atomic for one key, so a store
 * shared between processes (a file, a database row) can give them one refresh between them.
 */
import type { OAuthToken } from './token.js';

export interface TokenStore {
  load(key: string): Promise<OAuthToken | null>;
  save(key: string, token: OAuthToken | null): Promise<void>;
  /** Run `fn` while holding the lock for `key` (other holders wait). */
  lock<T>(key: string, fn: () => Promise<T>): Promise<T>;
  /**
   * Optional: `load` without waiting, for stores that hold their tokens in memory (lets a call
   * whose token is valid skip the asynchronous path). Must return what `load` would resolve to.
   */
  peek?(key: string): OAuthToken | null;
}

/** The default store: one process, in memory. */
export class InMemoryTokenStore implements TokenStore {
  private readonly tokens = new Map<string, OAuthToken | null>();
  private readonly tails = new Map<string, Promise<unknown>>();

  constructor(initial?: Readonly<Record<string, OAuthToken | null | undefined>>) {
    for (const [k, v] of Object.entries(initial ?? {})) if (v) this.tokens.set(k, v);
  }

  load(key: string): Promise<OAuthToken | null> {
    return Promise.resolve(this.tokens.get(key) ?? null);
  }

  peek(key: string): OAuthToken | null {
    return this.tokens.get(key) ?? null;
  }

  save(key: string, token: OAuthToken | null): Promise<void> {
    this.tokens.set(key, token);
    return Promise.resolve();
  }

  lock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    const run = previous.then(fn, fn);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return run;
  }

  toJSON(): Record<string, unknown> {
    return { kind: 'InMemoryTokenStore', keys: [...this.tokens.keys()] };
  }
}
