/** A scripted `fetch` for runtime unit tests: records requests, answers with a handler. */
import type { FetchLike, HttpSettings } from '../../../templates/typescript/static/src/runtime/http.js';
import { silentLogger, type Logger } from '../../../templates/typescript/static/src/runtime/redact.js';

export interface Recorded {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: string;
}

export type Handler = (req: Recorded) => Response | Promise<Response>;

export function fakeFetch(handler: Handler): { fetch: FetchLike; requests: Recorded[] } {
  const requests: Recorded[] = [];
  const fetch: FetchLike = async (input, init) => {
    const headers: Record<string, string> = {};
    new Headers(init.headers).forEach((v, k) => (headers[k] = v));
    const req: Recorded = {
      method: init.method ?? 'GET',
      url: new URL(String(input)),
      headers,
      body: typeof init.body === 'string' ? init.body : '',
    };
    requests.push(req);
    const signal = init.signal;
    if (signal?.aborted) throw signal.reason;
    if (!signal) return handler(req);
    return new Promise<Response>((resolve, reject) => {
      signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true });
      Promise.resolve(handler(req)).then(resolve, reject);
    });
  };
  return { fetch, requests };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });
}

export function settings(fetch: FetchLike, logger: Logger = silentLogger, timeoutMs = 5000): HttpSettings {
  return { fetch, timeoutMs, logger, maxResponseBytes: 1024 * 1024 };
}

/** A logger that keeps every line (message + JSON meta) for secret scans. */
export function memoryLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const log = (level: string) => (message: string, meta?: Record<string, unknown>) => {
    lines.push(`${level} ${message} ${meta === undefined ? '' : JSON.stringify(meta)}`);
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}
