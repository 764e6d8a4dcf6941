/**
 * The OAuth token: a plain serializable object, its JSON form (RFC 6749 wire names, shared with the
 * Python SDK), token-response parsing (plain `JSON.parse`, size-capped, validated) and expiry.
 */
import { InvalidTokenResponseError } from './errors.js';
import { defineRedactedViews, redact, type Logger } from './redact.js';

export interface OAuthToken {
  /** The access token (sent as `Authorization: Bearer ...`). */
  readonly accessToken: string;
  /** The token type; `Bearer` unless the SDK was configured to accept another one. */
  readonly tokenType: string;
  /** Lifetime in seconds as the server sent it. */
  readonly expiresIn?: number | undefined;
  /** Granted scopes, space-delimited. */
  readonly scope?: string | undefined;
  /** When the token expires: UTC epoch seconds, computed from the moment the request was sent. */
  readonly expiry?: number | undefined;
  /** The refresh token, if the server issued one. */
  readonly refreshToken?: string | undefined;
}

/** The stored JSON form of a token (same field names as the token endpoint and the Python SDK). */
export interface OAuthTokenJSON {
  access_token: string;
  token_type: string;
  expires_in?: number;
  scope?: string;
  expiry?: number;
  refresh_token?: string;
}

/**
 * Serialize a token for storage. This is the full token: store it like a password. (`JSON.stringify`
 * of a token the SDK made gives the redacted view instead.)
 */
export function oAuthTokenToJSON(token: OAuthToken): OAuthTokenJSON {
  const out: OAuthTokenJSON = { access_token: token.accessToken, token_type: token.tokenType };
  if (token.expiresIn !== undefined) out.expires_in = token.expiresIn;
  if (token.scope !== undefined) out.scope = token.scope;
  if (token.expiry !== undefined) out.expiry = token.expiry;
  if (token.refreshToken !== undefined) out.refresh_token = token.refreshToken;
  return out;
}

/**
 * Read a stored token (a JSON string or an already parsed object, snake_case or camelCase keys).
 * Throws `InvalidTokenResponseError` when it has no string `access_token`.
 */
export function oAuthTokenFromJSON(json: string | object): OAuthToken {
  const value: unknown = typeof json === 'string' ? JSON.parse(json) : json;
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidTokenResponseError('a stored token must be a JSON object', 0);
  }
  const o = value as Record<string, unknown>;
  const pick = (snake: string, camel: string): unknown => (snake in o ? o[snake] : o[camel]);
  const accessToken = pick('access_token', 'accessToken');
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new InvalidTokenResponseError('a stored token has no access_token', 0);
  }
  const tokenType = pick('token_type', 'tokenType');
  return compactToken({
    accessToken,
    tokenType: typeof tokenType === 'string' ? tokenType : 'Bearer',
    expiresIn: toSeconds(pick('expires_in', 'expiresIn')),
    scope: optString(pick('scope', 'scope')),
    expiry: toSeconds(pick('expiry', 'expiry')),
    refreshToken: optString(pick('refresh_token', 'refreshToken')),
  });
}

/** A log-safe view of a token. */
export function redactToken(token: OAuthToken | null | undefined): Record<string, unknown> | null {
  if (!token) return null;
  return {
    accessToken: redact(token.accessToken),
    tokenType: token.tokenType,
    expiresIn: token.expiresIn,
    scope: token.scope,
    expiry: token.expiry,
    refreshToken: token.refreshToken === undefined ? undefined : redact(token.refreshToken),
  };
}

/** Drop `undefined` fields so tokens compare and serialize cleanly. */
export function compactToken(t: {
  accessToken: string;
  tokenType: string;
  expiresIn?: number | undefined;
  scope?: string | undefined;
  expiry?: number | undefined;
  refreshToken?: string | undefined;
}): OAuthToken {
  const out: { -readonly [K in keyof OAuthToken]: OAuthToken[K] } = {
    accessToken: t.accessToken,
    tokenType: t.tokenType,
  };
  if (t.expiresIn !== undefined) out.expiresIn = t.expiresIn;
  if (t.scope !== undefined) out.scope = t.scope;
  if (t.expiry !== undefined) out.expiry = t.expiry;
  if (t.refreshToken !== undefined) out.refreshToken = t.refreshToken;
  // `JSON.stringify(token)` and `util.inspect(token)` show the redacted view; store a token with
  // `oAuthTokenToJSON` (the full form).
  defineRedactedViews(out, () => redactToken(out));
  return Object.freeze(out);
}

function optString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function toSeconds(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.floor(v);
  if (typeof v === 'string' && /^\s*\d{1,15}\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

/** Current UTC epoch seconds. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/**
 * Is the token expired (or about to, within `clockSkewSeconds`)? A token without `expiry` has an
 * unknown lifetime and is used until the server rejects it.
 */
export function isExpired(
  token: OAuthToken,
  clockSkewSeconds: number,
  now: number = nowSeconds(),
): boolean {
  if (token.expiry === undefined) return false;
  return token.expiry - clockSkewSeconds <= now;
}

export interface TokenParseOptions {
  /** HTTP status of the response (2xx). */
  status: number;
  /** UTC epoch seconds when the request was sent (expiry is counted from there). */
  sentAt: number;
  /** Accepted `token_type` values, lower case. Default `['bearer']`. */
  acceptedTokenTypes: readonly string[];
  logger: Logger;
}

/** Parse and validate a 2xx token endpoint body. Never evaluates anything but plain JSON. */
export function parseTokenResponse(text: string, options: TokenParseOptions): OAuthToken {
  const { status } = options;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (cause) {
    throw new InvalidTokenResponseError('the token endpoint did not answer with JSON', status, {
      cause,
    });
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InvalidTokenResponseError('the token response is not a JSON object', status);
  }
  const o = value as Record<string, unknown>;
  const accessToken = o['access_token'];
  if (typeof accessToken !== 'string' || accessToken === '') {
    throw new InvalidTokenResponseError('the token response has no access_token string', status);
  }
  const tokenType = o['token_type'];
  if (typeof tokenType !== 'string') {
    throw new InvalidTokenResponseError('the token response has no token_type string', status);
  }
  if (!options.acceptedTokenTypes.includes(tokenType.toLowerCase())) {
    throw new InvalidTokenResponseError(
      `the token type ${JSON.stringify(tokenType.slice(0, 40))} is not accepted (expected ${options.acceptedTokenTypes.join(', ')})`,
      status,
    );
  }
  const refreshToken = o['refresh_token'];
  if (refreshToken !== undefined && refreshToken !== null && typeof refreshToken !== 'string') {
    throw new InvalidTokenResponseError(
      'the token response has a refresh_token that is not a string',
      status,
    );
  }
  let expiresIn: number | undefined;
  const rawExpires = o['expires_in'];
  if (rawExpires !== undefined && rawExpires !== null) {
    expiresIn = toSeconds(rawExpires);
    if (expiresIn === undefined || expiresIn < 0) {
      options.logger.warn('ignoring a non-numeric expires_in in the token response', {
        expiresIn: String(rawExpires).slice(0, 40),
      });
      expiresIn = undefined;
    }
  }
  const scope = o['scope'];
  return compactToken({
    accessToken,
    tokenType,
    expiresIn,
    scope: typeof scope === 'string' ? scope : undefined,
    // `expires_in: 0` means "unknown" (used until a 401), like a missing one.
    expiry: expiresIn ? options.sentAt + expiresIn : undefined,
    refreshToken:
      typeof refreshToken === 'string' && refreshToken !== '' ? refreshToken : undefined,
  });
}
