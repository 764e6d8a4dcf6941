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
  url: URL;
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
  url: URL;
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

/** Send a request; resolves with any HTTP status, rejects only with SDK errors. */
export async function send(settings: HttpSettings, request: OutgoingRequest): Promise<RawResponse> {
  // One controller and one plain timer per request (no AbortSignal.timeout / AbortSignal.any:
  // they cost more on the hot path), and none at all without a timeout or a caller signal.
  const callerSignal = request.signal;
  let signal = callerSignal;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  let onCallerAbort: (() => void) | undefined;
  if (settings.timeoutMs > 0) {
    const controller = new AbortController();
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, settings.timeoutMs);
    if (callerSignal !== undefined) {
      if (callerSignal.aborted) controller.abort();
      else {
        onCallerAbort = () => controller.abort();
        callerSignal.addEventListener('abort', onCallerAbort, { once: true });
      }
    }
    signal = controller.signal;
  }
  const limit = request.maxResponseBytes ?? settings.maxResponseBytes;

  const fail = (cause: unknown): SdkError => {
    if (cause instanceof SdkError) return cause;
    if (callerSignal?.aborted) return abortErrorOf(callerSignal, cause);
    if (timedOut) {
      return new TimeoutError(
        `the request timed out after ${settings.timeoutMs} ms`,
        settings.timeoutMs,
        { cause },
      );
    }
    return new NetworkError(`the request to ${request.url.origin} failed`, { cause });
  };

  let url = request.url;
  let method = request.method;
  let body = request.body;
  const headers = { ...request.headers };
  try {
    for (let hop = 0; ; hop++) {
      if (settings.logger !== silentLogger)
        settings.logger.debug('http request', { method, url: redactUrl(url) });
      const init: RequestInit = { method, headers, redirect: 'manual' };
      if (body !== undefined) init.body = body;
      if (signal !== undefined) init.signal = signal;
      const response = await settings.fetch(url, init);
      const location = response.headers.get('location');
      if (request.followRedirects && response.status >= 300 && response.status < 400 && location) {
        const next = new URL(location, url);
        if (next.origin !== url.origin || hop >= MAX_REDIRECTS) {
          settings.logger.warn('not following a redirect to another origin', {
            to: redactUrl(next),
          });
        } else {
          await response.body?.cancel();
          if (
            response.status === 303 ||
            ((response.status === 301 || response.status === 302) && method === 'POST')
          ) {
            method = 'GET';
            body = undefined;
            delete headers['content-type'];
          }
          url = next;
          continue;
        }
      }
      const text = await readCapped(response, limit, request.tooLarge);
      if (settings.logger !== silentLogger)
        settings.logger.debug('http response', { status: response.status, url: redactUrl(url) });
      return { status: response.status, headers: response.headers, text, url, response };
    }
  } catch (cause) {
    throw fail(cause);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    if (onCallerAbort !== undefined) callerSignal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Read the body as UTF-8 text, giving up (and cancelling the stream) past `limit` bytes. */
async function readCapped(
  response: Response,
  limit: number,
  tooLarge: (status: number, limit: number) => SdkError,
): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    await response.body?.cancel();
    throw tooLarge(response.status, limit);
  }
  if (!response.body) return '';
  // A declared length within the cap and no content coding: the platform enforces the length (a
  // longer body is an error), so the native reader is safe and faster than reading chunk by chunk.
  // With a content coding (gzip, br, deflate) the length counts compressed bytes, so the decoded
  // bytes are counted below while they stream (a small gzip body can decode to gigabytes).
  const coding = response.headers.get('content-encoding');
  if (Number.isFinite(declared) && (coding === null || /^\s*identity\s*$/i.test(coding)))
    return response.text();
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let size = 0;
  let text = '';
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel();
      throw tooLarge(response.status, limit);
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
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
