/**
 * RFC 8414 authorization server metadata: fetched once per client, its `issuer` checked against
 * the metadata URL (§3.3), cached. Managers of a scheme with `oauth2MetadataUrl` take their
 * endpoints (authorization, token, device authorization, revocation) and issuer from it; the
 * spec's static URLs are the fallback when it cannot be fetched. `discovery` in the settings pins
 * either source: `'auto'` (default), `'metadata'` (never the static URLs) or `'static'` (never fetch).
 */
import { InsecureTransportError, NetworkError, TimeoutError } from './errors.js';
import { send, type HttpSettings } from './http.js';
import { AuthorizationServerMetadataError, IssuerMismatchError } from './oauth-errors.js';
import { requireSecureUrl } from './url.js';

export type DiscoveryMode = 'auto' | 'metadata' | 'static';

export type MetadataEndpoint =
  | 'authorization_endpoint'
  | 'token_endpoint'
  | 'device_authorization_endpoint'
  | 'revocation_endpoint';

const ENDPOINTS: readonly MetadataEndpoint[] = [
  'authorization_endpoint',
  'token_endpoint',
  'device_authorization_endpoint',
  'revocation_endpoint',
];
const WELL_KNOWN = ['/.well-known/oauth-authorization-server', '/.well-known/openid-configuration'];
const MAX_METADATA_BYTES = 256 * 1024;

/** The parts of a metadata document the SDK uses (every URL absolute and checked). */
export interface AuthorizationServerMetadata {
  readonly issuer: string;
  readonly endpoints: Readonly<Partial<Record<MetadataEndpoint, string>>>;
  readonly url: string;
}

/**
 * The issuer a metadata URL was made from (RFC 8414 §3.1): the well-known part removed (inserted
 * form, or the OpenID Connect appended form). null when the URL has no well-known part.
 */
export function expectedIssuer(metadataUrl: string): string | null {
  const u = new URL(metadataUrl);
  const path = u.pathname;
  for (const suffix of WELL_KNOWN) {
    if (path === suffix || path.startsWith(`${suffix}/`))
      return `${u.protocol}//${u.host}${path.slice(suffix.length)}`;
    if (path.endsWith(suffix)) return `${u.protocol}//${u.host}${path.slice(0, -suffix.length)}`;
  }
  return null;
}

/** Validate a metadata document (JSON object, issuer, absolute https-or-loopback endpoints). */
export function parseMetadata(
  text: string,
  url: string,
  what: string,
  allowInsecureHttp: boolean,
): AuthorizationServerMetadata {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new AuthorizationServerMetadataError(
      `${what}: the authorization server metadata is not JSON`,
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw new AuthorizationServerMetadataError(
      `${what}: the authorization server metadata is not a JSON object`,
    );
  }
  const o = data as Record<string, unknown>;
  const issuer = o['issuer'];
  if (typeof issuer !== 'string' || issuer === '')
    throw new IssuerMismatchError(`${what}: the metadata has no issuer`);
  const expected = expectedIssuer(url);
  if (expected !== null && issuer !== expected) {
    throw new IssuerMismatchError(
      `${what}: the metadata's issuer is not ${JSON.stringify(expected)}, the issuer of its URL (RFC 8414 §3.3); not using it`,
    );
  }
  if (expected === null) {
    let sameOrigin = false;
    try {
      sameOrigin = new URL(issuer).origin === new URL(url).origin;
    } catch {
      sameOrigin = false;
    }
    if (!sameOrigin)
      throw new IssuerMismatchError(
        `${what}: the metadata's issuer is not on the origin of its URL`,
      );
  }
  const check = (value: string, field: string): string => {
    try {
      return requireSecureUrl(value, `${what} ${field}`, allowInsecureHttp).toString();
    } catch (cause) {
      throw new AuthorizationServerMetadataError(
        `${what}: the metadata's ${field} is not a usable https URL`,
        {
          cause,
        },
      );
    }
  };
  check(issuer, 'issuer');
  const endpoints: Partial<Record<MetadataEndpoint, string>> = {};
  for (const field of ENDPOINTS) {
    const value = o[field];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(value)) {
      throw new AuthorizationServerMetadataError(
        `${what}: the metadata's ${field} is not an absolute URL`,
      );
    }
    endpoints[field] = check(value, field);
  }
  return { issuer, endpoints, url };
}

/** What the cache is keyed by: one object per client (the managers' shared context). */
type CacheOwner = object;
const caches = new WeakMap<CacheOwner, Map<string, Promise<AuthorizationServerMetadata>>>();

/** The settled metadata of `url` for this client, if it was fetched already (sync access). */
const settled = new WeakMap<CacheOwner, Map<string, AuthorizationServerMetadata>>();

export function cachedMetadata(
  owner: CacheOwner,
  url: string,
): AuthorizationServerMetadata | undefined {
  return settled.get(owner)?.get(url);
}

/**
 * The metadata at `url`, fetched once per client: concurrent callers share one request, a success
 * is kept for the client's lifetime, a failure is not (the next call tries again).
 */
export function fetchMetadata(
  owner: CacheOwner,
  http: HttpSettings,
  url: string,
  what: string,
  allowInsecureHttp: boolean,
  signal?: AbortSignal,
): Promise<AuthorizationServerMetadata> {
  let perClient = caches.get(owner);
  if (!perClient) {
    perClient = new Map();
    caches.set(owner, perClient);
  }
  const existing = perClient.get(url);
  if (existing) return existing;
  const map = perClient;
  const run = (async () => {
    const target = requireSecureUrl(url, `${what} metadata URL`, allowInsecureHttp);
    const response = await send(http, {
      method: 'GET',
      url: target,
      headers: { accept: 'application/json' },
      signal,
      followRedirects: false,
      maxResponseBytes: MAX_METADATA_BYTES,
      tooLarge: () =>
        new AuthorizationServerMetadataError(
          `${what}: the metadata is larger than ${MAX_METADATA_BYTES} bytes`,
        ),
    });
    if (response.status !== 200) {
      throw new AuthorizationServerMetadataError(
        `${what}: the metadata URL answered HTTP ${response.status}`,
      );
    }
    const metadata = parseMetadata(response.text, url, what, allowInsecureHttp);
    let done = settled.get(owner);
    if (!done) {
      done = new Map();
      settled.set(owner, done);
    }
    done.set(url, metadata);
    return metadata;
  })();
  map.set(url, run);
  run.catch(() => {
    if (map.get(url) === run) map.delete(url);
  });
  return run;
}

/** Is this a failure after which 'auto' discovery falls back to the static URLs? */
export function isFallbackFailure(error: unknown): boolean {
  if (error instanceof IssuerMismatchError || error instanceof InsecureTransportError) return false;
  return (
    error instanceof AuthorizationServerMetadataError ||
    error instanceof NetworkError ||
    error instanceof TimeoutError
  );
}
