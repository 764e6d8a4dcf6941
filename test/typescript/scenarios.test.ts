/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   The SDK under test is generated at run time and loaded by dynamic import, so it is untyped here;
   its types are checked by package.test.ts (strict tsc + every doc snippet). */
/**
 * The shared OAuth scenario list (test/scenarios/oauth-scenarios.json) driven through the built,
 * packed and installed TypeScript SDK of specs/multiauth-sample.yaml against the real test server;
 * plus ACG through the real consent page in headless Chromium, 50 concurrent calls with an expired
 * token, and a scan of every error, inspect() and log line for the known secrets.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { consumerProject, generateBuildPack, REPO, run, tempDir } from './helpers.js';

type Sdk = Record<string, any>;
type Json = Record<string, any>;

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

let sdk: Sdk;
/** The SDK of specs/multi-flow-servers.yaml (client steps with `sdk: multiFlow`). */
let mfSdk: Sdk;
let server: TestServer;
const logLines: string[] = [];
const seenTexts: string[] = [];
const seenSecrets = new Set<string>([
  fx.acg.clientSecret,
  fx.ropcg.clientSecret,
  fx.ropcg.password,
  fx.oddClient.clientSecret,
]);
// What a leak could look like besides the raw values: the Basic header of each client (RFC 6749
// §2.3.1 form-encoding, then base64) and the form-encoded secrets of a token request body.
for (const c of [fx.acg, fx.ropcg, fx.oddClient]) {
  const enc = (v: string): string => encodeURIComponent(v).replace(/%20/g, '+');
  seenSecrets.add(Buffer.from(`${enc(c.clientId)}:${enc(c.clientSecret)}`).toString('base64'));
  seenSecrets.add(enc(c.clientSecret));
}
seenSecrets.add(encodeURIComponent(fx.ropcg.password));
const results: { name: string; result: string }[] = [];
/** Per scenario: SDK log lines written and server requests made (every networked scenario must log). */
const logCoverage: { name: string; sdkLines: number; serverRequests: number }[] = [];

const logger = Object.fromEntries(
  ['debug', 'info', 'warn', 'error'].map((level) => [
    level,
    (message: string, meta?: unknown) => logLines.push(`${level} ${message} ${JSON.stringify(meta ?? {})}`),
  ]),
);

beforeAll(async () => {
  const root = await tempDir('ts-scenarios-');
  const built = await generateBuildPack(path.join(REPO, 'specs/multiauth-sample.yaml'), root);
  const mfBuilt = await generateBuildPack(path.join(REPO, 'specs/multi-flow-servers.yaml'), root);
  const consumer = await consumerProject(root, [built, mfBuilt]);
  const entry = path.join(consumer, 'entry.mjs');
  await writeFile(entry, `export * from ${JSON.stringify(built.packageName)};\n`);
  sdk = (await import(pathToFileURL(entry).href)) as Sdk;
  const mfEntry = path.join(consumer, 'entry-multi-flow.mjs');
  await writeFile(mfEntry, `export * from ${JSON.stringify(mfBuilt.packageName)};\n`);
  mfSdk = (await import(pathToFileURL(mfEntry).href)) as Sdk;
  server = await startTestServer();
}, 600_000);

afterAll(async () => {
  await server?.close();
  console.log(
    ['| scenario | TypeScript |', '| --- | --- |', ...results.map((r) => `| ${r.name} | ${r.result} |`)].join('\n'),
  );
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

const errorName = (expected: string): string =>
  expected === 'APIException' ? 'ApiError' : expected.replace(/Exception$/, 'Error');

class Skip extends Error {}

/**
 * Scenarios whose data cannot pass against the server as it is, with the reason (reported to the
 * scenario owner; `it.fails` flags the day they start passing).
 */
const KNOWN_SCENARIO_ISSUES: Record<string, string> = {};

interface State {
  /** `sample` (specs/multiauth-sample.yaml) or `multiFlow` (specs/multi-flow-servers.yaml). */
  sdk?: string;
  client: Sdk | null;
  manager: Sdk | null;
  previousToken: Json | null;
  request: { url: string; state: string; codeVerifier: string | null } | null;
  callbackUrl: string;
  updates: number;
  baseline: number;
}

/** The operation `callApi` calls for the client's SDK. */
const protectedOperation = (st: State): Json =>
  st.sdk === 'multiFlow' ? fx.multiFlow.protectedOperation : fx.protectedOperation;

/** `getProfile` → `getProfile`, `Profile` → `profile` (the SDK's member names). */
const camel = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

function callOperation(st: State, op: Json): Promise<unknown> {
  if (st.sdk !== 'multiFlow') return st.client!.authentication.oAuthAuthorizationGrant();
  return st.client![camel(op.tag)][camel(op.operationId)]();
}

function buildClient(step: Json, st: State): void {
  const grant = step.grant as 'acg' | 'ropcg';
  st.sdk = step.sdk ?? 'sample';
  const base = grant === 'acg' ? fx.acg : fx.ropcg;
  const fixture = step.fixture ? fx[step.fixture] : base;
  const onUpdate = (token: Json): void => {
    st.updates++;
    seenSecrets.add(token.accessToken);
    if (token.refreshToken) seenSecrets.add(token.refreshToken);
  };
  const common: Json = {
    oAuthClientId: fixture.clientId,
    oAuthOnTokenUpdate: onUpdate,
    ...(fixture.clientSecret !== undefined ? { oAuthClientSecret: fixture.clientSecret } : {}),
    ...(step.clientAuth ? { oAuthClientAuth: step.clientAuth } : {}),
    ...(step.clockSkew !== undefined ? { oAuthClockSkew: step.clockSkew } : {}),
    ...(step.withToken && st.manager?.token ? { oAuthToken: st.manager.token } : {}),
  };
  const options: Json = {
    baseUrls: { default: server.url, auth: `${server.url}/oauth2/auth-server` },
    logger,
    ...(step.timeoutSeconds !== undefined ? { timeout: step.timeoutSeconds * 1000 } : {}),
  };
  if (st.sdk === 'multiFlow') {
    // spec URLs with the port variable set (no base URL override): each operation's own server
    const mf: Json = { port: new URL(server.url).port, logger };
    if (grant === 'acg') {
      mf.oauth2AuthorizationCodeCredentials = {
        ...common,
        oAuthRedirectUri: `${server.url}${fx.redirectPath}`,
        oAuthScopes: [mfSdk.OAuthScopeOauth2AuthorizationCodeEnum.FileRequestsRead],
      };
    } else {
      mf.oauth2PasswordCredentials = {
        ...common,
        oAuthUsername: fx.ropcg.username,
        oAuthPassword: step.password ?? fx.ropcg.password,
      };
    }
    st.client = new mfSdk.MultiflowserversClient(mf);
    // one manager per flow of the scheme `oauth2`
    st.manager = grant === 'acg' ? st.client!.oauth2AuthorizationCode : st.client!.oauth2Password;
    return;
  }
  if (grant === 'acg') {
    options.oAuthACGCredentials = {
      ...common,
      oAuthRedirectUri: `${server.url}${fx.redirectPath}`,
      oAuthScopes: [sdk.OAuthScopeOAuthACGEnum.ReadScope],
      ...(step.pkce !== undefined ? { oAuthPkce: step.pkce } : {}),
      ...(step.issuer !== undefined ? { oAuthIssuer: step.issuer } : {}),
    };
  } else {
    options.oAuthROPCGCredentials = {
      ...common,
      oAuthUsername: fx.ropcg.username,
      oAuthPassword: step.password ?? fx.ropcg.password,
    };
  }
  st.client = new sdk.MultiauthsampleClient(options);
  st.manager = grant === 'acg' ? st.client!.oAuthACG : st.client!.oAuthROPCG;
}

async function doStep(step: Json, st: State, scenario: Scenario): Promise<unknown> {
  const m = st.manager!;
  switch (step.do) {
    case 'settings':
      expect((await control('/__control/settings', step.body)).ok).toBe(true);
      return;
    case 'fault': {
      const res = await control('/__control/fault', step.body);
      if (!res.ok && scenario.requires) throw new Skip(`server rejected ${JSON.stringify(step.body)}`);
      expect(res.ok).toBe(true);
      return;
    }
    case 'client':
      buildClient(step, st);
      return;
    case 'authorizationRequest':
      st.request = m.authorizationRequest();
      if (st.request!.codeVerifier) seenSecrets.add(st.request!.codeVerifier);
      return;
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
      return;
    }
    case 'tamperCallback': {
      const u = new URL(st.callbackUrl);
      if (step.state !== undefined) u.searchParams.set('state', step.state);
      if (step.dropState) u.searchParams.delete('state');
      if (step.iss !== undefined) u.searchParams.set('iss', step.iss);
      st.callbackUrl = u.toString();
      return;
    }
    case 'fetchTokenFromCallback':
      return m.fetchTokenFromCallback(st.callbackUrl, st.request!.state, st.request!.codeVerifier);
    case 'fetchTokenWithCode':
      return m.fetchToken(new URL(st.callbackUrl).searchParams.get('code'), { codeVerifier: st.request!.codeVerifier });
    case 'fetchToken':
      return m.fetchToken();
    case 'refresh':
      return m.refreshToken();
    case 'expireToken': {
      const t = { ...m.token, expiry: Math.floor(Date.now() / 1000) - 1000 };
      if (step.dropRefreshToken) delete t.refreshToken;
      await m.setToken(t);
      return;
    }
    case 'callApi': {
      const n = step.threads ?? 1;
      const calls = Array.from({ length: n }, () => callOperation(st, protectedOperation(st)));
      return n === 1 ? calls[0] : Promise.all(calls);
    }
    case 'callOperations': {
      const out: unknown[] = [];
      for (const op of fx.multiFlow.operations as Json[]) out.push(await callOperation(st, op));
      return out;
    }
    case 'revoke':
      expect((await control('/__control/revoke', {})).ok).toBe(true);
      return;
    case 'clearLog':
      st.baseline = (await serverLog()).length;
      return;
    default:
      throw new Error(`unknown step ${String(step.do)}`);
  }
}

async function check(
  step: Json,
  st: State,
  outcome: { value?: unknown; error?: Json },
  logBefore: number,
): Promise<void> {
  const ex = step.expect as Json | undefined;
  if (!ex) {
    if (outcome.error) throw outcome.error as Error;
    return;
  }
  const log = await serverLog();
  const since = log.slice(st.baseline);
  const isToken = (e: Json): boolean => Boolean(e.grantType) || /token$/.test(String(e.path));
  if (ex.ok) expect(outcome.error, String(outcome.error?.message)).toBeUndefined();
  if (ex.error) {
    expect(outcome.error, `expected ${ex.error}`).toBeDefined();
    expect(outcome.error!.name).toBe(errorName(ex.error));
    expect(outcome.error).toBeInstanceOf((st.sdk === 'multiFlow' ? mfSdk : sdk).SdkError);
  }
  if (ex.errorCode) expect(outcome.error?.error).toBe(ex.errorCode);
  if (ex.status !== undefined) {
    if (outcome.error) expect(outcome.error.status).toBe(ex.status);
    else expect(ex.status).toBe(200); // a call that returned normally got a 2xx
  }
  if (ex.tokenKept) expect(st.manager!.token?.accessToken).toBe(st.previousToken?.accessToken);
  if (ex.tokenChanged) expect(st.manager!.token?.accessToken).not.toBe(st.previousToken?.accessToken);
  if (ex.tokenRequests !== undefined) expect(since.filter(isToken).length).toBe(ex.tokenRequests);
  if (ex.apiRequests !== undefined) {
    expect(since.filter((e) => e.path === protectedOperation(st).path).length).toBe(ex.apiRequests);
  }
  if (ex.updateCallbacks !== undefined) expect(st.updates).toBe(ex.updateCallbacks);
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
  if (ex.noNetwork) expect(log.length).toBe(logBefore);
  if (ex.apiPaths)
    expect(
      log
        .slice(logBefore)
        .filter((e) => !isToken(e))
        .map((e) => e.path),
    ).toEqual(ex.apiPaths);
}

function remember(error: Json): void {
  seenTexts.push(String(error.message), inspect(error, { depth: 10 }), JSON.stringify(error));
}

describe('shared OAuth scenarios (TypeScript SDK, real server)', () => {
  for (const scenario of file.scenarios) {
    const known = KNOWN_SCENARIO_ISSUES[scenario.name];
    (known ? it.fails : it)(scenario.name, async (ctx) => {
      expect((await control('/__control/reset', {})).ok).toBe(true);
      const st: State = {
        client: null,
        manager: null,
        previousToken: null,
        request: null,
        callbackUrl: '',
        updates: 0,
        baseline: (await serverLog()).length,
      };
      const linesBefore = logLines.length;
      const requestsBefore = st.baseline;
      try {
        for (const step of scenario.steps) {
          st.previousToken = st.manager?.token ?? null;
          const logBefore = (await serverLog()).length;
          const outcome: { value?: unknown; error?: Json } = {};
          try {
            outcome.value = await doStep(step, st, scenario);
          } catch (error) {
            if (error instanceof Skip) throw error;
            outcome.error = error as Json;
            remember(outcome.error);
          }
          await check(step, st, outcome, logBefore);
          const held = st.manager?.token as Json | null | undefined;
          if (held?.accessToken) seenSecrets.add(held.accessToken);
          if (held?.refreshToken) seenSecrets.add(held.refreshToken);
        }
        logCoverage.push({
          name: scenario.name,
          sdkLines: logLines.length - linesBefore,
          // requests the SDK made (the consent page is driven by the test itself)
          serverRequests: (await serverLog())
            .slice(requestsBefore)
            .filter((e) => !String(e.path).startsWith('/oauth/authorize')).length,
        });
        if (st.client) seenTexts.push(inspect(st.client, { depth: 10 }), JSON.stringify(st.client));
        results.push({ name: scenario.name, result: 'pass' });
      } catch (error) {
        if (error instanceof Skip) {
          results.push({ name: scenario.name, result: `skipped (${error.message})` });
          ctx.skip();
          return;
        }
        results.push({ name: scenario.name, result: known ? `known issue: ${known}` : 'FAIL' });
        throw error;
      }
    });
  }

  it('ACG through the real consent page in headless Chromium', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    const st: State = {
      client: null,
      manager: null,
      previousToken: null,
      request: null,
      callbackUrl: '',
      updates: 0,
      baseline: 0,
    };
    buildClient({ grant: 'acg' }, st);
    const req = st.manager!.authorizationRequest();
    const { stdout } = await run(process.execPath, [
      path.join(REPO, 'test/browser/consent.mjs'),
      '--url',
      req.url,
      '--username',
      'alice',
      '--password',
      'alice-password',
      '--decision',
      'allow',
    ]);
    const { finalUrl } = JSON.parse(stdout) as { finalUrl: string };
    const token = await st.manager!.fetchTokenFromCallback(finalUrl, req.state, req.codeVerifier);
    expect(token.accessToken).toEqual(expect.any(String));
    const user = (await st.client!.authentication.oAuthAuthorizationGrant()) as Json;
    expect(user).toBeTypeOf('object');
    results.push({ name: 'browser-acg-consent', result: 'pass' });
  });

  it('50 concurrent calls with an expired token: one token request, one callback, 50 successes', async () => {
    expect((await control('/__control/reset', {})).ok).toBe(true);
    const st: State = {
      client: null,
      manager: null,
      previousToken: null,
      request: null,
      callbackUrl: '',
      updates: 0,
      baseline: 0,
    };
    buildClient({ grant: 'ropcg' }, st);
    await st.manager!.fetchToken();
    await st.manager!.setToken({ ...st.manager!.token, expiry: Math.floor(Date.now() / 1000) - 1000 });
    const before = (await serverLog()).length;
    const updatesBefore = st.updates;
    const settled = await Promise.allSettled(
      Array.from({ length: 50 }, () => st.client!.authentication.oAuthAuthorizationGrant()),
    );
    const log = (await serverLog()).slice(before);
    expect(settled.filter((s) => s.status === 'fulfilled')).toHaveLength(50);
    expect(log.filter((e) => Boolean(e.grantType) || /token$/.test(String(e.path)))).toHaveLength(1);
    expect(st.updates - updatesBefore).toBe(1);
    results.push({ name: 'concurrency-50', result: 'pass' });
  });

  it('no secret appears in any error, inspect(), toJSON() or log line of the suite', () => {
    // the scan covers the logs of every scenario: each one that reached the server logged through
    // the pluggable logger, and the log has the token, refresh and retry lines
    const silent = logCoverage.filter((c) => c.serverRequests > 0 && c.sdkLines === 0).map((c) => c.name);
    expect(silent).toEqual([]);
    expect(logCoverage.filter((c) => c.serverRequests > 0).length).toBeGreaterThan(25);
    for (const line of [
      /^info OAuth token request /,
      /^info refreshing OAuth token /,
      /^info retrying once /,
      /^debug http request /,
    ])
      expect(
        logLines.some((l) => line.test(l)),
        String(line),
      ).toBe(true);
    const haystack = [...seenTexts, ...logLines];
    expect(haystack.length).toBeGreaterThan(20);
    expect(seenSecrets.size).toBeGreaterThan(30);
    for (const secret of seenSecrets) {
      if (!secret || secret.length < 8) continue;
      for (const text of haystack)
        expect(text.includes(secret), `leak of ${secret.slice(-4)} in ${text.slice(0, 80)}`).toBe(false);
    }
    results.push({ name: 'secret-scan', result: 'pass' });
  });
});
