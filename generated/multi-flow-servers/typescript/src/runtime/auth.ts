/**
 * Security schemes and requirements. A requirement is a list of alternatives (OR), each a list of
 * scheme names (AND), in spec order. The first alternative whose schemes are all usable is applied;
 * an empty alternative means "anonymous is fine" and is used only when no other one is usable.
 */
import { AuthRequiredError, ConfigurationError } from './errors.js';
import { basicCredentials } from './form.js';
import type { OAuthManager } from './oauth.js';
import type { OAuthToken } from './token.js';
import { redact } from './redact.js';

export type SecurityRequirement = ReadonlyArray<ReadonlyArray<string>>;

/** Where schemes put their credentials for one request. */
export interface AuthTarget {
  headers: Record<string, string>;
  query: Array<[string, string]>;
  cookies: Array<[string, string]>;
  /** OAuth managers whose bearer token went out, for 401 recovery. */
  oauth: Array<{ manager: OAuthManager; accessToken: string }>;
}

export interface AuthScheme {
  readonly name: string;
  /** null when the scheme can be used now, else why not (no secrets in it). */
  unavailableReason(): Promise<string | null>;
  /**
   * Optional: `unavailableReason` that also returns what `apply` needs (`prepared`), so a call
   * reads the token store once.
   */
  prepare?(): Promise<{ reason: string | null; prepared?: unknown }>;
  apply(target: AuthTarget, signal?: AbortSignal, prepared?: unknown): Promise<void>;
  /**
   * Optional synchronous path: `'applied'` (credentials put on `target`), `'unavailable'` (this
   * scheme cannot be used now), or `'async'` (cannot tell without waiting: use the async path).
   * `target` is left untouched unless the answer is `'applied'`.
   */
  applySync?(target: AuthTarget): 'applied' | 'unavailable' | 'async';
  /** Log-safe description. */
  toJSON(): Record<string, unknown>;
}

function setHeader(target: AuthTarget, scheme: string, name: string, value: string): void {
  const key = name.toLowerCase();
  if (key in target.headers) {
    throw new ConfigurationError(
      `${scheme}: the ${name} header is already set by another scheme of the same requirement; ` +
        'a request cannot carry both',
    );
  }
  target.headers[key] = value;
}

/** `Authorization: Bearer <token>` from a static token (http bearer, openIdConnect). */
export class BearerTokenScheme implements AuthScheme {
  constructor(
    readonly name: string,
    private readonly accessToken: string | undefined,
  ) {}
  unavailableReason(): Promise<string | null> {
    return Promise.resolve(this.accessToken ? null : `${this.name}: no access token configured`);
  }
  apply(target: AuthTarget): Promise<void> {
    setHeader(target, this.name, 'authorization', `Bearer ${this.accessToken ?? ''}`);
    return Promise.resolve();
  }
  applySync(target: AuthTarget): 'applied' | 'unavailable' {
    if (!this.accessToken) return 'unavailable';
    setHeader(target, this.name, 'authorization', `Bearer ${this.accessToken}`);
    return 'applied';
  }
  toJSON(): Record<string, unknown> {
    return { scheme: this.name, accessToken: redact(this.accessToken) };
  }
}

/** HTTP Basic (RFC 7617) with a username and password. */
export class BasicScheme implements AuthScheme {
  constructor(
    readonly name: string,
    private readonly username: string | undefined,
    private readonly password: string | undefined,
  ) {}
  unavailableReason(): Promise<string | null> {
    return Promise.resolve(
      this.username !== undefined && this.password !== undefined
        ? null
        : `${this.name}: no username/password configured`,
    );
  }
  apply(target: AuthTarget): Promise<void> {
    setHeader(
      target,
      this.name,
      'authorization',
      basicCredentials(this.username ?? '', this.password ?? ''),
    );
    return Promise.resolve();
  }
  applySync(target: AuthTarget): 'applied' | 'unavailable' {
    if (this.username === undefined || this.password === undefined) return 'unavailable';
    setHeader(target, this.name, 'authorization', basicCredentials(this.username, this.password));
    return 'applied';
  }
  toJSON(): Record<string, unknown> {
    return { scheme: this.name, username: this.username, password: redact(this.password) };
  }
}

/** An API key in a header, query parameter or cookie. */
export class ApiKeyScheme implements AuthScheme {
  constructor(
    readonly name: string,
    private readonly location: 'header' | 'query' | 'cookie',
    private readonly paramName: string,
    private readonly value: string | undefined,
  ) {}
  unavailableReason(): Promise<string | null> {
    return Promise.resolve(this.value ? null : `${this.name}: no API key configured`);
  }
  apply(target: AuthTarget): Promise<void> {
    const value = this.value ?? '';
    if (this.location === 'header') setHeader(target, this.name, this.paramName, value);
    else if (this.location === 'query') target.query.push([this.paramName, value]);
    else target.cookies.push([this.paramName, value]);
    return Promise.resolve();
  }
  applySync(target: AuthTarget): 'applied' | 'unavailable' {
    if (!this.value) return 'unavailable';
    void this.apply(target);
    return 'applied';
  }
  toJSON(): Record<string, unknown> {
    return {
      scheme: this.name,
      in: this.location,
      name: this.paramName,
      value: redact(this.value),
    };
  }
}

/** An OAuth 2 grant: the manager supplies a valid (refreshed if needed) bearer token. */
export class OAuthScheme implements AuthScheme {
  readonly name: string;
  private readonly managers: readonly OAuthManager[];
  /**
   * The header value of the last token sent: the same token goes out on call after call, and one
   * string reused is one less string built and checked by fetch per request. Private fields:
   * `util.inspect` of the scheme never shows them.
   */
  #lastToken: OAuthToken | undefined = undefined;
  #lastAuthorization = '';
  /** One scheme may declare several flows: their managers are tried in order, first usable wins. */
  constructor(manager: OAuthManager, ...more: OAuthManager[]) {
    this.name = manager.schemeName;
    this.managers = [manager, ...more];
  }
  async prepare(): Promise<{ reason: string | null; prepared?: PreparedOAuth }> {
    let reasons: string | null = null;
    for (const manager of this.managers) {
      const token = await manager.loadToken();
      const reason = manager.reasonFor(token);
      if (reason === null) return { reason: null, prepared: { manager, token } };
      reasons = reasons === null ? reason : `${reasons}; ${reason}`;
    }
    return { reason: reasons };
  }
  async unavailableReason(): Promise<string | null> {
    return (await this.prepare()).reason;
  }
  async apply(target: AuthTarget, signal?: AbortSignal, prepared?: unknown): Promise<void> {
    let ready = prepared as PreparedOAuth | undefined;
    if (ready === undefined) {
      ready = (await this.prepare()).prepared ?? {
        manager: this.managers[0] as OAuthManager,
        token: undefined,
      };
    }
    const token = await ready.manager.authorize(signal, ready.token);
    setHeader(target, this.name, 'authorization', this.authorization(token));
    target.oauth.push({ manager: ready.manager, accessToken: token.accessToken });
  }
  applySync(target: AuthTarget): 'applied' | 'unavailable' | 'async' {
    for (const manager of this.managers) {
      const token = manager.peekToken();
      if (token === undefined) return 'async';
      if (token === null || manager.isTokenExpired(token)) {
        if (!manager.isUsable(token)) continue;
        // the first usable manager: only a token valid now is applied here (a refresh is async)
        return 'async';
      }
      // a token valid now is always usable
      setHeader(target, this.name, 'authorization', this.authorization(token));
      target.oauth.push({ manager, accessToken: token.accessToken });
      return 'applied';
    }
    return 'unavailable';
  }
  private authorization(token: OAuthToken): string {
    if (token !== this.#lastToken) {
      this.#lastAuthorization = `Bearer ${token.accessToken}`;
      this.#lastToken = token;
    }
    return this.#lastAuthorization;
  }
  toJSON(): Record<string, unknown> {
    return { scheme: this.name };
  }
}

interface PreparedOAuth {
  manager: OAuthManager;
  /** The token read by `prepare` (undefined: read it again). */
  token: OAuthToken | null | undefined;
}

/**
 * `applySecurity` without waiting, when every scheme it looks at can answer synchronously (static
 * credentials, OAuth tokens valid now in an in-memory store). Returns false, with `target`
 * untouched, when the asynchronous path is needed (refresh, async store, no usable alternative).
 */
export function applySecuritySync(
  requirement: SecurityRequirement,
  schemes: Readonly<Record<string, AuthScheme | undefined>>,
  target: AuthTarget,
): boolean {
  for (const alternative of requirement) {
    if (alternative.length === 0) continue;
    if (alternative.length === 1) {
      // one scheme: it touches `target` only when it answers 'applied' (nothing half-applied)
      const outcome = schemes[alternative[0] as string]?.applySync?.(target) ?? 'async';
      if (outcome === 'async') return false;
      if (outcome === 'applied') return true;
      continue;
    }
    // a scratch target per alternative: a half-applied alternative leaves no trace
    const scratch: AuthTarget = { headers: {}, query: [], cookies: [], oauth: [] };
    let usable = true;
    for (const name of alternative) {
      const scheme = schemes[name];
      const outcome = scheme?.applySync?.(scratch) ?? 'async';
      if (outcome === 'async') return false;
      if (outcome === 'unavailable') {
        usable = false;
        break;
      }
    }
    if (!usable) continue;
    Object.assign(target.headers, scratch.headers);
    target.query.push(...scratch.query);
    target.cookies.push(...scratch.cookies);
    target.oauth.push(...scratch.oauth);
    return true;
  }
  return false;
}

/** Apply the first usable alternative of `requirement`, or throw `AuthRequiredError` (nothing sent). */
export async function applySecurity(
  requirement: SecurityRequirement,
  schemes: Readonly<Record<string, AuthScheme | undefined>>,
  target: AuthTarget,
  signal?: AbortSignal,
): Promise<void> {
  if (requirement.length === 0) return;
  const reasons: string[] = [];
  let anonymousAllowed = false;
  for (const alternative of requirement) {
    if (alternative.length === 0) {
      anonymousAllowed = true;
      continue;
    }
    let usable = true;
    const prepared: unknown[] = [];
    for (const name of alternative) {
      const scheme = schemes[name];
      let reason: string | null;
      if (scheme === undefined) reason = `${name}: not supported by this SDK`;
      else if (scheme.prepare !== undefined) {
        const ready = await scheme.prepare();
        reason = ready.reason;
        prepared.push(ready.prepared);
      } else {
        reason = await scheme.unavailableReason();
        prepared.push(undefined);
      }
      if (reason !== null) {
        usable = false;
        if (!reasons.includes(reason)) reasons.push(reason);
      }
    }
    if (!usable) continue;
    for (let i = 0; i < alternative.length; i++)
      await schemes[alternative[i] as string]?.apply(target, signal, prepared[i]);
    return;
  }
  if (anonymousAllowed) return;
  const all = [...new Set(requirement.flat())];
  const wanted = requirement.map((alt) => alt.join(' and ')).join(' or ');
  throw new AuthRequiredError(`this operation needs ${wanted}: ${reasons.join('; ')}`, all);
}
