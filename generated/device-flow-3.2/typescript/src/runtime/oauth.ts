/**
 * OAuth 2 grant managers: token requests with client authentication, validation, expiry, a single
 * in-flight refresh per credential, and the authorization-code specifics (PKCE S256, state, RFC 9207
 * issuer check, callback parsing). Generated code subclasses these with the spec's constants.
 */
import {
  ApiError,
  AuthRequiredError,
  ConfigurationError,
  InvalidTokenResponseError,
  OAuthCallbackError,
  OAuthProviderError,
  StateMismatchError,
  headersToObject,
} from './errors.js';
import { basicAuthorization, formEncode } from './form.js';
import { raceSignal, send, type HttpSettings } from './http.js';
import {
  codeChallengeS256,
  generateCodeVerifier,
  generateState,
  isValidCodeVerifier,
} from './pkce.js';
import { defineRedactedViews, redact, redactUrl } from './redact.js';
import { InMemoryTokenStore, type TokenStore } from './token-store.js';
import {
  compactToken,
  isExpired,
  nowSeconds,
  parseTokenResponse,
  redactToken,
  type OAuthToken,
} from './token.js';
import { joinUrl, requireSecureUrl } from './url.js';
import {
  cachedMetadata,
  fetchMetadata,
  isFallbackFailure,
  type AuthorizationServerMetadata,
  type DiscoveryMode,
  type MetadataEndpoint,
} from './metadata.js';
import { AuthorizationServerMetadataError } from './oauth-errors.js';
import { revokeAtServer } from './revoke.js';
import { runLoopbackSignIn, type LoopbackOptions } from './loopback.js';

/** How the client authenticates at the token endpoint (RFC 6749 §2.3). */
export type ClientAuthMethod = 'client_secret_basic' | 'client_secret_post' | 'none';

/** Spec constants of one OAuth flow (set by the generated subclass). */
export interface OAuthFlowDefinition {
  /** The security scheme's name in the spec, e.g. `OAuthACG`. */
  readonly schemeName: string;
  /** Token URL as written in the spec; relative ones resolve against `serverName`. */
  readonly tokenUrl: string;
  readonly refreshUrl: string | null;
  readonly serverName: string;
  readonly clientAuth: ClientAuthMethod;
  /** RFC 8414 metadata URL of the scheme (`oauth2MetadataUrl`), as written; relative ones resolve against `metadataServerName`. */
  readonly metadataUrl?: string | null | undefined;
  readonly metadataServerName?: string | undefined;
  /** RFC 7009 revocation URL (`x-revocation-url`), as written; else the metadata's, if any. */
  readonly revocationUrl?: string | null | undefined;
}

export interface AuthorizationCodeFlowDefinition extends OAuthFlowDefinition {
  readonly authorizationUrl: string;
  readonly pkce: boolean;
  readonly issuer: string | null;
}

/** What a manager needs from the client it belongs to. */
export interface OAuthContext {
  readonly http: HttpSettings;
  /** The base URL of a named server in the selected environment. */
  serverUrl(serverName: string): string;
  readonly allowInsecureHttp: boolean;
}

/** Normalized credentials (generated code maps the public credential fields onto these). */
export interface OAuthSettings {
  clientId?: string | undefined;
  clientSecret?: string | undefined;
  scopes?: readonly string[] | undefined;
  token?: OAuthToken | null | undefined;
  onTokenUpdate?: ((token: OAuthToken) => void | Promise<void>) | undefined;
  /** Seconds before `expiry` at which a token counts as expired (default 60). */
  clockSkewSeconds?: number | undefined;
  clientAuth?: ClientAuthMethod | undefined;
  tokenStore?: TokenStore | undefined;
  /** Accepted `token_type` values, case-insensitive (default `['bearer']`). */
  acceptedTokenTypes?: readonly string[] | undefined;
  /**
   * Where endpoints come from when the scheme publishes RFC 8414 metadata: `'auto'` (default: the
   * metadata, else the spec's URLs), `'metadata'` (only the metadata) or `'static'` (never fetch).
   */
  discovery?: DiscoveryMode | undefined;
}

export interface AuthorizationCodeSettings extends OAuthSettings {
  redirectUri?: string | undefined;
  pkce?: boolean | undefined;
  issuer?: string | null | undefined;
}

export interface PasswordSettings extends OAuthSettings {
  username?: string | undefined;
  password?: string | undefined;
}

export interface TokenCallOptions {
  /** Extra form fields for the token request; they can never replace the grant's own fields. */
  additionalParams?: Readonly<Record<string, string>> | undefined;
  signal?: AbortSignal | undefined;
}

export interface RefreshTokenOptions extends TokenCallOptions {
  /**
   * Ask for a narrower set of the granted scopes (RFC 6749 §6). By default a refresh sends no
   * `scope`, so the server grants the same scopes as before (never the configured ones again).
   */
  scopes?: readonly string[] | undefined;
}

export const DEFAULT_CLOCK_SKEW_SECONDS = 60;

/**
 * The skew actually applied to `token`: the configured one, but at most half the token's lifetime,
 * so that a token with a short lifetime (say 30 s with the default 60 s skew) is not born expired.
 */
export function effectiveSkewSeconds(token: OAuthToken, configured: number): number {
  const lifetime = token.expiresIn;
  return lifetime !== undefined && lifetime > 0 ? Math.min(configured, lifetime / 2) : configured;
}

/** Token request fields that `additionalParams` may not set. */
const PROTECTED_TOKEN_PARAMS = new Set([
  'grant_type',
  'code',
  'redirect_uri',
  'code_verifier',
  'refresh_token',
  'username',
  'password',
  'client_id',
  'client_secret',
  'client_assertion',
  'client_assertion_type',
  'device_code',
]);

/** Authorization URL parameters that `additionalParams` may not set. */
const PROTECTED_AUTHORIZATION_PARAMS = new Set([
  'response_type',
  'client_id',
  'redirect_uri',
  'state',
  'code_challenge',
  'code_challenge_method',
]);

function checkAdditionalParams(
  params: Readonly<Record<string, string>> | undefined,
  protectedKeys: Set<string>,
): void {
  for (const key of Object.keys(params ?? {})) {
    if (protectedKeys.has(key)) {
      throw new ConfigurationError(
        `additionalParams cannot set the protected parameter ${JSON.stringify(key)}`,
      );
    }
  }
}

/** Constant-time string comparison (for `state`). */
function sameString(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/** Base of every grant manager (`client.oAuthACG`, `client.oAuthROPCG`, ...). */
export abstract class OAuthManager {
  readonly schemeName: string;
  protected readonly store: TokenStore;
  private cached: OAuthToken | null;
  private inflight: Promise<OAuthToken> | null = null;
  /**
   * The `token` option given together with a user token store: used (and saved) only when the
   * store holds nothing on the first read. Afterwards the store is the only truth, so a logout
   * written by another client sharing it is seen here too.
   */
  private seed: OAuthToken | null;
  /** Bumped by `setToken`: a refresh that started before a logout must not bring the token back. */
  private generation = 0;

  constructor(
    protected readonly definition: OAuthFlowDefinition,
    protected readonly context: OAuthContext,
    protected readonly settings: OAuthSettings,
  ) {
    this.schemeName = definition.schemeName;
    this.cached = settings.token ?? null;
    this.seed = settings.tokenStore ? (settings.token ?? null) : null;
    this.store =
      settings.tokenStore ?? new InMemoryTokenStore({ [definition.schemeName]: settings.token });
    defineRedactedViews(this, () => ({
      scheme: this.schemeName,
      clientId: settings.clientId,
      clientAuth: this.clientAuth,
      token: redactToken(this.cached),
    }));
  }

  /** The token this manager last saw (in memory; see `loadToken` for the store's view). */
  get token(): OAuthToken | null {
    return this.cached;
  }

  /** Read the current token from the token store (the store is the truth; see `setToken`). */
  async loadToken(): Promise<OAuthToken | null> {
    return this.adopt(await this.store.load(this.schemeName));
  }

  /**
   * `loadToken` without waiting, when the store can answer synchronously (`TokenStore.peek`, e.g.
   * the default in-memory store); undefined otherwise.
   */
  peekToken(): OAuthToken | null | undefined {
    const peek = this.store.peek;
    if (peek === undefined) return undefined;
    return this.adopt(peek.call(this.store, this.schemeName));
  }

  private adopt(stored: OAuthToken | null): OAuthToken | null {
    if (stored === null && this.seed !== null) return this.seed;
    this.seed = null;
    this.cached = stored;
    return stored;
  }

  /**
   * Replace the held token (e.g. one loaded from your database), or log out with `null`. Written
   * under the store's lock, so it waits for a refresh in progress and wins over it: a call that was
   * waiting for that refresh fails with `AuthRequiredError`, and every client sharing the store
   * sees the change on its next call. Does not call the update callback.
   */
  async setToken(token: OAuthToken | null): Promise<void> {
    this.generation++;
    this.seed = null;
    await this.store.lock(this.schemeName, async () => {
      await this.store.save(this.schemeName, token);
      this.cached = token;
    });
  }

  protected get clientAuth(): ClientAuthMethod {
    return this.settings.clientAuth ?? this.definition.clientAuth;
  }

  protected get clockSkewSeconds(): number {
    const skew = this.settings.clockSkewSeconds;
    return typeof skew === 'number' && Number.isFinite(skew) && skew >= 0
      ? skew
      : DEFAULT_CLOCK_SKEW_SECONDS;
  }

  /**
   * Is `token` (default: the held one) missing, expired, or within the clock skew of expiring? The
   * skew is capped at half the token's lifetime (`expires_in`), so a fresh token never counts as
   * expired.
   */
  isTokenExpired(token: OAuthToken | null | undefined = this.cached): boolean {
    if (!token) return true;
    return isExpired(token, effectiveSkewSeconds(token, this.clockSkewSeconds));
  }

  /**
   * Trade the refresh token for a new access token. Concurrent callers share one request. When the
   * response has no `refresh_token`, the old one is kept.
   */
  async refreshToken(options: RefreshTokenOptions = {}): Promise<OAuthToken> {
    checkAdditionalParams(options.additionalParams, PROTECTED_TOKEN_PARAMS);
    const current = await this.loadToken();
    if (!current?.refreshToken) {
      throw new AuthRequiredError(`${this.schemeName}: cannot refresh, there is no refresh token`, [
        this.schemeName,
      ]);
    }
    let params = options.additionalParams;
    if (options.scopes !== undefined && options.scopes.length > 0)
      params = { ...params, scope: options.scopes.join(' ') };
    return raceSignal(this.renewShared(null, params), options.signal);
  }

  /** Can this manager get a token without user interaction (client credentials)? */
  protected canFetchAutomatically(): boolean {
    return false;
  }

  /** Get a token without user interaction (only grants where `canFetchAutomatically`). */
  protected automaticToken(
    _params: Readonly<Record<string, string>> | undefined,
  ): Promise<OAuthToken> {
    return Promise.reject(
      new AuthRequiredError(`${this.schemeName}: no OAuth token`, [this.schemeName]),
    );
  }

  /** Does this scheme have (or can it get) a token? Used to pick among OR alternatives. */
  async isConfigured(): Promise<boolean> {
    return (await this.loadToken()) !== null || this.canFetchAutomatically();
  }

  /** null when this scheme can authorize a call now (possibly after a refresh), else why not. */
  async unavailableReason(): Promise<string | null> {
    if (this.canFetchAutomatically()) return null;
    return this.reasonFor(await this.loadToken());
  }

  /** `reasonFor(token) === null`, without building the reason (the per-call security check). */
  isUsable(token: OAuthToken | null): boolean {
    if (this.canFetchAutomatically()) return true;
    if (!token) return false;
    return !(this.isTokenExpired(token) && !token.refreshToken);
  }

  /** `unavailableReason` for a token already read from the store. */
  reasonFor(token: OAuthToken | null): string | null {
    if (this.canFetchAutomatically()) return null;
    if (!token) return `${this.schemeName}: no OAuth token; fetch one first`;
    if (this.isTokenExpired(token) && !token.refreshToken) {
      return `${this.schemeName}: the OAuth token expired and there is no refresh token`;
    }
    return null;
  }

  /**
   * A token that is valid right now: the held one, or a refreshed one when it expired. Throws
   * `AuthRequiredError` (before any request) when there is none and none can be obtained.
   * `loaded`: the token this call already read from the store (saves a second read).
   */
  async authorize(signal?: AbortSignal, loaded?: OAuthToken | null): Promise<OAuthToken> {
    const token = loaded !== undefined ? loaded : await this.loadToken();
    if (token && !this.isTokenExpired(token)) return token;
    if (!this.canFetchAutomatically()) {
      if (!token) {
        throw new AuthRequiredError(`${this.schemeName}: no OAuth token; fetch one first`, [
          this.schemeName,
        ]);
      }
      if (!token.refreshToken) {
        throw new AuthRequiredError(
          `${this.schemeName}: the OAuth token expired and there is no refresh token`,
          [this.schemeName],
        );
      }
    }
    return raceSignal(this.renewShared(token?.accessToken ?? null, undefined), signal);
  }

  /**
   * After a 401 `invalid_token` for `rejectedAccessToken`: make sure a newer token exists (refresh
   * once, shared with concurrent callers). Returns false when no refresh is possible.
   */
  async recoverFromUnauthorized(
    rejectedAccessToken: string,
    signal?: AbortSignal,
  ): Promise<boolean> {
    const current = await this.loadToken();
    if (current && current.accessToken !== rejectedAccessToken && !this.isTokenExpired(current))
      return true;
    if (!current?.refreshToken && !this.canFetchAutomatically()) return false;
    await raceSignal(this.renewShared(rejectedAccessToken, undefined), signal);
    return true;
  }

  /**
   * One refresh at a time per manager (and per store key, through the store's lock). With `stale`
   * set, a newer, unexpired token found under the lock is used instead of refreshing again.
   */
  private renewShared(
    stale: string | null,
    params: Readonly<Record<string, string>> | undefined,
    force = stale === null,
  ): Promise<OAuthToken> {
    if (this.inflight) return this.inflight;
    const generation = this.generation;
    const run = this.store
      .lock(this.schemeName, async () => {
        if (generation !== this.generation) throw this.loggedOut();
        const latest = await this.loadToken();
        if (!force && latest && latest.accessToken !== stale && !this.isTokenExpired(latest)) {
          return { token: latest, fresh: false };
        }
        let token: OAuthToken;
        if (latest?.refreshToken) token = await this.requestRefresh(latest, params);
        else if (this.canFetchAutomatically()) token = await this.automaticToken(params);
        else
          throw new AuthRequiredError(
            `${this.schemeName}: cannot refresh, there is no refresh token`,
            [this.schemeName],
          );
        await this.saveToken(token);
        return { token, fresh: true };
      })
      .then(async ({ token, fresh }) => {
        // setToken (a logout) ran while this refresh was in flight: it wins.
        if (generation !== this.generation) throw this.loggedOut();
        // outside the lock, so the callback may call setToken
        if (fresh) await this.notify(token);
        return token;
      });
    const shared: Promise<OAuthToken> = run.finally(() => {
      if (this.inflight === shared) this.inflight = null;
    });
    this.inflight = shared;
    return shared;
  }

  private loggedOut(): AuthRequiredError {
    return new AuthRequiredError(
      `${this.schemeName}: the token was replaced or removed (setToken) during the refresh`,
      [this.schemeName],
    );
  }

  private async requestRefresh(
    base: OAuthToken,
    params: Readonly<Record<string, string>> | undefined,
  ): Promise<OAuthToken> {
    const refreshToken = base.refreshToken ?? '';
    this.context.http.logger.info('refreshing OAuth token', { scheme: this.schemeName });
    const token = await this.requestToken(
      'refresh',
      // No `scope`: the refreshed token keeps the granted scopes (RFC 6749 §6); a narrower set is
      // asked for through `refreshToken({ scopes })`.
      [
        ['grant_type', 'refresh_token'],
        ['refresh_token', refreshToken],
      ],
      { additionalParams: params },
    );
    return token.refreshToken === undefined ? compactToken({ ...token, refreshToken }) : token;
  }

  /** Store a new token, then tell the application (once). */
  protected async commit(token: OAuthToken): Promise<void> {
    await this.store.lock(this.schemeName, () => this.saveToken(token));
    await this.notify(token);
  }

  private async saveToken(token: OAuthToken): Promise<void> {
    this.seed = null;
    await this.store.save(this.schemeName, token);
    this.cached = token;
  }

  private async notify(token: OAuthToken): Promise<void> {
    const callback = this.settings.onTokenUpdate;
    if (callback) {
      try {
        await callback(token);
      } catch (error) {
        this.context.http.logger.error('the token update callback failed', {
          scheme: this.schemeName,
          // the application's message may quote the token it failed to store
          error: [token.accessToken, token.refreshToken ?? ''].reduce(
            (text, secret) => (secret === '' ? text : text.split(secret).join(redact(secret))),
            error instanceof Error ? error.message : String(error),
          ),
        });
      }
    }
  }

  protected scopeParam(): string | undefined {
    const scopes = this.settings.scopes;
    return scopes && scopes.length > 0 ? scopes.join(' ') : undefined;
  }

  /** 'auto' discovery fell back to the static URLs once (the metadata could not be fetched). */
  private discoveryFellBack = false;

  private get discoveryMode(): DiscoveryMode {
    const mode = this.settings.discovery;
    return mode === 'metadata' || mode === 'static' ? mode : 'auto';
  }

  private metadataLocation(): string | null {
    const url = this.definition.metadataUrl;
    if (url === undefined || url === null || url === '' || this.discoveryMode === 'static')
      return null;
    return joinUrl(
      this.context.serverUrl(this.definition.metadataServerName ?? this.definition.serverName),
      url,
    );
  }

  /**
   * The scheme's RFC 8414 authorization server metadata, fetched once per client (its issuer
   * checked, RFC 8414 §3.3), or null: no metadata URL in the spec, discovery pinned to `'static'`,
   * or (in `'auto'` mode) the fetch failed. Throws `IssuerMismatchError` for a wrong issuer, and
   * `AuthorizationServerMetadataError` for any failure with `discovery: 'metadata'`.
   */
  async discover(signal?: AbortSignal): Promise<AuthorizationServerMetadata | null> {
    const url = this.metadataLocation();
    if (url === null) return null;
    try {
      const metadata = await fetchMetadata(
        this.context,
        this.context.http,
        url,
        this.schemeName,
        this.context.allowInsecureHttp,
        signal,
      );
      this.discoveryFellBack = false;
      return metadata;
    } catch (error) {
      if (!isFallbackFailure(error)) throw error;
      if (this.discoveryMode === 'metadata') {
        if (error instanceof AuthorizationServerMetadataError) throw error;
        throw new AuthorizationServerMetadataError(
          `${this.schemeName}: the authorization server metadata could not be fetched`,
          { cause: error },
        );
      }
      this.discoveryFellBack = true;
      this.context.http.logger.warn(
        'authorization server metadata unavailable; using the spec URLs',
        {
          scheme: this.schemeName,
        },
      );
      return null;
    }
  }

  /** The URL for a metadata endpoint: discovered, else the spec's static one. */
  protected async endpoint(
    field: MetadataEndpoint,
    staticUrl: string | null | undefined,
    signal?: AbortSignal,
  ): Promise<string> {
    const metadata = await this.discover(signal);
    return this.pickEndpoint(field, staticUrl, metadata);
  }

  /**
   * The same without a network call (for the synchronous `authorizationRequest`): needs the
   * metadata fetched already (`await manager.discover()`) when the scheme has a metadata URL.
   */
  protected endpointSync(field: MetadataEndpoint, staticUrl: string | null | undefined): string {
    const url = this.metadataLocation();
    if (url === null) return this.pickEndpoint(field, staticUrl, null);
    const metadata = cachedMetadata(this.context, url) ?? null;
    if (metadata === null && !this.discoveryFellBack) {
      throw new ConfigurationError(
        `${this.schemeName}: the endpoints come from the authorization server metadata; ` +
          'call `await manager.discover()` once before building an authorization URL',
      );
    }
    return this.pickEndpoint(field, staticUrl, metadata);
  }

  private pickEndpoint(
    field: MetadataEndpoint,
    staticUrl: string | null | undefined,
    metadata: AuthorizationServerMetadata | null,
  ): string {
    const found = metadata?.endpoints[field];
    if (found !== undefined) return found;
    if (staticUrl === undefined || staticUrl === null || staticUrl === '') {
      throw new ConfigurationError(
        `${this.schemeName}: no ${field.replace(/_/g, ' ')} (the spec has no static URL` +
          (metadata ? ' and the metadata has none)' : ')'),
      );
    }
    return staticUrl;
  }

  /** The issuer found in the metadata (for the RFC 9207 `iss` check), if it was fetched. */
  protected discoveredIssuer(): string | null {
    const url = this.metadataLocation();
    return url === null ? null : (cachedMetadata(this.context, url)?.issuer ?? null);
  }

  /** Add the flow's client authentication (RFC 6749 §2.3.1) to a token-endpoint-like request. */
  protected applyClientAuth(
    headers: Record<string, string>,
    pairs: Array<readonly [string, string | undefined]>,
  ): void {
    const auth = this.clientAuth;
    if (auth === 'client_secret_basic') {
      headers['authorization'] = basicAuthorization(
        this.requireSetting(this.settings.clientId, 'the client id'),
        this.requireSetting(this.settings.clientSecret, 'the client secret'),
      );
    } else if (auth === 'client_secret_post') {
      pairs.push(['client_id', this.requireSetting(this.settings.clientId, 'the client id')]);
      pairs.push([
        'client_secret',
        this.requireSetting(this.settings.clientSecret, 'the client secret'),
      ]);
    } else {
      pairs.push(['client_id', this.requireSetting(this.settings.clientId, 'the client id')]);
    }
  }

  /**
   * Sign out (RFC 7009): forget the token here, then revoke it at the server. The token is removed
   * from memory and the token store first, under the store's lock (a refresh running at the same
   * time cannot bring it back), so later calls fail with `AuthRequiredError`; then the refresh token
   * and the access token are revoked with the flow's client authentication, at the spec's
   * `x-revocation-url` or the metadata's `revocation_endpoint`. Throws `TokenRevocationError` (after
   * the local sign-out) when the server is unreachable, refuses, or there is no revocation
   * endpoint. Does nothing when no token is held.
   */
  async revokeToken(options: { signal?: AbortSignal | undefined } = {}): Promise<void> {
    this.generation++;
    let token: OAuthToken | null = null;
    await this.store.lock(this.schemeName, async () => {
      token = (await this.store.load(this.schemeName)) ?? this.seed ?? this.cached;
      this.seed = null;
      await this.store.save(this.schemeName, null);
      this.cached = null;
    });
    const held = token as OAuthToken | null;
    if (held === null) return;
    this.context.http.logger.info('token removed; revoking it at the server', {
      scheme: this.schemeName,
    });
    await revokeAtServer({
      schemeName: this.schemeName,
      http: this.context.http,
      token: held,
      endpoint: async () =>
        this.resolveUrl(
          await this.endpoint('revocation_endpoint', this.definition.revocationUrl, options.signal),
          'revocation URL',
        ),
      clientAuth: (headers, pairs) => this.applyClientAuth(headers, pairs),
      signal: options.signal,
    });
  }

  protected resolveUrl(url: string, what: string): URL {
    const absolute = joinUrl(this.context.serverUrl(this.definition.serverName), url);
    return requireSecureUrl(absolute, what, this.context.allowInsecureHttp);
  }

  protected requireSetting(value: string | undefined, field: string): string {
    if (value === undefined || value === '') {
      throw new ConfigurationError(`${this.schemeName}: ${field} is not configured`);
    }
    return value;
  }

  /** POST a token request and parse the answer. Does not change the held token. */
  protected async requestToken(
    kind: 'token' | 'refresh',
    grant: ReadonlyArray<readonly [string, string | undefined]>,
    options: TokenCallOptions,
  ): Promise<OAuthToken> {
    checkAdditionalParams(options.additionalParams, PROTECTED_TOKEN_PARAMS);
    const url = this.resolveUrl(
      await this.endpoint(
        'token_endpoint',
        kind === 'refresh'
          ? (this.definition.refreshUrl ?? this.definition.tokenUrl)
          : this.definition.tokenUrl,
        options.signal,
      ),
      'token URL',
    );
    const headers: Record<string, string> = {
      'content-type': 'application/x-www-form-urlencoded',
      accept: 'application/json',
    };
    const pairs: Array<readonly [string, string | undefined]> = [...grant];
    this.applyClientAuth(headers, pairs);
    for (const [k, v] of Object.entries(options.additionalParams ?? {})) {
      const i = pairs.findIndex(([key]) => key === k);
      if (i >= 0) pairs.splice(i, 1);
      pairs.push([k, v]);
    }
    const grantType = grant.find(([k]) => k === 'grant_type')?.[1];
    this.context.http.logger.info('OAuth token request', {
      scheme: this.schemeName,
      grantType,
      url: redactUrl(url),
    });
    const sentAt = nowSeconds();
    const response = await send(this.context.http, {
      method: 'POST',
      url,
      headers,
      body: formEncode(pairs),
      signal: options.signal,
      followRedirects: false,
      maxResponseBytes: 64 * 1024,
      tooLarge: (status, limit) =>
        new InvalidTokenResponseError(`the token response is larger than ${limit} bytes`, status),
    });
    if (response.status >= 200 && response.status < 300) {
      return parseTokenResponse(response.text, {
        status: response.status,
        sentAt,
        acceptedTokenTypes: (this.settings.acceptedTokenTypes ?? ['bearer']).map((t) =>
          t.toLowerCase(),
        ),
        logger: this.context.http.logger,
      });
    }
    throw tokenErrorFromResponse(response.status, response.headers, response.text);
  }
}

/** Map a non-2xx token endpoint response: RFC 6749 §5.2 JSON → `OAuthProviderError`, else `ApiError`. */
export function tokenErrorFromResponse(status: number, headers: Headers, text: string): Error {
  try {
    const body: unknown = JSON.parse(text);
    if (body !== null && typeof body === 'object' && !Array.isArray(body)) {
      const o = body as Record<string, unknown>;
      const error = o['error'];
      if (typeof error === 'string' && error !== '') {
        const description = o['error_description'];
        const uri = o['error_uri'];
        return new OAuthProviderError(
          error,
          typeof description === 'string' ? description : null,
          typeof uri === 'string' ? uri : null,
          status,
        );
      }
    }
  } catch {
    // not JSON: falls through to ApiError
  }
  return new ApiError(
    `the token endpoint answered HTTP ${status}`,
    status,
    headersToObject(headers),
    text,
  );
}

export interface AuthorizationUrlOptions {
  /** Your own `state`; by default a CSPRNG value is made (and returned by `authorizationRequest`). */
  state?: string | undefined;
  /** Extra query parameters (e.g. `prompt`); they cannot replace the protected ones. */
  additionalParams?: Readonly<Record<string, string>> | undefined;
}

export interface AuthorizationRequest {
  /** Send the user's browser here. */
  url: string;
  /** Keep it (e.g. in the session) and pass it to `fetchTokenFromCallback`. */
  state: string;
  /** Keep it secret (server side) and pass it to `fetchTokenFromCallback`; null when PKCE is off. */
  codeVerifier: string | null;
}

export interface FetchTokenOptions extends TokenCallOptions {
  /** The PKCE verifier of the authorization request (default: the one this manager made last). */
  codeVerifier?: string | null | undefined;
}

/** Authorization Code Grant manager (with PKCE S256 and state by default). */
export class AuthorizationCodeManager extends OAuthManager {
  /** state → code verifier of the last authorization requests made by this manager. */
  private readonly pending = new Map<string, string | null>();

  constructor(
    protected override readonly definition: AuthorizationCodeFlowDefinition,
    context: OAuthContext,
    protected override readonly settings: AuthorizationCodeSettings,
  ) {
    super(definition, context, settings);
  }

  private get pkce(): boolean {
    return this.settings.pkce ?? this.definition.pkce;
  }

  /** A public client (`clientAuth: 'none'`) must use PKCE (RFC 9700 §2.1.1). */
  private requirePkceForPublicClient(): void {
    if (this.clientAuth === 'none' && !this.pkce) {
      throw new ConfigurationError(
        `${this.schemeName}: a public client (clientAuth 'none') requires PKCE; pkce cannot be turned off`,
      );
    }
  }

  private get issuer(): string | null {
    if (this.settings.issuer !== undefined) return this.settings.issuer;
    return this.discoveredIssuer() ?? this.definition.issuer;
  }

  /**
   * Sign in from a CLI or desktop app (RFC 8252): a one-shot listener on 127.0.0.1 (an ephemeral
   * port by default) receives the browser's redirect to `http://127.0.0.1:<port><path>`; `state`
   * and `iss` are checked, the browser gets a "you can close this window" page, the listener is
   * closed and the code is exchanged (PKCE S256) for the token this returns and stores. Node.js
   * only: the listener comes from the package's `./node` entry (importing it registers it; or pass
   * `listener`). `openBrowser(url)` opens the page (default: the URL is printed). Throws
   * `SignInTimeoutError` after `timeoutMs` (default 300 000), `AuthorizationDeniedError` when the
   * user declines, `OAuthCallbackError`/`StateMismatchError` for a bad callback; nothing keeps
   * listening afterwards in any case.
   */
  async authorizeWithLoopback(options: LoopbackOptions = {}): Promise<OAuthToken> {
    checkAdditionalParams(options.additionalParams, PROTECTED_AUTHORIZATION_PARAMS);
    this.requirePkceForPublicClient();
    return runLoopbackSignIn(
      {
        schemeName: this.schemeName,
        logger: this.context.http.logger,
        authorizationUrl: async () =>
          this.resolveUrl(
            await this.endpoint(
              'authorization_endpoint',
              this.definition.authorizationUrl,
              options.signal,
            ),
            'authorization URL',
          ),
        clientId: () => this.requireSetting(this.settings.clientId, 'the client id'),
        scope: this.scopeParam(),
        pkce: this.pkce,
        issuer: () => this.issuer,
        exchange: async (code, redirectUri, verifier) => {
          const token = await this.requestToken(
            'token',
            [
              ['grant_type', 'authorization_code'],
              ['code', code],
              ['redirect_uri', redirectUri],
              ['code_verifier', verifier ?? undefined],
            ],
            { signal: options.signal },
          );
          await this.commit(token);
          return token;
        },
      },
      options,
    );
  }

  /** The URL of the consent page (PKCE and state included; see `authorizationRequest`). */
  getAuthorizationUrl(options: AuthorizationUrlOptions = {}): string {
    return this.authorizationRequest(options).url;
  }

  /** Build the consent page URL and return it with the `state` and `codeVerifier` to keep. */
  authorizationRequest(options: AuthorizationUrlOptions = {}): AuthorizationRequest {
    checkAdditionalParams(options.additionalParams, PROTECTED_AUTHORIZATION_PARAMS);
    this.requirePkceForPublicClient();
    const url = this.resolveUrl(
      this.endpointSync('authorization_endpoint', this.definition.authorizationUrl),
      'authorization URL',
    );
    const state = options.state ?? generateState();
    if (state === '') throw new ConfigurationError('state must not be empty');
    const codeVerifier = this.pkce ? generateCodeVerifier() : null;
    const q = url.searchParams;
    q.set('response_type', 'code');
    q.set('client_id', this.requireSetting(this.settings.clientId, 'the client id'));
    q.set('redirect_uri', this.requireSetting(this.settings.redirectUri, 'the redirect URI'));
    const scope = this.scopeParam();
    if (scope !== undefined) q.set('scope', scope);
    q.set('state', state);
    if (codeVerifier !== null) {
      q.set('code_challenge', codeChallengeS256(codeVerifier));
      q.set('code_challenge_method', 'S256');
    }
    for (const [k, v] of Object.entries(options.additionalParams ?? {})) q.set(k, v);
    this.pending.set(state, codeVerifier);
    while (this.pending.size > 20) this.pending.delete(this.pending.keys().next().value as string);
    // `util.inspect` / `JSON.stringify` of the request show the verifier redacted.
    return defineRedactedViews({ url: url.toString(), state, codeVerifier }, () => ({
      url: url.toString(),
      state,
      codeVerifier,
    }));
  }

  /** Exchange an authorization code for a token; the token is held by the client and returned. */
  async fetchToken(code: string, options: FetchTokenOptions = {}): Promise<OAuthToken> {
    if (code === '') throw new ConfigurationError('the authorization code is empty');
    this.requirePkceForPublicClient();
    let verifier = options.codeVerifier;
    if (verifier === undefined && this.pkce) verifier = [...this.pending.values()].pop() ?? null;
    if ((verifier === undefined || verifier === null) && this.clientAuth === 'none') {
      throw new ConfigurationError(
        `${this.schemeName}: a public client (clientAuth 'none') must send a PKCE code verifier`,
      );
    }
    if (verifier !== undefined && verifier !== null && !isValidCodeVerifier(verifier)) {
      throw new ConfigurationError(
        'the code verifier must be 43-128 unreserved characters (RFC 7636)',
      );
    }
    const token = await this.requestToken(
      'token',
      [
        ['grant_type', 'authorization_code'],
        ['code', code],
        ['redirect_uri', this.requireSetting(this.settings.redirectUri, 'the redirect URI')],
        ['code_verifier', verifier ?? undefined],
      ],
      options,
    );
    await this.commit(token);
    return token;
  }

  /**
   * Handle the redirect back from the consent page: checks `state` (and `iss` when an issuer is
   * configured) before any network call, raises the provider's `error` as `OAuthCallbackError`,
   * then exchanges the code.
   */
  async fetchTokenFromCallback(
    callbackUrl: string | URL,
    expectedState: string,
    codeVerifier?: string | null,
    options: TokenCallOptions = {},
  ): Promise<OAuthToken> {
    let url: URL;
    try {
      url = new URL(String(callbackUrl));
    } catch (cause) {
      throw new OAuthCallbackError(
        'invalid_request',
        'the callback URL is not a valid URL',
        null,
        null,
        { cause },
      );
    }
    const q = url.searchParams;
    const state = q.get('state');
    if (state === null || expectedState === '' || !sameString(state, expectedState)) {
      throw new StateMismatchError(state);
    }
    // the discovered issuer (RFC 8414) is the one the callback's `iss` must name (cached after
    // the authorization request; fetched here only when another process made that request)
    if (this.settings.issuer === undefined) await this.discover(options.signal);
    // RFC 9207: the issuer is checked on every response, error responses included (an attacker's
    // server could otherwise feed its errors into this flow).
    const issuer = this.issuer;
    if (issuer !== null && q.get('iss') !== issuer) {
      throw new OAuthCallbackError(
        'issuer_mismatch',
        'the callback iss differs from the configured issuer',
        null,
        state,
      );
    }
    const error = q.get('error');
    if (error !== null)
      throw new OAuthCallbackError(error, q.get('error_description'), q.get('error_uri'), state);
    const code = q.get('code');
    if (code === null || code === '') {
      throw new OAuthCallbackError('missing_code', 'the callback URL has no code', null, state);
    }
    const verifier = codeVerifier !== undefined ? codeVerifier : (this.pending.get(state) ?? null);
    this.pending.delete(state);
    return this.fetchToken(code, { ...options, codeVerifier: verifier });
  }
}

/** Resource Owner Password Credentials Grant manager. */
export class PasswordManager extends OAuthManager {
  constructor(
    definition: OAuthFlowDefinition,
    context: OAuthContext,
    protected override readonly settings: PasswordSettings,
  ) {
    super(definition, context, settings);
  }

  /** Exchange the configured username and password for a token (held by the client and returned). */
  async fetchToken(options: TokenCallOptions = {}): Promise<OAuthToken> {
    const token = await this.requestToken(
      'token',
      [
        ['grant_type', 'password'],
        ['username', this.requireSetting(this.settings.username, 'the username')],
        ['password', this.requireSetting(this.settings.password, 'the password')],
        ['scope', this.scopeParam()],
      ],
      options,
    );
    await this.commit(token);
    return token;
  }
}

/** Client Credentials Grant manager: fetches its own token when none is held or it expired. */
export class ClientCredentialsManager extends OAuthManager {
  protected override canFetchAutomatically(): boolean {
    const s = this.settings;
    return Boolean(s.clientId) && (Boolean(s.clientSecret) || this.clientAuth === 'none');
  }

  protected override automaticToken(
    params: Readonly<Record<string, string>> | undefined,
  ): Promise<OAuthToken> {
    return this.requestToken(
      'token',
      [
        ['grant_type', 'client_credentials'],
        ['scope', this.scopeParam()],
      ],
      { additionalParams: params },
    );
  }

  /** Fetch a new token (held by the client and returned). */
  async fetchToken(options: TokenCallOptions = {}): Promise<OAuthToken> {
    const token = await this.requestToken(
      'token',
      [
        ['grant_type', 'client_credentials'],
        ['scope', this.scopeParam()],
      ],
      options,
    );
    await this.commit(token);
    return token;
  }
}
