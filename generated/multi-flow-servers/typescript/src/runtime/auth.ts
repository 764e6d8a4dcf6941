/**
 * Security schemes and requirements. A requirement is a list of alternatives (OR), each a list of
 * scheme names (AND), in spec order. The first alternative whose schemes are all usable is applied;
 * an empty alternative means "anonymous is fine" and is used only when no other one is usable.
 */
import { AuthRequiredError, ConfigurationError } from './errors.js';
import { basicCredentials } from './form.js';
import type { OAuthManager } from './oauth.js';
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
  apply(target: AuthTarget, signal?: AbortSignal): Promise<void>;
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
  /** One scheme may declare several flows: their managers are tried in order, first usable wins. */
  constructor(manager: OAuthManager, ...more: OAuthManager[]) {
    this.name = manager.schemeName;
    this.managers = [manager, ...more];
  }
  private async usable(): Promise<{ manager: OAuthManager | null; reasons: string[] }> {
    const reasons: string[] = [];
    for (const manager of this.managers) {
      const reason = await manager.unavailableReason();
      if (reason === null) return { manager, reasons };
      reasons.push(reason);
    }
    return { manager: null, reasons };
  }
  async unavailableReason(): Promise<string | null> {
    const { manager, reasons } = await this.usable();
    return manager ? null : reasons.join('; ');
  }
  async apply(target: AuthTarget, signal?: AbortSignal): Promise<void> {
    const manager = (await this.usable()).manager ?? (this.managers[0] as OAuthManager);
    const token = await manager.authorize(signal);
    setHeader(target, this.name, 'authorization', `Bearer ${token.accessToken}`);
    target.oauth.push({ manager, accessToken: token.accessToken });
  }
  toJSON(): Record<string, unknown> {
    return { scheme: this.name };
  }
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
    for (const name of alternative) {
      const scheme = schemes[name];
      const reason = scheme
        ? await scheme.unavailableReason()
        : `${name}: not supported by this SDK`;
      if (reason !== null) {
        usable = false;
        if (!reasons.includes(reason)) reasons.push(reason);
      }
    }
    if (!usable) continue;
    for (const name of alternative) await schemes[name]?.apply(target, signal);
    return;
  }
  if (anonymousAllowed) return;
  const all = [...new Set(requirement.flat())];
  const wanted = requirement.map((alt) => alt.join(' and ')).join(' or ');
  throw new AuthRequiredError(`this operation needs ${wanted}: ${reasons.join('; ')}`, all);
}
