/**
 * Issue 12 §4 (TypeScript): the fused common path of `execute` (a call without per-call options
 * whose credentials are at hand). It must keep every rule of the general path: a response or failure
 * the attempt loop has rules for is handed over to it, configuration errors reject (never throw),
 * redirects stay same-origin, the body cap holds. Also the `APIPromise` that is the call's own
 * promise, and the reused Bearer header value of an unchanged token.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { APIPromise, apiPromise } from '../../../templates/typescript/static/src/runtime/api-promise.js';
import { OAuthScheme, type AuthScheme } from '../../../templates/typescript/static/src/runtime/auth.js';
import { ApiError, ConfigurationError, NetworkError } from '../../../templates/typescript/static/src/runtime/errors.js';
import type { FetchLike } from '../../../templates/typescript/static/src/runtime/http.js';
import { PasswordManager } from '../../../templates/typescript/static/src/runtime/oauth.js';
import {
  execute,
  type ClientCore,
  type OperationRequest,
} from '../../../templates/typescript/static/src/runtime/request.js';
import { fakeFetch, json, memoryLogger } from './fake-fetch.js';

const ORIGIN = 'http://127.0.0.1:9';
const now = Math.floor(Date.now() / 1000);
const flow = {
  schemeName: 'oauth',
  tokenUrl: '/t',
  refreshUrl: null,
  serverName: 'default',
  clientAuth: 'none' as const,
};

function core(fetch: FetchLike, schemes: Record<string, AuthScheme> = {}, origins = [ORIGIN]): ClientCore {
  return {
    http: {
      fetch,
      timeoutMs: 5_000,
      logger: memoryLogger(),
      maxResponseBytes: 1024,
      maxRetries: 2,
      maxRetryWaitMs: 1_000,
    },
    serverUrl: () => ORIGIN,
    schemes,
    credentialOrigins: new Set(origins),
  };
}

function op(overrides: Partial<OperationRequest> = {}): OperationRequest {
  return {
    method: 'GET',
    server: 'default',
    path: '/user',
    security: [],
    accept: 'application/json',
    responseType: 'json',
    ...overrides,
  };
}

/** A core with an OAuth scheme holding a valid token (the synchronous security path applies). */
function signedIn(fetch: FetchLike, accessToken = 'token-aaaa-123456', refreshToken?: string) {
  const context = { http: core(fetch).http, serverUrl: () => ORIGIN, allowInsecureHttp: false };
  const manager = new PasswordManager(flow, context, {
    clientId: 'c',
    token: { accessToken, tokenType: 'Bearer', expiry: now + 3600, ...(refreshToken ? { refreshToken } : {}) },
  });
  const scheme = new OAuthScheme(manager);
  return { core: core(fetch, { oauth: scheme }), manager, scheme };
}

describe('issue 12 §4 fused common path (TypeScript)', () => {
  it('a retryable status on the first request is handed to the attempt loop: retried, then the data', async () => {
    let n = 0;
    const { fetch, requests } = fakeFetch(() =>
      ++n === 1 ? json(503, {}, { 'retry-after-ms': '1' }) : json(200, { n }),
    );
    await expect(execute(core(fetch), op())).resolves.toEqual({ n: 2 });
    expect(requests).toHaveLength(2);
  });

  it('a transport failure of the first request is retried (GET) and ends as NetworkError once retries run out', async () => {
    let n = 0;
    const { fetch, requests } = fakeFetch(() => {
      if (++n === 1) throw new TypeError('fetch failed');
      return json(200, { ok: true });
    });
    await expect(execute(core(fetch), op())).resolves.toEqual({ ok: true });
    expect(requests).toHaveLength(2);

    const down = fakeFetch(() => {
      throw new TypeError('fetch failed');
    });
    const c = core(down.fetch);
    c.http.maxRetries = 0;
    await expect(execute(c, op())).rejects.toBeInstanceOf(NetworkError);
    expect(down.requests).toHaveLength(1);
  });

  it('non-retryable errors end at once with the typed error (404, invalid JSON), one request each', async () => {
    const notFound = fakeFetch(() => json(404, { error: 'nope' }));
    const error = await execute(core(notFound.fetch), op()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(404);
    expect(notFound.requests).toHaveLength(1);
    const junk = fakeFetch(() => new Response('{not json', { status: 200 }));
    await expect(execute(core(junk.fetch), op())).rejects.toThrow(/not valid JSON/);
    expect(junk.requests).toHaveLength(1);
  });

  it('a 401 invalid_token is handed over: the token is refreshed once and the call retried with the new one', async () => {
    const { fetch, requests } = fakeFetch((req) => {
      if (req.url.pathname === '/t')
        return json(200, { access_token: 'token-bbbb-654321', token_type: 'Bearer', expires_in: 3600 });
      if (req.headers['authorization'] === 'Bearer token-aaaa-123456')
        return json(401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' });
      return json(200, { user: 'alice' });
    });
    const { core: c } = signedIn(fetch, 'token-aaaa-123456', 'refresh-1');
    await expect(execute(c, op({ security: [['oauth']] }))).resolves.toEqual({ user: 'alice' });
    expect(requests.map((r) => `${r.url.pathname} ${r.headers['authorization'] ?? ''}`)).toEqual([
      '/user Bearer token-aaaa-123456',
      '/t ',
      '/user Bearer token-bbbb-654321',
    ]);
  });

  it('a credential destination error rejects the returned promise (nothing is thrown synchronously, nothing sent)', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    const { core: c } = signedIn(fetch);
    const elsewhere = { ...c, credentialOrigins: new Set(['https://api.example.com']) };
    let promise: Promise<unknown> | undefined;
    expect(() => {
      promise = execute(elsewhere, op({ security: [['oauth']] }));
    }).not.toThrow();
    await expect(promise).rejects.toBeInstanceOf(ConfigurationError);
    expect(requests).toHaveLength(0);
  });

  it('redirects: same-origin ones are followed, a cross-origin one is not (its 3xx ends the call)', async () => {
    const { fetch, requests } = fakeFetch((req) => {
      if (req.url.pathname === '/user') return new Response(null, { status: 302, headers: { location: '/moved' } });
      if (req.url.pathname === '/moved')
        return new Response(null, { status: 302, headers: { location: 'https://evil.example/x' } });
      return json(200, { wrong: true });
    });
    const { core: c } = signedIn(fetch);
    const error = await execute(c, op({ security: [['oauth']] })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(302);
    expect(requests.map((r) => r.url.href)).toEqual([`${ORIGIN}/user`, `${ORIGIN}/moved`]);
  });

  it('the body cap holds on the fast path, with and without a declared length; an empty 204 is undefined', async () => {
    const big = 'x'.repeat(2048);
    const declared = fakeFetch(
      () => new Response(big, { status: 200, headers: { 'content-length': String(big.length) } }),
    );
    await expect(execute(core(declared.fetch), op({ responseType: 'text' }))).rejects.toThrow(/larger than 1024 bytes/);
    const streamed = fakeFetch(
      () =>
        new Response(
          new ReadableStream({
            start(controller) {
              for (let i = 0; i < 4; i++) controller.enqueue(new TextEncoder().encode(big));
              controller.close();
            },
          }),
          { status: 200 },
        ),
    );
    await expect(execute(core(streamed.fetch), op({ responseType: 'text' }))).rejects.toThrow(/larger than 1024 bytes/);
    const empty = fakeFetch(() => new Response(null, { status: 204 }));
    await expect(execute(core(empty.fetch), op())).resolves.toBeUndefined();
  });

  it('reads a body in one chunk or many: UTF-8 split across chunks, a BOM, and exactly the cap', async () => {
    const bodyOf = (chunks: Uint8Array[]) =>
      fakeFetch(
        () =>
          new Response(
            new ReadableStream<Uint8Array>({
              start(controller) {
                for (const c of chunks) controller.enqueue(c);
                controller.close();
              },
            }),
            { status: 200 },
          ),
      );
    const bytes = new TextEncoder().encode(JSON.stringify({ name: 'Zoë 🎉 naïve' }));
    // one chunk (decoded whole) and one byte per chunk (every multi-byte character split)
    const whole = bodyOf([bytes]);
    await expect(execute(core(whole.fetch), op())).resolves.toEqual({ name: 'Zoë 🎉 naïve' });
    const split = bodyOf([...bytes].map((b) => Uint8Array.of(b)));
    await expect(execute(core(split.fetch), op())).resolves.toEqual({ name: 'Zoë 🎉 naïve' });
    // a UTF-8 byte order mark is not part of the text, in either reading
    const bom = Uint8Array.of(0xef, 0xbb, 0xbf);
    const bomWhole = bodyOf([Uint8Array.from([...bom, ...bytes])]);
    await expect(execute(core(bomWhole.fetch), op())).resolves.toEqual({ name: 'Zoë 🎉 naïve' });
    const bomSplit = bodyOf([bom, bytes]);
    await expect(execute(core(bomSplit.fetch), op())).resolves.toEqual({ name: 'Zoë 🎉 naïve' });
    // exactly the cap (1024 bytes) is read, one byte more is refused, in one chunk or two
    const atCap = new Uint8Array(1024).fill(0x61);
    const oneChunk = bodyOf([atCap]);
    await expect(execute(core(oneChunk.fetch), op({ responseType: 'text' }))).resolves.toBe('a'.repeat(1024));
    const twoChunks = bodyOf([atCap.subarray(0, 512), atCap.subarray(512)]);
    await expect(execute(core(twoChunks.fetch), op({ responseType: 'text' }))).resolves.toBe('a'.repeat(1024));
    const over = bodyOf([atCap, Uint8Array.of(0x61)]);
    await expect(execute(core(over.fetch), op({ responseType: 'text' }))).rejects.toThrow(/larger than 1024 bytes/);
    const overOne = bodyOf([new Uint8Array(1025).fill(0x61)]);
    await expect(execute(core(overOne.fetch), op({ responseType: 'text' }))).rejects.toThrow(/larger than 1024 bytes/);
  });
});

describe('issue 12 §3/§4 APIPromise is the call itself (TypeScript)', () => {
  it('await gives the data, .withResponse() the data and Response, from one request; then() makes plain promises', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { id: 7 }, { 'x-trace': 't-1' }));
    const promise = execute<{ id: number }>(core(fetch), op());
    expect(promise).toBeInstanceOf(APIPromise);
    expect(promise).toBeInstanceOf(Promise);
    const [data, raw] = await Promise.all([promise, promise.withResponse()]);
    expect(data).toEqual({ id: 7 });
    expect(raw.data).toBe(data);
    expect(raw.response.headers.get('x-trace')).toBe('t-1');
    expect(requests).toHaveLength(1);
    const chained = promise.then((d) => d.id);
    expect(chained).not.toBeInstanceOf(APIPromise);
    expect(await chained).toBe(7);
    // the general path (per-call options) gives the same promise kind
    const optioned = execute<{ id: number }>(core(fetch), op(), { maxRetries: 0 });
    expect(optioned).toBeInstanceOf(APIPromise);
    expect((await optioned.withResponse()).response.status).toBe(200);
  });

  it('await adopts an APIPromise directly, in the same job as a native promise (no detour through then)', async () => {
    const order: string[] = [];
    const api = apiPromise<number>((resolve) => resolve(1));
    const native = Promise.resolve(2);
    const a = (async () => {
      await api;
      order.push('api');
    })();
    const b = (async () => {
      await native;
      order.push('native');
    })();
    await Promise.all([a, b]);
    expect(order).toEqual(['api', 'native']);
  });

  it('a failing call observed only through .withResponse() leaves no unhandled rejection', async () => {
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => void unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      const { fetch } = fakeFetch(() => json(404, {}));
      const failed = await execute(core(fetch), op())
        .withResponse()
        .catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(ApiError);
      const optioned = await execute(core(fetch), op(), { maxRetries: 0 })
        .withResponse()
        .catch((e: unknown) => e);
      expect(optioned).toBeInstanceOf(ApiError);
      await new Promise((resolve) => setTimeout(resolve, 20));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
  });
});

describe('issue 12 §4 Bearer header reuse (TypeScript)', () => {
  it('a new token goes out on the next call (the reused header value follows the token), and inspect shows no token', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    const { core: c, manager, scheme } = signedIn(fetch);
    await execute(c, op({ security: [['oauth']] }));
    await execute(c, op({ security: [['oauth']] }));
    await manager.setToken({ accessToken: 'token-cccc-987654', tokenType: 'Bearer', expiry: now + 3600 });
    await execute(c, op({ security: [['oauth']] }));
    expect(requests.map((r) => r.headers['authorization'])).toEqual([
      'Bearer token-aaaa-123456',
      'Bearer token-aaaa-123456',
      'Bearer token-cccc-987654',
    ]);
    const shown = inspect(scheme, { depth: 6, showHidden: true });
    expect(shown).not.toContain('token-cccc-987654');
    expect(shown).not.toContain('token-aaaa-123456');
  });
});
