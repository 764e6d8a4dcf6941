/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument --
   The scenario file and the Go harness's answers are JSON read at run time, so they are untyped here;
   the harness itself is type-checked by the Go compiler. */
/**
 * The shared OAuth scenario list (test/scenarios/oauth-scenarios.json) driven through the generated
 * Go SDK of specs/multiauth-sample.yaml against the real test server (one harness binary, built once,
 * runs every scenario); plus ACG through the real consent page in headless Chromium, 100 goroutines
 * with an expired token, retries against injected 429/503/500 faults, and a scan of every error text,
 * printed value and log line for the known secrets.
 * The scenario clients keep the default retries (2), like the other SDKs' runners.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { go, run } from './helpers.js';
import { startHarness, type Harness, type Json } from './harness.js';
import { REPO } from './helpers.js';

interface Scenario {
  name: string;
  steps: Json[];
  requires?: string[];
}

const file = JSON.parse(await readFile(path.join(REPO, 'test/scenarios/oauth-scenarios.json'), 'utf8')) as {
  fixtures: Json;
  scenarios: Scenario[];
};
const fx = file.fixtures;

let harness: Harness;
let server: TestServer;
const texts: string[] = [];
const logLines: string[] = [];
const seenSecrets = new Set<string>([
  fx.acg.clientSecret,
  fx.ropcg.clientSecret,
  fx.ropcg.password,
  fx.oddClient.clientSecret,
]);
for (const c of [fx.acg, fx.ropcg, fx.oddClient]) {
  const enc = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+');
  seenSecrets.add(Buffer.from(`${enc(c.clientId)}:${enc(c.clientSecret)}`).toString('base64'));
  seenSecrets.add(enc(c.clientSecret));
}
seenSecrets.add(encodeURIComponent(fx.ropcg.password));
const results: { name: string; result: string }[] = [];

beforeAll(async () => {
  [harness, server] = await Promise.all([startHarness(), startTestServer()]);
}, 600_000);

afterAll(async () => {
  await harness?.close();
  await server?.close();
  console.log(['| scenario | Go |', '| --- | --- |', ...results.map((r) => `| ${r.name} | ${r.result} |`)].join('\n'));
});

async function control(pathname: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${pathname}`, {
    method: body === undefined && pathname.endsWith('/log') ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

async function serverLog(): Promise<Json[]> {
  return (await (await control('/__control/log')).json()) as Json[];
}

/** The scenario list names Python's exceptions; the Go SDK's error types map 1:1. */
const goErrorName = (expected: string): string =>
  expected === 'APIException' ? 'APIError' : expected.replace(/Exception$/, 'Error');

class Skip extends Error {}

interface State {
  grant: 'acg' | 'ropcg' | null;
  /** `multiFlow`: the SDK of specs/multi-flow-servers.yaml; else the sample's. */
  sdk: string;
  request: { url: string; state: string; codeVerifier: string } | null;
  callbackUrl: string;
  baseline: number;
  access: string;
}

/** Record an answer: its texts and logs go to the secret scan, its tokens become known secrets. */
function remember(answer: Json): void {
  texts.push(...((answer.texts as string[] | null) ?? []));
  for (const e of [answer.error, ...((answer.errors as Json[] | null) ?? [])])
    if (e) texts.push(...(e.texts as string[]));
  logLines.push(...((answer.logs as string[] | null) ?? []));
  for (const s of [answer.accessToken, answer.refreshToken, answer.codeVerifier]) if (s) seenSecrets.add(s as string);
}

async function sdk(request: Json): Promise<Json> {
  const answer = await harness.call({ serverUrl: server.url, ...request });
  remember(answer);
  return answer;
}

function clientRequest(step: Json): Json {
  const grant = step.grant as 'acg' | 'ropcg';
  const base = grant === 'acg' ? fx.acg : fx.ropcg;
  const fixture = step.fixture ? fx[step.fixture] : base;
  return {
    do: 'client',
    grant,
    clientId: fixture.clientId,
    clientSecret: fixture.clientSecret ?? null,
    clientAuth: step.clientAuth ?? '',
    username: fx.ropcg.username,
    password: step.password ?? fx.ropcg.password,
    redirectUri: `${server.url}${fx.redirectPath}`,
    ...(step.pkce !== undefined ? { pkce: step.pkce } : {}),
    ...(step.issuer !== undefined ? { issuer: step.issuer } : {}),
    ...(step.timeoutSeconds !== undefined ? { timeoutSeconds: step.timeoutSeconds } : {}),
    withToken: Boolean(step.withToken),
    tokenStore: step.tokenStore ?? '',
    // multiFlow: the spec's own server URLs with the port variable set (no base URL override)
    sdk: step.sdk ?? '',
    port: new URL(server.url).port,
  };
}

async function doStep(step: Json, st: State, scenario: Scenario): Promise<Json | null> {
  switch (step.do) {
    case 'settings':
      expect((await control('/__control/settings', step.body)).ok).toBe(true);
      return null;
    case 'fault': {
      const res = await control('/__control/fault', step.body);
      if (!res.ok && scenario.requires) throw new Skip(`server rejected ${JSON.stringify(step.body)}`);
      expect(res.ok).toBe(true);
      return null;
    }
    case 'client':
      st.grant = step.grant;
      st.sdk = step.sdk ?? '';
      return sdk(clientRequest(step));
    case 'authorizationRequest': {
      const a = await sdk({ do: 'authorizationRequest' });
      st.request = { url: a.url, state: a.state, codeVerifier: a.codeVerifier ?? '' };
      return a;
    }
    case 'consent': {
      const res = await fetch(st.request!.url, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          username: step.user,
          password: `${step.user}-password`,
          decision: step.decision,
        }).toString(),
      });
      st.callbackUrl = res.headers.get('location') ?? '';
      expect(st.callbackUrl).toMatch(/^http/);
      const code = new URL(st.callbackUrl).searchParams.get('code');
      if (code) seenSecrets.add(code);
      return null;
    }
    case 'tamperCallback': {
      const u = new URL(st.callbackUrl);
      if (step.state !== undefined) u.searchParams.set('state', step.state);
      if (step.dropState) u.searchParams.delete('state');
      if (step.iss !== undefined) u.searchParams.set('iss', step.iss);
      st.callbackUrl = u.toString();
      return null;
    }
    case 'fetchTokenFromCallback':
      return sdk({
        do: 'fetchTokenFromCallback',
        callbackUrl: st.callbackUrl,
        state: st.request!.state,
        codeVerifier: st.request!.codeVerifier,
      });
    case 'fetchTokenWithCode':
      return sdk({
        do: 'fetchTokenWithCode',
        code: new URL(st.callbackUrl).searchParams.get('code'),
        codeVerifier: st.request!.codeVerifier,
      });
    case 'fetchToken':
    case 'refresh':
    case 'expireToken':
      return sdk({ do: step.do, dropRefreshToken: Boolean(step.dropRefreshToken) });
    case 'callApi':
      return sdk({ do: 'callApi', threads: step.threads ?? 1 });
    case 'callOperations':
      return sdk({ do: 'callOperations' });
    case 'revoke':
      expect((await control('/__control/revoke', {})).ok).toBe(true);
      return null;
    case 'clearLog':
      st.baseline = (await serverLog()).length;
      return null;
    default:
      throw new Error(`unknown step ${String(step.do)}`);
  }
}

async function check(
  step: Json,
  st: State,
  answer: Json | null,
  before: { log: number; access: string; updates: number },
): Promise<void> {
  const ex = step.expect as Json | undefined;
  const error = answer && !answer.ok ? (answer.error as Json) : undefined;
  if (!ex) {
    if (error) throw new Error(`step ${String(step.do)} failed: ${error.type} ${String(error.texts?.[0])}`);
    return;
  }
  const log = await serverLog();
  const since = log.slice(st.baseline);
  const isToken = (e: Json): boolean => Boolean(e.grantType) || /token$/.test(String(e.path));
  if (ex.ok) expect(error, String(error?.texts?.[0])).toBeUndefined();
  if (ex.error) {
    expect(error, `expected ${ex.error}`).toBeDefined();
    expect(error!.type).toBe(goErrorName(ex.error));
  }
  if (ex.errorCode) expect(error?.code).toBe(ex.errorCode);
  if (ex.status !== undefined) {
    if (error) expect(error.status).toBe(ex.status);
    else expect(ex.status).toBe(200);
  }
  const access = (answer?.accessToken as string | undefined) ?? st.access;
  if (ex.tokenKept) expect(access).toBe(before.access);
  if (ex.tokenChanged) expect(access).not.toBe(before.access);
  if (ex.tokenRequests !== undefined) expect(since.filter(isToken).length).toBe(ex.tokenRequests);
  const protectedPath = st.sdk === 'multiFlow' ? fx.multiFlow.protectedOperation.path : fx.protectedOperation.path;
  if (ex.apiRequests !== undefined) expect(since.filter((e) => e.path === protectedPath).length).toBe(ex.apiRequests);
  if (ex.apiPaths)
    expect(
      log
        .slice(before.log)
        .filter((e) => !isToken(e))
        .map((e) => e.path),
    ).toEqual(ex.apiPaths);
  if (ex.updateCallbacks !== undefined) expect(answer?.updates).toBe(ex.updateCallbacks);
  if (ex.urlQuery) {
    const q = new URL(st.request!.url).searchParams;
    for (const [k, v] of Object.entries(ex.urlQuery as Record<string, string>)) {
      expect(q.has(k), k).toBe(true);
      if (v !== '*') expect(q.get(k), k).toBe(v);
    }
  }
  if (ex.urlQueryAbsent) {
    const q = new URL(st.request!.url).searchParams;
    for (const k of ex.urlQueryAbsent as string[]) expect(q.has(k), k).toBe(false);
  }
  if (ex.clientAuth) expect(since.filter(isToken).at(-1)?.clientAuth).toBe(ex.clientAuth);
  if (ex.noNetwork) expect(log.length).toBe(before.log);
}

describe('shared OAuth scenarios (Go SDK, real server)', () => {
  for (const scenario of file.scenarios) {
    it(scenario.name, async (ctx) => {
      expect((await control('/__control/reset', {})).ok).toBe(true);
      const st: State = {
        grant: null,
        sdk: '',
        request: null,
        callbackUrl: '',
        baseline: (await serverLog()).length,
        access: '',
      };
      try {
        let updates = 0;
        for (const step of scenario.steps) {
          const before = { log: (await serverLog()).length, access: st.access, updates };
          const answer = await doStep(step, st, scenario);
          await check(step, st, answer, before);
          if (answer) {
            st.access = (answer.accessToken as string) ?? '';
            updates = answer.updates as number;
          }
        }
        results.push({ name: scenario.name, result: 'pass' });
      } catch (error) {
        if (error instanceof Skip) {
          results.push({ name: scenario.name, result: `skipped (${error.message})` });
          ctx.skip();
          return;
        }
        results.push({ name: scenario.name, result: 'FAIL' });
        throw error;
      }
    });
  }

  it('ACG through the real consent page in headless Chromium', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    await sdk(clientRequest({ grant: 'acg' }));
    const req = await sdk({ do: 'authorizationRequest' });
    const { stdout } = await run(process.execPath, [
      path.join(REPO, 'test/browser/consent.mjs'),
      '--url',
      req.url as string,
      '--username',
      'alice',
      '--password',
      'alice-password',
      '--decision',
      'allow',
    ]);
    const { finalUrl } = JSON.parse(stdout) as { finalUrl: string };
    expect(new URL(finalUrl).searchParams.get('state')).toBe(req.state);
    const token = await sdk({
      do: 'fetchTokenFromCallback',
      callbackUrl: finalUrl,
      state: req.state,
      codeVerifier: req.codeVerifier,
    });
    expect(token.ok, JSON.stringify(token.error)).toBe(true);
    expect(token.accessToken).toEqual(expect.any(String));
    const call = await sdk({ do: 'callApi' });
    expect(call.ok, JSON.stringify(call.error)).toBe(true);
    results.push({ name: 'browser-acg-consent', result: 'pass' });
  }, 120_000);

  it('100 goroutines with an expired token: one token request, one callback, 100 successes', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    await sdk(clientRequest({ grant: 'ropcg' }));
    expect((await sdk({ do: 'fetchToken' })).ok).toBe(true);
    expect((await sdk({ do: 'expireToken' })).ok).toBe(true);
    const before = (await serverLog()).length;
    const a = await sdk({ do: 'callApi', threads: 100 });
    const log = (await serverLog()).slice(before);
    expect(a.succeeded).toBe(100);
    expect(log.filter((e) => Boolean(e.grantType) || /token$/.test(String(e.path)))).toHaveLength(1);
    expect(log.filter((e) => e.path === fx.protectedOperation.path)).toHaveLength(100);
    expect(a.updates).toBe(2);
    results.push({ name: 'concurrency-100', result: 'pass' });
  });
});

describe('examples (Go SDK, real server)', () => {
  it('examples/password/main.go gets a token and calls the API with the OAUTH_* variables and API_BASE_URL', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    const dir = path.join(REPO, 'generated/multiauth-sample/go');
    const { stdout, stderr } = await go(['run', './examples/password'], dir, 300_000, {
      OAUTH_CLIENT_ID: fx.ropcg.clientId,
      OAUTH_CLIENT_SECRET: fx.ropcg.clientSecret,
      OAUTH_USERNAME: fx.ropcg.username,
      OAUTH_PASSWORD: fx.ropcg.password,
      API_BASE_URL: server.url,
    });
    expect(stdout).toMatch(/^token: Token\{AccessToken: \*\*\*/m);
    expect(stdout).toContain('alice');
    texts.push(stdout, stderr);
    const log = await serverLog();
    expect(log.filter((e) => e.grantType === 'password' && e.status === 200)).toHaveLength(1);
    expect(log.filter((e) => e.path === fx.protectedOperation.path && e.status === 200)).toHaveLength(1);
  }, 300_000);
});

describe('retries (Go SDK, real server)', () => {
  const echo = async (fault: Json | null, request: Json): Promise<{ answer: Json; hits: Json[] }> => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    if (fault) expect((await control('/__control/fault', { target: 'api', ...fault })).ok).toBe(true);
    const answer = await sdk({ do: 'raw', path: '/echo', method: 'GET', clientMaxRetries: 0, ...request });
    const hits = (await serverLog()).filter((e) => e.path === '/echo' || e.path === fx.protectedOperation.path);
    return { answer, hits };
  };

  it('GET: 503 with Retry-After: 0 twice, then success (3 requests)', async () => {
    const { answer, hits } = await echo({ kind: '503', count: 2, retryAfter: '0' }, {});
    expect(answer.ok, JSON.stringify(answer.error)).toBe(true);
    expect(hits.map((h) => h.status)).toEqual([503, 503, 200]);
  });

  it('GET: 429 with Retry-After as an HTTP date and retry-after-ms are honoured', async () => {
    // an HTTP date has whole seconds: 2 s ahead is at least 1 s ahead once truncated
    let r = await echo({ kind: '429', count: 1, retryAfterDateIn: 2 }, {});
    expect(r.answer.ok).toBe(true);
    expect(r.hits).toHaveLength(2);
    expect(r.answer.elapsedMs).toBeGreaterThanOrEqual(900);
    r = await echo({ kind: '429', count: 1, retryAfterMs: '50' }, {});
    expect(r.answer.ok).toBe(true);
    expect(r.hits).toHaveLength(2);
  });

  it('500 without Retry-After: backoff, and retries used up → the 500 (1 + max retries requests)', async () => {
    const { answer, hits } = await echo({ kind: '500', count: 5 }, { maxRetries: 1 });
    expect(answer.error.type).toBe('APIError');
    expect(answer.error.status).toBe(500);
    expect(hits).toHaveLength(2);
    expect(answer.elapsedMs).toBeGreaterThanOrEqual(300);
  });

  it('POST is not retried without an idempotency key; with one, the same key goes on every attempt', async () => {
    let r = await echo({ kind: '503', count: 2, retryAfter: '0' }, { method: 'POST' });
    expect(r.answer.error.status).toBe(503);
    expect(r.hits).toHaveLength(1);
    r = await echo({ kind: '503', count: 2, retryAfter: '0' }, { method: 'POST', idempotencyKey: 'key-123' });
    expect(r.answer.ok, JSON.stringify(r.answer.error)).toBe(true);
    expect(r.hits.map((h) => h.idempotencyKey)).toEqual(['key-123', 'key-123', 'key-123']);
  });

  it('a Retry-After over the cap is not waited for: the 429 comes back at once with its header', async () => {
    const { answer, hits } = await echo({ kind: '429', count: 1, retryAfter: '120' }, {});
    expect(answer.error.type).toBe('APIError');
    expect(answer.error.status).toBe(429);
    expect(answer.error.retryAfter).toBe('120');
    expect(hits).toHaveLength(1);
    expect(answer.elapsedMs).toBeLessThan(2000);
  });

  it('a cancelled call stops waiting at once; a per-call timeout ends the call and its waits', async () => {
    let r = await echo({ kind: '503', count: 3, retryAfter: '5' }, { cancelAfterMs: 200 });
    expect(r.answer.error.type).toBe('Canceled');
    expect(r.answer.elapsedMs).toBeLessThan(1500);
    expect(r.hits).toHaveLength(1);
    r = await echo({ kind: '503', count: 3, retryAfter: '5' }, { callTimeoutMs: 300 });
    expect(r.answer.error.type).toBe('TimeoutError');
    expect(r.answer.elapsedMs).toBeLessThan(1500);
  });

  it('the 401 refresh-once does not use up retries; token requests are never retried', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    await sdk({ ...clientRequest({ grant: 'ropcg' }), clientMaxRetries: 1 });
    expect((await sdk({ do: 'fetchToken' })).ok).toBe(true);
    expect((await control('/__control/revoke', {})).ok).toBe(true);
    expect((await control('/__control/fault', { target: 'api', kind: '503', count: 1, retryAfter: '0' })).ok).toBe(
      true,
    );
    // attempt 1: 503 → retry 1: 401 (revoked) → refresh → 200
    const a = await sdk({ do: 'raw', path: 'protected', clientMaxRetries: 1 });
    expect(a.ok, JSON.stringify(a.error)).toBe(true);
    const log = await serverLog();
    expect(log.filter((e) => e.path === fx.protectedOperation.path).map((e) => e.status)).toEqual([503, 401, 200]);
    expect((await control('/__control/fault', { target: 'token', kind: '503', count: 3, retryAfter: '0' })).ok).toBe(
      true,
    );
    const before = (await serverLog()).length;
    const r = await sdk({ do: 'refresh' });
    expect(r.error.type).toBe('OAuthProviderError');
    expect((await serverLog()).slice(before)).toHaveLength(1);
  });
});

describe('secrets (Go SDK)', () => {
  it('no secret appears in any error text, printed client/manager/token, or log line', () => {
    const haystack = [...texts, ...logLines];
    expect(logLines.some((l) => l.includes('OAuth token request'))).toBe(true);
    expect(logLines.some((l) => l.includes('refreshing OAuth token'))).toBe(true);
    expect(logLines.some((l) => l.includes('retrying once with a refreshed token'))).toBe(true);
    expect(logLines.some((l) => l.includes('retrying request'))).toBe(true);
    expect(haystack.length).toBeGreaterThan(100);
    expect(seenSecrets.size).toBeGreaterThan(30);
    for (const secret of seenSecrets) {
      if (!secret || secret.length < 8) continue;
      for (const text of haystack)
        expect(text.includes(secret), `leak of …${secret.slice(-4)} in ${text.slice(0, 120)}`).toBe(false);
    }
    results.push({ name: 'secret-scan', result: 'pass' });
  });
});
