/**
 * Issue 12 §2 and §3 (TypeScript side): retries that honour Retry-After, per-call options and raw
 * responses, against the real test server (test/server: status faults with Retry-After /
 * retry-after-ms, `ANY /echo` logging headers and Idempotency-Key). Through the committed generated
 * SDK of specs/multiauth-sample.yaml (GET operations) and, for other methods, the runtime's
 * `execute` on `/echo`.
 */
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startTestServer, type TestServer } from '../../server/start.mjs';
import {
  AbortError,
  ApiError,
  Environment,
  MultiauthsampleClient,
  NetworkError,
  RetryWaitTooLongError,
  TimeoutError,
  type MultiauthsampleClientOptions,
} from '../../../generated/multiauth-sample/typescript/src/index.js';
import {
  ApiKeyScheme,
  applySecurity,
  applySecuritySync,
  BasicScheme,
  BearerTokenScheme,
  OAuthScheme,
  type AuthScheme,
  type AuthTarget,
} from '../../../templates/typescript/static/src/runtime/auth.js';
import { PasswordManager } from '../../../templates/typescript/static/src/runtime/oauth.js';
import {
  backoffMs,
  execute,
  retryAfterMs,
  type ClientCore,
  type OperationRequest,
  type RequestOptions,
} from '../../../templates/typescript/static/src/runtime/request.js';
import type { Logger } from '../../../templates/typescript/static/src/runtime/redact.js';
import { memoryLogger } from './fake-fetch.js';

const ROPCG = {
  oAuthClientId: 'ropcg-client',
  oAuthClientSecret: 'ropcg-secret',
  oAuthUsername: 'alice',
  oAuthPassword: 'alice-password',
};
const USER_PATH = '/oauth2/non-auth-server/user';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await control('/__control/reset', {});
});

async function control(pathname: string, body?: unknown): Promise<unknown> {
  const r = await fetch(`${server.url}${pathname}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!r.ok) throw new Error(`${pathname}: ${r.status} ${await r.text()}`);
  return r.json();
}

interface LogEntry {
  method: string;
  path: string;
  grantType: string | null;
  status: number;
  fault: string | null;
  idempotencyKey?: string;
  headers?: Record<string, string>;
}
const serverLog = async (): Promise<LogEntry[]> => (await control('/__control/log')) as LogEntry[];
const hits = async (path: string): Promise<LogEntry[]> => (await serverLog()).filter((e) => e.path === path);
const fault = (spec: Record<string, unknown>) => control('/__control/fault', { target: 'api', count: 1, ...spec });

function client(options: MultiauthsampleClientOptions = {}): MultiauthsampleClient {
  return new MultiauthsampleClient({
    environment: Environment.Testing,
    baseUrls: { default: server.url, auth: `${server.url}/oauth2/auth-server` },
    ...options,
  });
}

/** A client holding a valid ROPCG token (fetched before the faults are queued). */
async function signedIn(options: MultiauthsampleClientOptions = {}): Promise<MultiauthsampleClient> {
  const c = client({ oAuthROPCGCredentials: ROPCG, ...options });
  await c.oAuthROPCG.fetchToken();
  return c;
}

/** The runtime on `/echo` (any method), with an optional static bearer scheme. */
function echo(
  method: string,
  options: RequestOptions = {},
  settings: { maxRetries?: number; maxRetryWaitMs?: number; logger?: Logger; bearer?: boolean } = {},
) {
  const core: ClientCore = {
    http: {
      fetch: (input, init) => fetch(input, init),
      timeoutMs: 10_000,
      logger: settings.logger ?? memoryLogger(),
      maxResponseBytes: 1024 * 1024,
      maxRetries: settings.maxRetries,
      maxRetryWaitMs: settings.maxRetryWaitMs,
    },
    serverUrl: () => server.url,
    schemes: { bearer: new BearerTokenScheme('bearer', 'static-bearer-token') },
    credentialOrigins: new Set([new URL(server.url).origin]),
  };
  const op: OperationRequest = {
    method,
    server: 'default',
    path: '/echo',
    body: method === 'GET' || method === 'DELETE' ? undefined : { contentType: 'application/json', value: { n: 1 } },
    security: settings.bearer ? [['bearer']] : [],
    accept: 'application/json',
    responseType: 'json',
  };
  return execute<{ method: string; headers: Record<string, string> }>(core, op, options);
}

async function elapsed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: unknown }> {
  const t0 = Date.now();
  const value = await fn().catch((e: unknown) => e);
  return { ms: Date.now() - t0, value };
}

describe('issue 12 §2 retries (TypeScript)', () => {
  it('issue 12 §2: 503 twice then 200 → 3 hits; 503 three times → ApiError 503 after exactly 3 hits (default maxRetries 2)', async () => {
    const c = await signedIn();
    await fault({ kind: '503', count: 2 });
    const user = await c.authentication.oAuthAuthorizationGrant();
    expect(user).toBeTruthy();
    expect((await hits(USER_PATH)).map((e) => e.status)).toEqual([503, 503, 200]);

    await control('/__control/reset', {});
    const d = await signedIn();
    await fault({ kind: '503', count: 3 });
    const error = await d.authentication.oAuthAuthorizationGrant().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(503);
    expect((await hits(USER_PATH)).map((e) => e.status)).toEqual([503, 503, 503]);
  });

  it('issue 12 §2: every retryable status (408, 429, 500, 502, 503, 504) is retried; others (401, 404) are not', async () => {
    const c = await signedIn({ maxRetries: 6 });
    for (const kind of ['408', '429', '500', '502', '503', '504']) await fault({ kind, retryAfterMs: '1' });
    await c.authentication.oAuthAuthorizationGrant();
    expect((await hits(USER_PATH)).map((e) => e.status)).toEqual([408, 429, 500, 502, 503, 504, 200]);
    await control('/__control/reset', {});
    await fault({ kind: '401' });
    await expect(echo('GET')).rejects.toMatchObject({ status: 401 });
    expect(await hits('/echo')).toHaveLength(1);
    const missing = await fetch(`${server.url}/no-such-path`);
    expect(missing.status).toBe(404);
    await expect(
      client({ baseUrls: { default: `${server.url}/no-such-prefix` } }).authentication.noAuth({ array: true }),
    ).rejects.toMatchObject({ status: 404 });
    expect((await serverLog()).filter((e) => e.path.startsWith('/no-such-prefix'))).toHaveLength(1);
  });

  it('issue 12 §2: Retry-After in delta-seconds, as an HTTP-date, and retry-after-ms are honoured', async () => {
    const c = await signedIn();
    await fault({ kind: '429', retryAfter: '1' });
    const seconds = await elapsed(() => c.authentication.oAuthAuthorizationGrant());
    expect(seconds.value).not.toBeInstanceOf(Error);
    expect(seconds.ms).toBeGreaterThanOrEqual(950);
    expect(seconds.ms).toBeLessThan(3000);

    await fault({ kind: '503', retryAfterDateIn: 2 });
    const date = await elapsed(() => c.authentication.oAuthAuthorizationGrant());
    expect(date.value).not.toBeInstanceOf(Error);
    // an HTTP-date has whole seconds: between 1 and 2 s from now
    expect(date.ms).toBeGreaterThanOrEqual(900);
    expect(date.ms).toBeLessThan(3500);

    await fault({ kind: '429', retryAfterMs: '300', retryAfter: '30' });
    const ms = await elapsed(() => c.authentication.oAuthAuthorizationGrant());
    expect(ms.value).not.toBeInstanceOf(Error);
    expect(ms.ms).toBeGreaterThanOrEqual(290);
    expect(ms.ms).toBeLessThan(2000);
    expect((await hits(USER_PATH)).map((e) => e.status)).toEqual([429, 200, 503, 200, 429, 200]);
  });

  it('issue 12 §2: without Retry-After, exponential backoff with jitter (0.5 s, 1 s, ... at most 8 s)', async () => {
    const c = await signedIn();
    await fault({ kind: '500', count: 2 });
    const run = await elapsed(() => c.authentication.oAuthAuthorizationGrant());
    expect(run.value).not.toBeInstanceOf(Error);
    // 0.5 s and 1 s, each minus up to 25 % jitter
    expect(run.ms).toBeGreaterThanOrEqual(1100);
    expect(run.ms).toBeLessThan(3500);
    const samples = Array.from({ length: 200 }, (_, i) => backoffMs((i % 6) + 1));
    for (let n = 1; n <= 6; n++) {
      const mine = samples.filter((_, i) => (i % 6) + 1 === n);
      const top = Math.min(500 * 2 ** (n - 1), 8000);
      expect(Math.max(...mine)).toBeLessThanOrEqual(top);
      expect(Math.min(...mine)).toBeGreaterThanOrEqual(top * 0.75);
      expect(new Set(mine).size).toBeGreaterThan(1); // jitter
    }
  });

  it('issue 12 §2: a Retry-After longer than the cap is not waited for: RetryWaitTooLongError with status and header; the cap is configurable', async () => {
    const c = await signedIn();
    await fault({ kind: '429', retryAfter: '120' });
    const run = await elapsed(() => c.authentication.oAuthAuthorizationGrant());
    expect(run.ms).toBeLessThan(1000);
    const error = run.value as RetryWaitTooLongError;
    expect(error).toBeInstanceOf(RetryWaitTooLongError);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.status).toBe(429);
    expect(error.headers['retry-after']).toBe('120');
    expect(error.retryAfterMs).toBe(120_000);
    expect(await hits(USER_PATH)).toHaveLength(1);

    const strict = await signedIn({ maxRetryWait: 500 });
    await fault({ kind: '503', retryAfter: '1' });
    await expect(strict.authentication.oAuthAuthorizationGrant()).rejects.toBeInstanceOf(RetryWaitTooLongError);
    const lenient = await signedIn({ maxRetryWait: 2000 });
    await fault({ kind: '503', retryAfter: '1' });
    await lenient.authentication.oAuthAuthorizationGrant();
  });

  it('issue 12 §2: POST is not retried without an idempotency key; with one it is, the same Idempotency-Key on every attempt', async () => {
    await fault({ kind: '503', retryAfterMs: '1' });
    await expect(echo('POST')).rejects.toMatchObject({ status: 503 });
    expect((await hits('/echo')).map((e) => `${e.method} ${e.status}`)).toEqual(['POST 503']);

    await control('/__control/reset', {});
    await fault({ kind: '503', count: 2, retryAfterMs: '1' });
    const result = await echo('POST', { idempotencyKey: 'key-123' });
    expect(result.method).toBe('POST');
    const log = await hits('/echo');
    expect(log.map((e) => `${e.method} ${e.status} ${e.idempotencyKey}`)).toEqual([
      'POST 503 key-123',
      'POST 503 key-123',
      'POST 200 key-123',
    ]);

    // PATCH likewise; PUT and DELETE are idempotent and retried without a key (none is sent)
    await control('/__control/reset', {});
    await fault({ kind: '502', retryAfterMs: '1' });
    await expect(echo('PATCH')).rejects.toMatchObject({ status: 502 });
    for (const method of ['PUT', 'DELETE', 'GET']) {
      await fault({ kind: '502', retryAfterMs: '1' });
      await echo(method);
    }
    expect((await hits('/echo')).map((e) => `${e.method} ${e.status} ${e.idempotencyKey ?? '-'}`)).toEqual([
      'PATCH 502 -',
      'PUT 502 -',
      'PUT 200 -',
      'DELETE 502 -',
      'DELETE 200 -',
      'GET 502 -',
      'GET 200 -',
    ]);
  });

  it('issue 12 §2: maxRetries on the client and per call (0 turns retries off)', async () => {
    const c = await signedIn({ maxRetries: 1 });
    await fault({ kind: '503', count: 5, retryAfterMs: '1' });
    await expect(c.authentication.oAuthAuthorizationGrant()).rejects.toMatchObject({ status: 503 });
    expect(await hits(USER_PATH)).toHaveLength(2);
    await control('/__control/reset', {});
    const d = await signedIn({ maxRetries: 1 });
    await fault({ kind: '503', count: 5, retryAfterMs: '1' });
    await expect(d.authentication.oAuthAuthorizationGrant({ maxRetries: 0 })).rejects.toMatchObject({ status: 503 });
    expect(await hits(USER_PATH)).toHaveLength(1);
    await expect(d.authentication.oAuthAuthorizationGrant({ maxRetries: 3 })).rejects.toMatchObject({ status: 503 });
    expect(await hits(USER_PATH)).toHaveLength(5);
  });

  it('issue 12 §2: a cancelled call stops waiting at once (AbortSignal during a Retry-After wait)', async () => {
    const c = await signedIn();
    await fault({ kind: '429', retryAfter: '30' });
    const controller = new AbortController();
    const started = Date.now();
    const call = c.authentication.oAuthAuthorizationGrant({ signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((r) => setTimeout(r, 300));
    controller.abort();
    const error = await call;
    expect(error).toBeInstanceOf(AbortError);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await hits(USER_PATH)).toHaveLength(1);
  });

  it('issue 12 §2: timeouts and connection errors are retried (GET); a refused connection ends as NetworkError after 1 + maxRetries attempts', async () => {
    const c = await signedIn({ timeout: 400 });
    await fault({ kind: 'slow', delayMs: 2000 });
    await c.authentication.oAuthAuthorizationGrant();
    expect((await hits(USER_PATH)).map((e) => e.fault)).toEqual(['slow', null]);

    let attempts = 0;
    const refused = new MultiauthsampleClient({
      baseUrls: { default: 'http://127.0.0.1:9' },
      maxRetries: 2,
      fetch: (input, init) => {
        attempts++;
        return fetch(input, init);
      },
    });
    const run = await elapsed(() => refused.authentication.noAuth({ array: true }));
    expect(run.value).toBeInstanceOf(NetworkError);
    expect(attempts).toBe(3);
  });

  it('issue 12 §2: token requests are never retried (a 503 at the token endpoint fails the refresh at once)', async () => {
    const c = client({ oAuthROPCGCredentials: ROPCG });
    const token = await c.oAuthROPCG.fetchToken();
    await c.oAuthROPCG.setToken({ ...token, expiry: Math.floor(Date.now() / 1000) - 10 });
    await control('/__control/fault', { target: 'token', kind: '503', count: 3, retryAfterMs: '1' });
    await expect(c.authentication.oAuthAuthorizationGrant()).rejects.toMatchObject({ status: 503 });
    const log = await serverLog();
    expect(log.filter((e) => e.grantType !== null).map((e) => `${e.grantType} ${e.status}`)).toEqual([
      'password 200',
      'refresh_token 503',
    ]);
    expect(log.filter((e) => e.path === USER_PATH)).toHaveLength(0);
    await expect(c.oAuthROPCG.fetchToken()).rejects.toMatchObject({ status: 503 });
    expect((await serverLog()).filter((e) => e.grantType !== null)).toHaveLength(3);
  });

  it('issue 12 §2: the refresh-once-on-401 rule does not use up retries', async () => {
    const c = await signedIn({ maxRetries: 1 });
    await fault({ kind: '401' });
    await fault({ kind: '503', retryAfterMs: '1' });
    await c.authentication.oAuthAuthorizationGrant();
    const log = await serverLog();
    expect(log.map((e) => (e.grantType ? e.grantType : `${e.path} ${e.status}`))).toEqual([
      'password',
      `${USER_PATH} 401`,
      'refresh_token',
      `${USER_PATH} 503`,
      `${USER_PATH} 200`,
    ]);
  });

  it('issue 12 §2: each retry is logged (attempt number, wait), redacted', async () => {
    const logger = memoryLogger();
    const c = await signedIn({ logger });
    await fault({ kind: '503', count: 2, retryAfterMs: '5' });
    await c.authentication.oAuthAuthorizationGrant();
    const retries = logger.lines.filter((l) => l.includes('retrying the request'));
    expect(retries).toHaveLength(2);
    expect(retries[0]).toContain('"attempt":2');
    expect(retries[1]).toContain('"attempt":3');
    expect(retries[0]).toContain('"waitMs":5');
    const token = c.oAuthROPCG.token!;
    for (const line of logger.lines) {
      expect(line).not.toContain(token.accessToken);
      expect(line).not.toContain('alice-password');
      expect(line).not.toContain('ropcg-secret');
    }
  });

  it('issue 12 §2: Retry-After parsing (unit): seconds, HTTP-date, retry-after-ms first, junk ignored', () => {
    const now = Date.parse('Fri, 04 Dec 2026 08:00:00 GMT');
    const h = (init: Record<string, string>) => new Headers(init);
    expect(retryAfterMs(h({ 'retry-after': '3' }), now)).toBe(3000);
    expect(retryAfterMs(h({ 'retry-after': 'Fri, 04 Dec 2026 08:00:05 GMT' }), now)).toBe(5000);
    expect(retryAfterMs(h({ 'retry-after': 'Fri, 04 Dec 2026 07:59:00 GMT' }), now)).toBe(0);
    expect(retryAfterMs(h({ 'retry-after-ms': '250.5', 'retry-after': '9' }), now)).toBe(251);
    expect(retryAfterMs(h({ 'retry-after': '-1' }), now)).toBeUndefined();
    expect(retryAfterMs(h({ 'retry-after': 'soon' }), now)).toBeUndefined();
    expect(retryAfterMs(h({ 'retry-after': '1.5' }), now)).toBeUndefined();
    expect(retryAfterMs(h({}), now)).toBeUndefined();
  });
});

describe('issue 12 §3 per-call options and raw responses (TypeScript)', () => {
  it('issue 12 §3: a per-call timeout ends the whole call, retry waits included, with TimeoutError', async () => {
    const c = await signedIn();
    await fault({ kind: 'slow', delayMs: 3000 });
    const slow = await elapsed(() => c.authentication.oAuthAuthorizationGrant({ timeout: 400 }));
    expect(slow.value).toBeInstanceOf(TimeoutError);
    expect(slow.ms).toBeLessThan(1500);

    // the first wait (1 s) fits in 1.5 s, the second would pass it: TimeoutError at once
    await control('/__control/reset', {});
    const d = await signedIn();
    await fault({ kind: '503', count: 3, retryAfter: '1' });
    const waits = await elapsed(() => d.authentication.oAuthAuthorizationGrant({ timeout: 1500 }));
    expect(waits.value).toBeInstanceOf(TimeoutError);
    expect(waits.ms).toBeGreaterThanOrEqual(950);
    expect(waits.ms).toBeLessThan(1600);
    expect(await hits(USER_PATH)).toHaveLength(2);

    // a wait cut by the deadline while sleeping (retry-after-ms 800, deadline at 500)
    await fault({ kind: '503', retryAfterMs: '800' });
    const cut = await elapsed(() => d.authentication.oAuthAuthorizationGrant({ timeout: 500 }));
    expect(cut.value).toBeInstanceOf(TimeoutError);
    expect(cut.ms).toBeLessThan(700);
  });

  it('issue 12 §3: per-call headers are sent, but never replace Authorization or other security headers', async () => {
    const result = await echo(
      'GET',
      { headers: { 'X-Trace': 'abc', Authorization: 'Bearer forged', Cookie: 'a=b', 'Idempotency-Key': 'k1' } },
      { bearer: true },
    );
    expect(result.headers['x-trace']).toBe('abc');
    expect(result.headers['authorization']).toBe('Bearer static-bearer-token');
    expect(result.headers['cookie']).toBeUndefined();
    expect(result.headers['idempotency-key']).toBe('k1');
    const [entry] = await hits('/echo');
    expect(entry!.headers!['authorization']).toBe('Bearer static-bearer-token');
  });

  it('issue 12 §3: every operation promise has .withResponse() → { data, response } (one request)', async () => {
    const c = await signedIn();
    const { data, response } = await c.authentication.oAuthAuthorizationGrant().withResponse();
    expect(response).toBeInstanceOf(Response);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/json/);
    expect(data).toMatchObject({});
    const promise = c.authentication.oAuthAuthorizationGrant();
    expect(promise).toBeInstanceOf(Promise);
    const [viaAwait, viaRaw] = await Promise.all([promise, promise.withResponse()]);
    expect(viaAwait).toEqual(viaRaw.data);
    expect(await hits(USER_PATH)).toHaveLength(2);
    // failures reject both ways, with the typed error
    await fault({ kind: '500', count: 3, retryAfterMs: '1' });
    await expect(c.authentication.oAuthAuthorizationGrant().withResponse()).rejects.toBeInstanceOf(ApiError);
    expect(inspect(await c.authentication.oAuthAuthorizationGrant().withResponse())).not.toContain(
      c.oAuthROPCG.token!.accessToken,
    );
  });
});

describe('issue 12 §4 hot path (TypeScript)', () => {
  it('issue 12 §4: a plain call hands fetch no AbortSignal (no per-call signal or timer setup); a signal or per-call timeout does', async () => {
    const signals: Array<AbortSignal | undefined> = [];
    const c = await signedIn({
      fetch: (input, init) => {
        signals.push(init.signal ?? undefined);
        return fetch(input, init);
      },
    });
    signals.length = 0;
    await c.authentication.oAuthAuthorizationGrant();
    await c.authentication.oAuthAuthorizationGrant({ maxRetries: 1, headers: { 'x-a': 'b' } });
    expect(signals).toEqual([undefined, undefined]);
    await c.authentication.oAuthAuthorizationGrant({ signal: new AbortController().signal });
    await c.authentication.oAuthAuthorizationGrant({ timeout: 5000 });
    expect(signals.slice(2).every((s) => s instanceof AbortSignal)).toBe(true);
  });

  it('issue 12 §4: the client timeout still ends a hung request without a signal (short: own timer; long: the shared sweeper)', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const hung = () => new Promise<Response>(() => undefined);
      for (const timeout of [2_000, 60_000]) {
        const c = new MultiauthsampleClient({
          baseUrls: { default: 'http://127.0.0.1:9' },
          timeout,
          maxRetries: 0,
          fetch: hung,
        });
        const call = c.authentication.noAuth({ array: true }).catch((e: unknown) => e);
        await vi.advanceTimersByTimeAsync(timeout - 300);
        let settled = false;
        void call.then(() => (settled = true));
        await vi.advanceTimersByTimeAsync(0);
        expect(settled).toBe(false);
        await vi.advanceTimersByTimeAsync(600);
        const error = await call;
        expect(error).toBeInstanceOf(TimeoutError);
        expect((error as TimeoutError).timeoutMs).toBe(timeout);
      }
    } finally {
      vi.useRealTimers();
    }
  });

  it('issue 12 §4: many calls share the coarse sweeper: hung ones end with TimeoutError on time, answered ones (first, middle, last) resolve and leave no deadline behind', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
    try {
      const answers = new Map<number, (r: Response) => void>();
      let n = 0;
      const fetchStub = () =>
        new Promise<Response>((resolve) => {
          answers.set(n++, resolve);
        });
      const c = new MultiauthsampleClient({
        baseUrls: { default: 'http://127.0.0.1:9' },
        timeout: 30_000,
        maxRetries: 0,
        fetch: fetchStub,
      });
      const calls = Array.from({ length: 5 }, () =>
        c.authentication.noAuth({ array: true }).then(
          (v) => ({ ok: true as const, v }),
          (e: unknown) => ({ ok: false as const, e }),
        ),
      );
      await vi.advanceTimersByTimeAsync(0);
      expect(answers.size).toBe(5);
      const ok = () => new Response('"fine"', { status: 200, headers: { 'content-type': 'application/json' } });
      // answer the first, a middle and the last request; 1 and 3 hang
      let answered: Array<{ ok: boolean }> | undefined;
      void Promise.all([calls[0]!, calls[2]!, calls[4]!]).then((r) => (answered = r));
      for (const i of [0, 2, 4]) answers.get(i)!(ok());
      // body streams settle on real immediates (not faked here)
      for (let i = 0; i < 10; i++) await new Promise((r) => setImmediate(r));
      await vi.advanceTimersByTimeAsync(29_000);
      expect(answered?.map((r) => r.ok)).toEqual([true, true, true]);
      let hungSettled = false;
      void Promise.all([calls[1]!, calls[3]!]).then(() => (hungSettled = true));
      await vi.advanceTimersByTimeAsync(0);
      expect(hungSettled).toBe(false);
      await vi.advanceTimersByTimeAsync(1_500);
      for (const i of [1, 3]) {
        const r = await calls[i]!;
        expect(r.ok).toBe(false);
        expect((r as { e: unknown }).e).toBeInstanceOf(TimeoutError);
      }
      // nothing is left to sweep: the shared interval stopped
      await vi.advanceTimersByTimeAsync(1_000);
      expect(vi.getTimerCount()).toBe(0);
      // a late answer of a timed-out request is harmless
      answers.get(1)!(ok());
      await vi.advanceTimersByTimeAsync(0);
    } finally {
      vi.useRealTimers();
    }
  });

  it('issue 12 §4: the synchronous security path applies exactly what the asynchronous one does, and defers when it cannot tell', async () => {
    const context = {
      http: {
        fetch: () => Promise.reject(new Error('no network')),
        timeoutMs: 1000,
        logger: memoryLogger(),
        maxResponseBytes: 1024,
      },
      serverUrl: () => 'http://127.0.0.1:9',
      allowInsecureHttp: false,
    };
    const flow = {
      schemeName: 'oauth',
      tokenUrl: '/t',
      refreshUrl: null,
      serverName: 'default',
      clientAuth: 'none' as const,
    };
    const now = Math.floor(Date.now() / 1000);
    const valid = new PasswordManager(flow, context, {
      clientId: 'c',
      token: { accessToken: 'valid-token-123456', tokenType: 'Bearer', expiry: now + 3600 },
    });
    const expired = new PasswordManager({ ...flow, schemeName: 'old' }, context, {
      clientId: 'c',
      token: { accessToken: 'old-token-123456', tokenType: 'Bearer', expiry: now - 10, refreshToken: 'r' },
    });
    const none = new PasswordManager({ ...flow, schemeName: 'none' }, context, { clientId: 'c' });
    const schemes: Record<string, AuthScheme> = {
      oauth: new OAuthScheme(valid),
      old: new OAuthScheme(expired),
      none: new OAuthScheme(none),
      bearer: new BearerTokenScheme('bearer', 'static-bearer-token'),
      emptyBearer: new BearerTokenScheme('emptyBearer', undefined),
      basic: new BasicScheme('basic', 'u', 'p'),
      key: new ApiKeyScheme('key', 'query', 'api-key', 'k-value'),
      cookieKey: new ApiKeyScheme('cookieKey', 'cookie', 'sid', 'c-value'),
    };
    const fresh = (): AuthTarget => ({ headers: {}, query: [], cookies: [], oauth: [] });
    const strip = (t: AuthTarget) => ({ ...t, oauth: t.oauth.map((o) => o.accessToken) });
    const cases: Array<{ req: string[][]; sync: boolean }> = [
      { req: [['oauth']], sync: true },
      { req: [['none'], ['oauth']], sync: true },
      { req: [['emptyBearer'], ['basic', 'key', 'cookieKey']], sync: true },
      { req: [['bearer']], sync: true },
      { req: [['old']], sync: false }, // needs a refresh
      { req: [['none']], sync: false }, // no usable alternative: the async path raises
      { req: [['missing'], ['bearer']], sync: false }, // unknown scheme: the async path decides
    ];
    for (const { req, sync } of cases) {
      const a = fresh();
      expect(applySecuritySync(req, schemes, a), JSON.stringify(req)).toBe(sync);
      if (!sync) {
        expect(a).toEqual(fresh());
        continue;
      }
      const b = fresh();
      await applySecurity(req, schemes, b);
      expect(strip(a)).toEqual(strip(b));
    }
    // the per-call check agrees with the reason the async path reports, token by token
    const deadNoRefresh = { accessToken: 'dead-token-123456', tokenType: 'Bearer', expiry: now - 10 };
    for (const manager of [valid, expired, none])
      for (const token of [null, valid.token, expired.token, deadNoRefresh])
        expect(manager.isUsable(token), `${manager.schemeName} ${token?.accessToken}`).toBe(
          manager.reasonFor(token) === null,
        );
    expect(none.isUsable(deadNoRefresh)).toBe(false);
    expect(none.isUsable(expired.token)).toBe(true); // a refresh token can renew it
  });
});
