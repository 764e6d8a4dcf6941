/**
 * Executes one API operation: URL, parameters, body, security, sending, the one-time 401
 * `invalid_token` refresh-and-retry, error mapping and response parsing.
 */
import {
  applySecurity,
  type AuthScheme,
  type AuthTarget,
  type SecurityRequirement,
} from './auth.js';
import { ApiError, ConfigurationError, headersToObject, InsecureTransportError } from './errors.js';
import { formEncode } from './form.js';
import { send, type HttpSettings, type RawResponse } from './http.js';
import { fillPath, isSecureTransport, joinUrl } from './url.js';

export interface ClientCore {
  readonly http: HttpSettings;
  /** The base URL of a named server in the selected environment. */
  serverUrl(serverName: string): string;
  readonly schemes: Readonly<Record<string, AuthScheme | undefined>>;
  /** Origins credentials may be sent to: the configured servers plus `extraCredentialOrigins`. */
  readonly credentialOrigins: ReadonlySet<string>;
  /** Let credentials go over plain `http` to non-loopback hosts (default false). */
  readonly allowInsecureHttp?: boolean | undefined;
}

/** Any value: parameters whose schema says nothing are typed `unknown` by the generator. */
export type ParamValue = unknown;

export interface OperationRequest {
  method: string;
  server: string;
  path: string;
  pathParams?: Readonly<Record<string, ParamValue>>;
  query?: ReadonlyArray<readonly [string, ParamValue]>;
  headers?: ReadonlyArray<readonly [string, ParamValue]>;
  cookies?: ReadonlyArray<readonly [string, ParamValue]>;
  body?: { contentType: string; value: unknown } | undefined;
  security: SecurityRequirement;
  accept: string | null;
  responseType: 'json' | 'text' | 'none';
}

export interface RequestOptions {
  /** Cancel the call. */
  signal?: AbortSignal | undefined;
}

function scalar(value: ParamValue): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value);
  return JSON.stringify(value) ?? String(value);
}

function expand(value: ParamValue): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value))
    return value.filter((v) => v !== undefined && v !== null).map((v) => scalar(v));
  return [scalar(value)];
}

function encodeBody(body: { contentType: string; value: unknown }): string {
  if (/json/i.test(body.contentType)) return JSON.stringify(body.value);
  if (/x-www-form-urlencoded/i.test(body.contentType)) {
    const pairs: Array<[string, string]> = [];
    for (const [k, v] of Object.entries((body.value ?? {}) as Record<string, ParamValue>)) {
      for (const s of expand(v)) pairs.push([k, s]);
    }
    return formEncode(pairs);
  }
  return typeof body.value === 'string' ? body.value : JSON.stringify(body.value);
}

/** Does this 401 say the bearer token is invalid (or not say anything more specific)? */
function isInvalidToken(response: RawResponse): boolean {
  if (response.status !== 401) return false;
  const challenge = response.headers.get('www-authenticate');
  if (challenge === null || !/error\s*=/i.test(challenge)) return true;
  return /error\s*=\s*"?invalid_token"?/i.test(challenge);
}

export async function execute<T>(
  core: ClientCore,
  op: OperationRequest,
  options: RequestOptions = {},
): Promise<T> {
  const pathParams: Record<string, string> = {};
  for (const [k, v] of Object.entries(op.pathParams ?? {})) pathParams[k] = expand(v).join(',');
  const baseUrl = new URL(joinUrl(core.serverUrl(op.server), fillPath(op.path, pathParams)));

  const attempt = async (): Promise<{ response: RawResponse; target: AuthTarget }> => {
    const target: AuthTarget = { headers: {}, query: [], cookies: [], oauth: [] };
    await applySecurity(op.security, core.schemes, target, options.signal);
    const url = new URL(baseUrl);
    for (const [k, v] of op.query ?? []) for (const s of expand(v)) url.searchParams.append(k, s);
    for (const [k, v] of target.query) url.searchParams.append(k, v);
    const hasCredentials =
      Object.keys(target.headers).length > 0 ||
      target.query.length > 0 ||
      target.cookies.length > 0;
    if (hasCredentials && !core.credentialOrigins.has(url.origin)) {
      throw new ConfigurationError(
        `refusing to send credentials to ${url.origin}: not a configured server`,
      );
    }
    // RFC 6750 §5.3: credentials only over TLS (loopback excepted), unless explicitly allowed.
    if (hasCredentials && !isSecureTransport(url, core.allowInsecureHttp === true)) {
      throw new InsecureTransportError(
        `refusing to send credentials to ${url.origin} over plain http (use https, or ` +
          'allowInsecureHttp: true for a trusted network); nothing was sent',
      );
    }
    const headers: Record<string, string> = {};
    for (const [k, v] of op.headers ?? []) {
      const values = expand(v);
      if (values.length > 0) headers[k.toLowerCase()] = values.join(',');
    }
    if (op.accept !== null) headers['accept'] = op.accept;
    let body: string | undefined;
    if (op.body !== undefined && op.body.value !== undefined) {
      headers['content-type'] = op.body.contentType;
      body = encodeBody(op.body);
    }
    const cookies = [
      ...(op.cookies ?? []).flatMap(([k, v]) => expand(v).map((s) => [k, s] as const)),
      ...target.cookies,
    ];
    if (cookies.length > 0)
      headers['cookie'] = cookies.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
    Object.assign(headers, target.headers);
    const response = await send(core.http, {
      method: op.method,
      url,
      headers,
      body,
      signal: options.signal,
      followRedirects: true,
      tooLarge: (status, limit) =>
        new ApiError(`the response is larger than ${limit} bytes`, status, {}, ''),
    });
    return { response, target };
  };

  let { response, target } = await attempt();
  if (isInvalidToken(response) && target.oauth.length > 0) {
    let recovered = false;
    for (const { manager, accessToken } of target.oauth) {
      if (await manager.recoverFromUnauthorized(accessToken, options.signal)) recovered = true;
    }
    if (recovered) {
      core.http.logger.info('retrying once with a refreshed token', {
        method: op.method,
        path: op.path,
      });
      ({ response, target } = await attempt());
    }
  }

  if (response.status < 200 || response.status >= 300) {
    throw new ApiError(
      `HTTP ${response.status} from ${op.method} ${op.path}`,
      response.status,
      headersToObject(response.headers),
      response.text,
    );
  }
  if (op.responseType === 'none' || response.text === '') return undefined as T;
  if (op.responseType === 'text') return response.text as T;
  try {
    return JSON.parse(response.text) as T;
  } catch (cause) {
    throw new ApiError(
      `the response of ${op.method} ${op.path} is not valid JSON`,
      response.status,
      headersToObject(response.headers),
      response.text,
      { cause },
    );
  }
}
