/**
 * The one place that calls `fetch`: timeout + caller cancellation, manual redirects (followed only
 * within the same origin), capped body reading, and mapping of transport failures to SDK errors.
 */
import { AbortError, NetworkError, SdkError, TimeoutError } from './errors.js';
import { redactUrl, silentLogger, type Logger } from './redact.js';

export type FetchLike = (input: string | URL, init: RequestInit) => Promise<Response>;

export interface HttpSettings {
  fetch: FetchLike;
  /** Per-request timeout in milliseconds (0 = none). */
  timeoutMs: number;
  logger: Logger;
  /** Largest response body read, in bytes. */
  maxResponseBytes: number;
  /** Retries of a failed API call (see `request.ts`; default 2). Token requests never retry. */
  maxRetries?: number | undefined;
  /** Longest server-requested wait (`Retry-After`) honoured, in milliseconds (default 60000). */
  maxRetryWaitMs?: number | undefined;
}

export interface OutgoingRequest {
  method: string;
  /** A parsed URL, or an already valid absolute URL string (parsed only when needed). */
  url: URL | string;
  headers: Record<string, string>;
  body?: string | undefined;
  signal?: AbortSignal | undefined;
  /** Follow same-origin redirects (never cross-origin ones). Token requests never follow. */
  followRedirects: boolean;
  /** Overrides `HttpSettings.maxResponseBytes`. */
  maxResponseBytes?: number | undefined;
  /** The error to throw when the body is larger than allowed. */
  tooLarge: (status: number, limit: number) => SdkError;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The URL that answered (after same-origin redirects). */
  url: URL | string;
  /** The fetch `Response` (its body already read into `text`). */
  response: Response;
}

const MAX_REDIRECTS = 5;

/** The error for an aborted `signal`: its reason when that is an SDK error (a call deadline), else `AbortError`. */
export function abortErrorOf(signal: AbortSignal, cause?: unknown): SdkError {
  const reason: unknown = signal.reason;
  if (reason instanceof SdkError) return reason;
  return new AbortError(
    'the request was aborted by the caller',
    cause === undefined ? undefined : { cause },
  );
}

/**
 * Timeouts without a caller signal are kept off the fetch: no `AbortSignal` is handed to `fetch`
 * (with one, every request pays for the signal's listeners and bookkeeping, tens of µs), and long
 * timeouts share one coarse timer instead of one timer each. The call still ends on time; the
 * request that lost the race is cancelled as soon as its response headers arrive (a body already
 * being read natively is left to finish in the background).
 */
/** One request raced against the client timeout (one object per call). */
class Race {
  /** Set when the timeout won: the request still in flight is cancelled when it answers. */
  abandoned = false;
  /** The deadline (epoch ms) checked by the shared sweeper (coarse timeouts only). */
  at = 0;
  /** The call's own timer (short timeouts only). */
  timer: ReturnType<typeof setTimeout> | undefined = undefined;
  /** Neighbours in the list of pending coarse deadlines. */
  prev: Race | null = null;
  next: Race | null = null;
  resolve: (value: RawResponse) => void = ignore;
  reject: (error: unknown) => void = ignore;
  constructor(readonly timeoutMs: number) {}
  fire(): void {
    this.abandoned = true;
    this.reject(timeoutErrorOf(this.timeoutMs));
  }
  /**
   * The request's outcome; stops the timer. Ignored when the timeout already fired: exactly one of
   * `resolve`/`reject` is ever called (they may be plain callbacks, not a promise's resolvers).
   */
  settle(value: RawResponse): void {
    this.stop();
    if (!this.abandoned) this.resolve(value);
  }
  fail(error: unknown): void {
    this.stop();
    if (!this.abandoned) this.reject(error instanceof Error ? error : new Error(String(error)));
  }
  private stop(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    else untrack(this);
  }
}
function ignore(): void {}
function fireRace(race: Race): void {
  race.fire();
}
function timeoutErrorOf(timeoutMs: number, cause?: unknown): TimeoutError {
  return new TimeoutError(
    `the request timed out after ${timeoutMs} ms`,
    timeoutMs,
    cause === undefined ? undefined : { cause },
  );
}
/** Timeouts at least this long are checked by the shared sweeper (at most SWEEP_MS late). */
const COARSE_TIMEOUT_MS = 10_000;
const SWEEP_MS = 250;
/**
 * Pending coarse deadlines: a doubly linked list through the races themselves (adding and removing
 * one allocates nothing, unlike a Set that rehashes as calls come and go).
 */
let first: Race | null = null;
let last: Race | null = null;
let sweeper: ReturnType<typeof setInterval> | undefined;

function track(race: Race): void {
  race.prev = last;
  if (last === null) first = race;
  else last.next = race;
  last = race;
}

function untrack(race: Race): void {
  if (race.prev === null && first !== race) return; // not tracked (already removed)
  if (race.prev === null) first = race.next;
  else race.prev.next = race.next;
  if (race.next === null) last = race.prev;
  else race.next.prev = race.prev;
  race.prev = race.next = null;
}

function sweep(): void {
  const now = Date.now();
  for (let race = first; race !== null;) {
    const next = race.next;
    if (race.at <= now) {
      untrack(race);
      race.fire();
    }
    race = next;
  }
  if (first === null && sweeper !== undefined) {
    clearInterval(sweeper);
    sweeper = undefined;
  }
}

/**
 * Run `transfer` against a timeout of `ms`: exactly one of `resolve` (the response) and `reject`
 * (an SDK error, `TimeoutError` when the timer won) is called, once. The timer never holds the process.
 */
function race(
  settings: HttpSettings,
  request: OutgoingRequest,
  ms: number,
  resolve: (response: RawResponse) => void,
  reject: (error: SdkError) => void,
): void {
  const race = new Race(ms);
  race.resolve = resolve;
  race.reject = reject as (error: unknown) => void;
  if (ms >= COARSE_TIMEOUT_MS) {
    race.at = Date.now() + ms;
    track(race);
    if (sweeper === undefined) {
      sweeper = setInterval(sweep, SWEEP_MS);
      (sweeper as { unref?: () => void }).unref?.();
    }
  } else {
    race.timer = setTimeout(fireRace, ms, race);
    (race.timer as { unref?: () => void }).unref?.();
  }
  // the outcome reaches the callbacks through the race (transfer settles it; its own promise is unused)
  void transfer(settings, request, undefined, race);
}

/**
 * `send`, delivering the outcome to callbacks instead of a promise of its own: exactly one of them
 * is called, once (`reject` only with SDK errors). A caller whose own promise settles from these
 * saves a promise layer per request (the fast path of `request.ts`).
 */
export function sendTo(
  settings: HttpSettings,
  request: OutgoingRequest,
  resolve: (response: RawResponse) => void,
  reject: (error: SdkError) => void,
): void {
  const timeoutMs = settings.timeoutMs;
  if (request.signal === undefined && timeoutMs > 0)
    race(settings, request, timeoutMs, resolve, reject);
  else send(settings, request).then(resolve, reject);
}

/** Send a request; resolves with any HTTP status, rejects only with SDK errors. */
export function send(settings: HttpSettings, request: OutgoingRequest): Promise<RawResponse> {
  const callerSignal = request.signal;
  const timeoutMs = settings.timeoutMs;
  if (callerSignal === undefined) {
    if (!(timeoutMs > 0)) return direct(settings, request, undefined);
    return new Promise<RawResponse>((resolve, reject) => {
      race(settings, request, timeoutMs, resolve, reject);
    });
  }
  // A caller signal goes to fetch anyway: the timeout aborts the same request through it.
  if (!(timeoutMs > 0)) return direct(settings, request, callerSignal);
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort(timeoutErrorOf(timeoutMs));
  }, timeoutMs);
  const onCallerAbort = (): void => controller.abort(callerSignal.reason);
  if (callerSignal.aborted) onCallerAbort();
  else callerSignal.addEventListener('abort', onCallerAbort, { once: true });
  return direct(settings, request, controller.signal).then(
    (response) => {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
      return response;
    },
    (error: unknown) => {
      clearTimeout(timer);
      callerSignal.removeEventListener('abort', onCallerAbort);
      if (callerSignal.aborted && !timedOut) throw abortErrorOf(callerSignal, error);
      throw error;
    },
  );
}

/** `transfer` without a race: resolves with the response or rejects with an SDK error. */
function direct(
  settings: HttpSettings,
  request: OutgoingRequest,
  signal: AbortSignal | undefined,
): Promise<RawResponse> {
  return transfer(settings, request, signal, null) as Promise<RawResponse>;
}

/**
 * The request itself: fetch, same-origin redirects, capped body; failures mapped to SDK errors.
 * With a `race`, the outcome is handed to it (saving a promise hop per call) and the returned
 * promise resolves with undefined, never rejecting; without one it resolves with the response.
 */
async function transfer(
  settings: HttpSettings,
  request: OutgoingRequest,
  signal: AbortSignal | undefined,
  race: Race | null,
): Promise<RawResponse | undefined> {
  const limit = request.maxResponseBytes ?? settings.maxResponseBytes;
  let url = request.url;
  let method = request.method;
  let body = request.body;
  let headers = request.headers;
  try {
    for (let hop = 0; ; hop++) {
      if (settings.logger !== silentLogger)
        settings.logger.debug('http request', { method, url: redactUrl(url) });
      // GET is fetch's default method: not naming it saves a conversion per request
      const init: RequestInit =
        method === 'GET'
          ? { headers, redirect: 'manual' }
          : { method, headers, redirect: 'manual' };
      if (body !== undefined) init.body = body;
      if (signal !== undefined) init.signal = signal;
      const response = await settings.fetch(url, init);
      if (race?.abandoned) {
        // the caller already got a TimeoutError: free the connection
        await response.body?.cancel();
        throw new AbortError('the request was abandoned after its timeout');
      }
      const status = response.status;
      if (request.followRedirects && status >= 300 && status < 400) {
        const next = redirectTarget(settings, response, url, hop);
        if (next !== null) {
          await response.body?.cancel();
          if (status === 303 || ((status === 301 || status === 302) && method === 'POST')) {
            method = 'GET';
            body = undefined;
            headers = { ...headers };
            delete headers['content-type'];
          }
          url = next;
          continue;
        }
      }
      const text = await readCapped(response, limit, request.tooLarge);
      if (settings.logger !== silentLogger)
        settings.logger.debug('http response', { status, url: redactUrl(url) });
      const result: RawResponse = { status, headers: response.headers, text, url, response };
      if (race === null) return result;
      race.settle(result);
      return undefined;
    }
  } catch (cause) {
    const error = transportError(cause, signal, request);
    if (race === null) throw error;
    race.fail(error);
    return undefined;
  }
}

/** Where a 3xx answer of `url` leads, when it may be followed (same origin, hop limit), else null. */
function redirectTarget(
  settings: HttpSettings,
  response: Response,
  url: URL | string,
  hop: number,
): URL | null {
  const location = response.headers.get('location');
  if (!location) return null;
  const next = new URL(location, url);
  if (next.origin !== new URL(url).origin || hop >= MAX_REDIRECTS) {
    settings.logger.warn('not following a redirect to another origin', { to: redactUrl(next) });
    return null;
  }
  return next;
}

/** A failure of `transfer` as an SDK error (SDK errors pass through). */
function transportError(
  cause: unknown,
  signal: AbortSignal | undefined,
  request: OutgoingRequest,
): SdkError {
  if (cause instanceof SdkError) return cause;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    if (reason instanceof SdkError) return reason;
    return new AbortError('the request was aborted by the caller', { cause });
  }
  return new NetworkError(`the request to ${new URL(request.url).origin} failed`, { cause });
}

/** Decodes whole bodies (never in stream mode, so one instance serves every call). */
const UTF8 = new TextDecoder();

/**
 * Read the body as UTF-8 text, giving up (and cancelling the stream) past `limit` bytes.
 *
 * The decoded bytes are counted as they stream, so the cap holds whatever the headers say (a small
 * gzip or brotli body can decode to gigabytes). A declared `Content-Length` above the cap refuses
 * the body without reading on: it is looked at once a second chunk arrives. A body that comes in
 * one chunk (almost every API answer) is decoded in one go, needs no header read and no decoder of
 * its own; on a real round trip that measurably shortened every call (bench section 4: from 1.05x
 * to 1.03x of a raw fetch, the header read and the streaming decoder each about half of it).
 */
async function readCapped(
  response: Response,
  limit: number,
  tooLarge: (status: number, limit: number) => SdkError,
): Promise<string> {
  const body = response.body;
  if (body === null) return '';
  const reader = body.getReader();
  const first = await reader.read();
  if (first.done) return '';
  let chunk = first.value;
  let size = chunk.byteLength;
  if (size > limit) return cancelTooLarge(reader, response.status, limit, tooLarge);
  let next = await reader.read();
  if (next.done) return UTF8.decode(chunk); // the common case: one chunk
  if (declaredLength(response) > limit)
    return cancelTooLarge(reader, response.status, limit, tooLarge);
  const decoder = new TextDecoder();
  let text = decoder.decode(chunk, { stream: true });
  while (!next.done) {
    chunk = next.value;
    size += chunk.byteLength;
    if (size > limit) return cancelTooLarge(reader, response.status, limit, tooLarge);
    text += decoder.decode(chunk, { stream: true });
    next = await reader.read();
  }
  return text + decoder.decode();
}

async function cancelTooLarge(
  reader: ReadableStreamDefaultReader<Uint8Array>,
  status: number,
  limit: number,
  tooLarge: (status: number, limit: number) => SdkError,
): Promise<never> {
  await reader.cancel();
  throw tooLarge(status, limit);
}

/** The response's `Content-Length` as a number (NaN when absent or not a number). */
function declaredLength(response: Response): number {
  const length = response.headers.get('content-length');
  return length === null ? NaN : Number(length);
}

/** Wait `ms`, or reject at once when `signal` aborts (with `abortErrorOf(signal)`). */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortErrorOf(signal));
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(abortErrorOf(signal as AbortSignal));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Wait for `promise`, but reject with `AbortError` as soon as `signal` aborts. */
export function raceSignal<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(abortErrorOf(signal));
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(abortErrorOf(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
