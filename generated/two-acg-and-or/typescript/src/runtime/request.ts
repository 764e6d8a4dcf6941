/**
 * Executes one API operation: URL, parameters, body, security, sending, retries of transient
 * failures (honouring `Retry-After`), the one-time 401 `invalid_token` refresh-and-retry, error
 * mapping and response parsing.
 */
import {
  applySecurity,
  applySecuritySync,
  type AuthScheme,
  type AuthTarget,
  type SecurityRequirement,
} from './auth.js';
import {
  ApiError,
  ConfigurationError,
  headersToObject,
  InsecureTransportError,
  NetworkError,
  RetryWaitTooLongError,
  TimeoutError,
} from './errors.js';
import { formEncode } from './form.js';
import {
  apiPromise,
  apiPromiseOf,
  keepResponse,
  type APIPromise,
  type WithResponse,
} from './api-promise.js';
import {
  send,
  sendTo,
  sleep,
  type HttpSettings,
  type OutgoingRequest,
  type RawResponse,
} from './http.js';
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
  pathParams?: Readonly<Record<string, ParamValue>> | undefined;
  query?: ReadonlyArray<readonly [string, ParamValue]> | undefined;
  headers?: ReadonlyArray<readonly [string, ParamValue]> | undefined;
  cookies?: ReadonlyArray<readonly [string, ParamValue]> | undefined;
  body?: { contentType: string; value: unknown } | undefined;
  security: SecurityRequirement;
  accept: string | null;
  responseType: 'json' | 'text' | 'none';
}

/** Per-call options, the last argument of every operation. */
export interface RequestOptions {
  /** Cancel the call (also while it waits to retry): it rejects at once with `AbortError`. */
  signal?: AbortSignal | undefined;
  /**
   * Milliseconds for the whole call: every attempt, the waits between retries and a token refresh
   * it needs. Past it the call rejects with `TimeoutError`. Default: none (each request is still
   * bounded by the client's `timeout`).
   */
  timeout?: number | undefined;
  /** Retries of this call (default: the client's `maxRetries`, 2); 0 turns retries off. */
  maxRetries?: number | undefined;
  /**
   * Extra request headers. They never replace `Authorization`, `Proxy-Authorization`, `Cookie` or
   * a header a security scheme sets (those are dropped).
   */
  headers?: Readonly<Record<string, string>> | undefined;
  /**
   * Sent as `Idempotency-Key`, the same on every attempt; it also lets a non-idempotent call (POST,
   * PATCH) be retried.
   */
  idempotencyKey?: string | undefined;
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

/** Statuses worth another attempt: timeout, rate limit, and transient server failures. */
const RETRY_STATUSES = new Set([408, 429, 500, 502, 503, 504]);
/** Methods that can be repeated without changing the outcome (RFC 9110 §9.2.2). */
const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'TRACE']);
/** Per-call headers that can never be set through `RequestOptions.headers`. */
const RESERVED_HEADERS = new Set(['authorization', 'proxy-authorization', 'cookie', 'host']);
export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_MAX_RETRY_WAIT_MS = 60_000;
const BACKOFF_BASE_MS = 500;
const BACKOFF_MAX_MS = 8_000;

/** Backoff before retry `n` (1-based): 0.5 s doubling up to 8 s, minus up to 25 % jitter. */
export function backoffMs(n: number): number {
  const base = Math.min(BACKOFF_BASE_MS * 2 ** (n - 1), BACKOFF_MAX_MS);
  return Math.round(base * (1 - Math.random() * 0.25));
}

/**
 * The wait a response asks for, in milliseconds: `retry-after-ms`, else `Retry-After` as
 * delta-seconds or an HTTP-date (RFC 9110 §10.2.3). undefined when absent or unreadable.
 */
export function retryAfterMs(headers: Headers, now: number = Date.now()): number | undefined {
  const ms = headers.get('retry-after-ms');
  if (ms !== null && /^\s*\d+(\.\d+)?\s*$/.test(ms)) return Math.ceil(Number(ms));
  const value = headers.get('retry-after');
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value) * 1000;
  const date = Date.parse(value);
  if (Number.isNaN(date) || !/[a-z]/i.test(value)) return undefined;
  return Math.max(0, date - now);
}

function responseTooLarge(status: number, limit: number): ApiError {
  return new ApiError(`the response is larger than ${limit} bytes`, status, {}, '');
}

/** Server base URLs per client (a client's servers never change after it is made). */
const serverBases = new WeakMap<ClientCore, Map<string, string>>();

function serverBase(core: ClientCore, server: string): string {
  let bases = serverBases.get(core);
  if (bases === undefined) serverBases.set(core, (bases = new Map()));
  let base = bases.get(server);
  if (base === undefined) bases.set(server, (base = core.serverUrl(server)));
  return base;
}

interface ParsedBase {
  /** The normalized absolute URL. */
  href: string;
  origin: string;
  /** https, or http to a loopback host. */
  secure: boolean;
}

/** Operation URLs without query parameters, parsed once (the same few on every call). */
const parsedBases = new Map<string, ParsedBase>();

function parsedBase(raw: string): ParsedBase {
  let parsed = parsedBases.get(raw);
  if (parsed === undefined) {
    const url = new URL(raw);
    parsed = { href: url.href, origin: url.origin, secure: isSecureTransport(url, false) };
    if (parsedBases.size >= 2000) parsedBases.clear();
    parsedBases.set(raw, parsed);
  }
  return parsed;
}

/**
 * The parsed URL of an operation without path parameters, per client, server and spec path: the
 * same spec strings on every call, so nothing is joined or hashed anew.
 */
const routes = new WeakMap<ClientCore, Map<string, Map<string, ParsedBase>>>();

function route(core: ClientCore, server: string, path: string): ParsedBase {
  let servers = routes.get(core);
  if (servers === undefined) routes.set(core, (servers = new Map()));
  let paths = servers.get(server);
  if (paths === undefined) servers.set(server, (paths = new Map()));
  let parsed = paths.get(path);
  if (parsed === undefined) {
    parsed = parsedBase(joinUrl(serverBase(core, server), path));
    if (paths.size >= 2000) paths.clear();
    paths.set(path, parsed);
  }
  return parsed;
}

/** The parsed URL of `op` (path parameters filled in), without query parameters. */
function operationBase(core: ClientCore, op: OperationRequest): ParsedBase {
  if (op.pathParams !== undefined) {
    let pathParams: Record<string, string> | undefined;
    for (const k in op.pathParams) (pathParams ??= {})[k] = expand(op.pathParams[k]).join(',');
    if (pathParams !== undefined)
      return parsedBase(joinUrl(serverBase(core, op.server), fillPath(op.path, pathParams)));
  }
  return route(core, op.server, op.path);
}

/** Is `method` idempotent? (Spec methods arrive upper-case; any case is accepted.) */
function idempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method) || IDEMPOTENT_METHODS.has(method.toUpperCase());
}

const NO_OPTIONS: RequestOptions = Object.freeze({});

function finiteCount(value: number | undefined, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0
    ? Math.floor(value)
    : fallback;
}

/**
 * Run one operation. Returns an `APIPromise`: await it for the parsed body, or call
 * `.withResponse()` for `{ data, response }`.
 */
export function execute<T>(
  core: ClientCore,
  op: OperationRequest,
  options: RequestOptions = NO_OPTIONS,
): APIPromise<T> {
  if (options === NO_OPTIONS) {
    const quick = firstAttempt<T>(core, op);
    if (quick !== null) return quick;
  }
  const timeout = options.timeout;
  return apiPromiseOf<T>(
    timeout === undefined || !(timeout > 0)
      ? attempts<T>(core, op, options, undefined, undefined)
      : run<T>(core, op, options, timeout),
  );
}

/**
 * The common call, with fewer promise layers: no per-call options and credentials at hand
 * (`applySecuritySync`). Each layer costs several times its in-memory price on a real network
 * round trip (the CPU idles between request and response, and wakes to cold caches), and this is
 * the call almost every program makes. The first request settles the call's own promise directly
 * (`sendTo`), and a response the attempt loop would return unchanged is parsed right there.
 * Everything the loop has rules for (a 401, a retryable status, a transport failure or timeout) is
 * handed to `attempts` together with the outcome already obtained, so each rule has one home.
 * null: take the general path (a token must be loaded or refreshed first).
 */
function firstAttempt<T>(core: ClientCore, op: OperationRequest): APIPromise<T> | null {
  const target: AuthTarget = { headers: {}, query: [], cookies: [], oauth: [] };
  let request: OutgoingRequest;
  try {
    const base = operationBase(core, op);
    if (op.security.length > 0 && !applySecuritySync(op.security, core.schemes, target))
      return null;
    request = outgoing(core, op, base, target, undefined, undefined, undefined);
  } catch (error) {
    return apiPromiseOf<T>(Promise.reject(error as Error));
  }
  let resolve: (data: T) => void = ignore;
  let reject: (error: unknown) => void = ignore;
  const promise = apiPromise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  const handOver = (outcome: Promise<RawResponse>): void => {
    attempts<T>(core, op, NO_OPTIONS, undefined, { target, outcome }).then((result) => {
      keepResponse(promise, result.response);
      resolve(result.data);
    }, reject);
  };
  sendTo(
    core.http,
    request,
    (response) => {
      if (response.status === 401 || RETRY_STATUSES.has(response.status)) {
        handOver(Promise.resolve(response));
        return;
      }
      try {
        const data = parse<T>(op, response);
        keepResponse(promise, response.response);
        resolve(data);
      } catch (error) {
        reject(error);
      }
    },
    (error) => handOver(Promise.reject(error)),
  );
  return promise;
}

function ignore(): void {}

/** The first attempt's credentials and outcome, when `firstAttempt` already sent it. */
interface Handover {
  target: AuthTarget;
  outcome: Promise<RawResponse>;
}

/** A call with a whole-call deadline (only then: no controller or timer on the common path). */
async function run<T>(
  core: ClientCore,
  op: OperationRequest,
  options: RequestOptions,
  callTimeout: number,
): Promise<WithResponse<T>> {
  const controller = new AbortController();
  const deadline = Date.now() + callTimeout;
  const timer = setTimeout(
    () =>
      controller.abort(new TimeoutError(`the call timed out after ${callTimeout} ms`, callTimeout)),
    callTimeout,
  );
  const caller = options.signal;
  const onAbort = (): void => controller.abort(caller?.reason);
  if (caller?.aborted) onAbort();
  else caller?.addEventListener('abort', onAbort, { once: true });
  try {
    return await attempts<T>(
      core,
      op,
      { ...options, signal: controller.signal },
      deadline,
      undefined,
    );
  } finally {
    clearTimeout(timer);
    caller?.removeEventListener('abort', onAbort);
  }
}

async function attempts<T>(
  core: ClientCore,
  op: OperationRequest,
  options: RequestOptions,
  deadline: number | undefined,
  handover: Handover | undefined,
): Promise<WithResponse<T>> {
  const signal = options.signal;
  // the URL is parsed once per base (cached); with query parameters it is built per attempt
  const base = operationBase(core, op);
  const extra = options.headers === undefined ? undefined : perCallHeaders(core, options.headers);
  const idempotencyKey = options.idempotencyKey ?? extra?.idempotencyKey;
  const retryable = idempotencyKey !== undefined || idempotent(op.method);
  const maxRetries = retryable
    ? finiteCount(options.maxRetries, finiteCount(core.http.maxRetries, DEFAULT_MAX_RETRIES))
    : 0;

  let refreshed = false;
  let retries = 0;
  for (;;) {
    let target: AuthTarget;
    let outcome: Promise<RawResponse>;
    if (handover !== undefined) {
      ({ target, outcome } = handover);
      handover = undefined;
    } else {
      target = { headers: {}, query: [], cookies: [], oauth: [] };
      // credentials: synchronously when every scheme can (tokens in memory), else the full path
      if (op.security.length > 0 && !applySecuritySync(op.security, core.schemes, target))
        await applySecurity(op.security, core.schemes, target, signal);
      const request = outgoing(core, op, base, target, extra?.kept, idempotencyKey, signal);
      outcome = send(core.http, request);
    }
    let response: RawResponse;
    try {
      response = await outcome;
    } catch (error) {
      // only transport failures of the API request itself are retried (never a token request)
      if (!(error instanceof NetworkError || error instanceof TimeoutError)) throw error;
      if (signal?.aborted || retries >= maxRetries) throw error;
      retries++;
      await waitBeforeRetry(core, op, options, deadline, retries, backoffMs(retries), error.name);
      continue;
    }
    // the refresh-once-on-401 rule: separate from the retries, never counted against them
    if (!refreshed && target.oauth.length > 0 && isInvalidToken(response)) {
      refreshed = true;
      if (await recover(core, op, target, signal)) continue;
    }
    if (retries < maxRetries && RETRY_STATUSES.has(response.status)) {
      const asked = retryAfterMs(response.headers);
      const maxWait = finiteCount(core.http.maxRetryWaitMs, DEFAULT_MAX_RETRY_WAIT_MS);
      if (asked !== undefined && asked > maxWait)
        throw retryWaitTooLong(op, response, asked, maxWait);
      retries++;
      await waitBeforeRetry(
        core,
        op,
        options,
        deadline,
        retries,
        asked ?? backoffMs(retries),
        response.status,
      );
      continue;
    }
    return { data: parse<T>(op, response), response: response.response };
  }
}

/** `RequestOptions.headers` without the ones the SDK controls; `Idempotency-Key` taken out. */
function perCallHeaders(
  core: ClientCore,
  headers: Readonly<Record<string, string>>,
): { kept: Record<string, string>; idempotencyKey: string | undefined } {
  const kept: Record<string, string> = {};
  let idempotencyKey: string | undefined;
  for (const [name, value] of Object.entries(headers)) {
    const key = name.toLowerCase();
    if (key === 'idempotency-key') idempotencyKey ??= value;
    else if (RESERVED_HEADERS.has(key))
      core.http.logger.warn('ignoring a per-call header the SDK controls', { header: key });
    else kept[key] = value;
  }
  return { kept, idempotencyKey };
}

/**
 * One attempt's request: URL with query parameters, the credential destination checks, headers
 * (operation, per-call, then security headers, which nothing can replace), cookies and body.
 */
function outgoing(
  core: ClientCore,
  op: OperationRequest,
  base: ParsedBase,
  target: AuthTarget,
  extraHeaders: Readonly<Record<string, string>> | undefined,
  idempotencyKey: string | undefined,
  signal: AbortSignal | undefined,
): OutgoingRequest {
  let url: URL | string = base.href;
  if ((op.query !== undefined && op.query.length > 0) || target.query.length > 0) {
    const withQuery = new URL(base.href);
    for (const [k, v] of op.query ?? [])
      for (const s of expand(v)) withQuery.searchParams.append(k, s);
    for (const [k, v] of target.query) withQuery.searchParams.append(k, v);
    url = withQuery;
  }
  let hasCredentials = target.query.length > 0 || target.cookies.length > 0;
  if (!hasCredentials) for (const _ in target.headers) hasCredentials = true;
  if (hasCredentials) {
    const origin = base.origin;
    if (!core.credentialOrigins.has(origin)) {
      throw new ConfigurationError(
        `refusing to send credentials to ${origin}: not a configured server`,
      );
    }
    // RFC 6750 §5.3: credentials only over TLS (loopback excepted), unless explicitly allowed.
    if (core.allowInsecureHttp !== true && !base.secure) {
      throw new InsecureTransportError(
        `refusing to send credentials to ${origin} over plain http (use https, or ` +
          'allowInsecureHttp: true for a trusted network); nothing was sent',
      );
    }
  }
  const headers: Record<string, string> = {};
  if (op.headers !== undefined && op.headers.length > 0) {
    for (const [k, v] of op.headers) {
      const values = expand(v);
      if (values.length > 0) headers[k.toLowerCase()] = values.join(',');
    }
  }
  if (op.accept !== null) headers['accept'] = op.accept;
  let body: string | undefined;
  if (op.body !== undefined && op.body.value !== undefined) {
    headers['content-type'] = op.body.contentType;
    body = encodeBody(op.body);
  }
  if (extraHeaders !== undefined) Object.assign(headers, extraHeaders);
  if (idempotencyKey !== undefined) headers['idempotency-key'] = idempotencyKey;
  if ((op.cookies !== undefined && op.cookies.length > 0) || target.cookies.length > 0) {
    const cookies = [
      ...(op.cookies ?? []).flatMap(([k, v]) => expand(v).map((s) => [k, s] as const)),
      ...target.cookies,
    ];
    if (cookies.length > 0)
      headers['cookie'] = cookies.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('; ');
  }
  // security headers last: nothing above can replace them
  Object.assign(headers, target.headers);
  return {
    method: op.method,
    url,
    headers,
    body,
    signal,
    followRedirects: true,
    tooLarge: responseTooLarge,
  };
}

/** After a 401 `invalid_token`: refresh the tokens that went out; true when one was renewed. */
async function recover(
  core: ClientCore,
  op: OperationRequest,
  target: AuthTarget,
  signal: AbortSignal | undefined,
): Promise<boolean> {
  let recovered = false;
  for (const { manager, accessToken } of target.oauth) {
    if (await manager.recoverFromUnauthorized(accessToken, signal)) recovered = true;
  }
  if (recovered) {
    core.http.logger.info('retrying once with a refreshed token', {
      method: op.method,
      path: op.path,
    });
  }
  return recovered;
}

function retryWaitTooLong(
  op: OperationRequest,
  response: RawResponse,
  asked: number,
  maxWait: number,
): RetryWaitTooLongError {
  return new RetryWaitTooLongError(
    `HTTP ${response.status} from ${op.method} ${op.path}: the server asks to retry after ` +
      `${asked} ms, longer than maxRetryWait (${maxWait} ms)`,
    response.status,
    headersToObject(response.headers),
    response.text,
    asked,
    maxWait,
  );
}

/** Wait before retry `n` (or give up at once when the wait passes the call's deadline). */
async function waitBeforeRetry(
  core: ClientCore,
  op: OperationRequest,
  options: RequestOptions,
  deadline: number | undefined,
  n: number,
  waitMs: number,
  reason: unknown,
): Promise<void> {
  if (deadline !== undefined && Date.now() + waitMs >= deadline) {
    const timeout = options.timeout ?? 0;
    throw new TimeoutError(
      `the call timed out after ${timeout} ms (the next retry would start after it)`,
      timeout,
    );
  }
  core.http.logger.info('retrying the request', {
    method: op.method,
    path: op.path,
    attempt: n + 1,
    waitMs,
    reason,
  });
  await sleep(waitMs, options.signal);
}

function parse<T>(op: OperationRequest, response: RawResponse): T {
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
