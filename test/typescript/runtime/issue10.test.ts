/**
 * Issue 10 (TypeScript side): every promise of the OAuth runtime, proven against the real test
 * server (test/server) through the committed generated SDK of specs/multiauth-sample.yaml
 * (generated/multiauth-sample/typescript, imported from source; `npm run generate` keeps it in sync
 * with the templates). Item 3 runs real child processes on the SDK compiled with tsc.
 * Items 6, 11, 12, 13 and 14 are Python-only (TypeScript already keeps those promises; see
 * test/typescript/runtime/hygiene.test.ts for the TypeScript side of 13 and 14).
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../server/start.mjs';
import { REPO, run, tempDir } from '../helpers.js';
import {
  AuthRequiredError,
  ConfigurationError,
  Environment,
  InsecureTransportError,
  InvalidTokenResponseError,
  MultiauthsampleClient,
  OAuthCallbackError,
  OAuthScopeOAuthACGEnum,
  type MultiauthsampleClientOptions,
  type OAuthToken,
} from '../../../generated/multiauth-sample/typescript/src/index.js';
import { FileTokenStore } from '../../../generated/multiauth-sample/typescript/src/node.js';
import { memoryLogger } from './fake-fetch.js';

const SDK_DIR = path.join(REPO, 'generated/multiauth-sample/typescript');
const ROPCG = {
  oAuthClientId: 'ropcg-client',
  oAuthClientSecret: 'ropcg-secret',
  oAuthUsername: 'alice',
  oAuthPassword: 'alice-password',
};

let server: TestServer;
let work: string;

beforeAll(async () => {
  server = await startTestServer();
  work = await tempDir('issue10-');
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
}
const serverLog = async (): Promise<LogEntry[]> => (await control('/__control/log')) as LogEntry[];
const tokenRequests = async (): Promise<LogEntry[]> => (await serverLog()).filter((e) => e.grantType !== null);

function client(options: MultiauthsampleClientOptions = {}): MultiauthsampleClient {
  return new MultiauthsampleClient({
    environment: Environment.Testing,
    baseUrls: { default: server.url, auth: `${server.url}/oauth2/auth-server` },
    ...options,
  });
}

function acgClient(credentials: Record<string, unknown> = {}, options: MultiauthsampleClientOptions = {}) {
  return client({
    oAuthACGCredentials: {
      oAuthClientId: 'acg-client',
      oAuthClientSecret: 'acg-secret',
      oAuthRedirectUri: `${server.url}/callback`,
      oAuthScopes: [OAuthScopeOAuthACGEnum.ReadScope],
      ...credentials,
    },
    ...options,
  });
}

/** The consent page without a browser: POST the login + decision to the authorization URL. */
async function consent(authorizationUrl: string, decision: 'allow' | 'deny'): Promise<string> {
  const r = await fetch(authorizationUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'alice', password: 'alice-password', decision }).toString(),
    redirect: 'manual',
  });
  const location = r.headers.get('location');
  if (r.status !== 302 || location === null) throw new Error(`consent: ${r.status} ${await r.text()}`);
  return location;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('issue 10 (TypeScript)', () => {
  it('issue 10 item 1: a credentialed call to a plain-http non-loopback API host fails with InsecureTransportError before sending; allowInsecureHttp opts in', async () => {
    // The API host is "api.example.test" over plain http; the fetch routes it to the real server,
    // so a request that is sent shows up in the server's log.
    const routed = (input: string | URL, init: RequestInit) => {
      const url = new URL(String(input));
      if (url.hostname === 'api.example.test') {
        const target = new URL(server.url);
        url.protocol = target.protocol;
        url.host = target.host;
      }
      return fetch(url, init);
    };
    const options = (allowInsecureHttp: boolean): MultiauthsampleClientOptions => ({
      environment: Environment.Testing,
      baseUrls: { default: 'http://api.example.test', auth: `${server.url}/oauth2/auth-server` },
      fetch: routed,
      allowInsecureHttp,
      oAuthBearerTokenCredentials: { accessToken: 'static-bearer-token' },
      basicAuthCredentials: { username: 'basic-user', password: 'basic-pass' },
      apiKeyCredentials: { apiKey: 'api-key-value' },
      apiHeaderCredentials: { apiKey: 'api-key-value' },
    });
    const strict = new MultiauthsampleClient(options(false));
    for (const call of [
      () => strict.authentication.oAuthBearerToken(),
      () => strict.authentication.basicAuthAndApiHeaderAuth(),
      () => strict.authentication.customQueryOrHeaderAuthentication(),
    ]) {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InsecureTransportError);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(String((error as Error).message)).not.toContain('static-bearer-token');
    }
    // a call without credentials is not affected
    await strict.authentication.noAuth({ array: true });
    expect((await serverLog()).map((e) => e.path)).toEqual(['/auth/noAuth']);

    const optedIn = new MultiauthsampleClient(options(true));
    await optedIn.authentication.oAuthBearerToken();
    const log = await serverLog();
    expect(log).toHaveLength(2);
    expect(log[1]!.status).toBe(200);
    // the production environment of the sample spec is plain http: refused the same way
    const production = new MultiauthsampleClient({
      environment: Environment.Production,
      oAuthBearerTokenCredentials: { accessToken: 'static-bearer-token' },
      fetch: () => Promise.reject(new Error('must not be called')),
    });
    await expect(production.authentication.oAuthBearerToken()).rejects.toThrow(InsecureTransportError);
  });

  it('issue 10 item 2: refresh omits scope (a token granted fewer scopes than configured still refreshes); refreshToken({ scopes }) asks for a narrower set', async () => {
    await control('/__control/settings', { grantedScopes: [] });
    const c = acgClient();
    const request = c.oAuthACG.authorizationRequest();
    const callback = await consent(request.url, 'allow');
    const token = await c.oAuthACG.fetchTokenFromCallback(callback, request.state, request.codeVerifier);
    expect(token.scope).toBeUndefined(); // granted nothing of what was asked
    const refreshed = await c.oAuthACG.refreshToken();
    expect(refreshed.accessToken).not.toBe(token.accessToken);
    expect(refreshed.scope).toBeUndefined();

    // granted the scope: an explicit narrower (here: equal) set is sent and honoured; a wider one
    // is the server's invalid_scope, and the previous token stays
    await control('/__control/settings', { grantedScopes: null });
    const d = acgClient();
    const r2 = d.oAuthACG.authorizationRequest();
    const t2 = await d.oAuthACG.fetchTokenFromCallback(await consent(r2.url, 'allow'), r2.state, r2.codeVerifier);
    expect(t2.scope).toBe('file_requests.read');
    const narrowed = await d.oAuthACG.refreshToken({ scopes: ['file_requests.read'] });
    expect(narrowed.scope).toBe('file_requests.read');
    await expect(d.oAuthACG.refreshToken({ scopes: ['file_requests.read', 'admin'] })).rejects.toMatchObject({
      error: 'invalid_scope',
    });
    expect(d.oAuthACG.token?.accessToken).toBe(narrowed.accessToken);
    expect((await tokenRequests()).map((e) => `${e.grantType}:${e.status}`)).toEqual([
      'authorization_code:200',
      'refresh_token:200',
      'authorization_code:200',
      'refresh_token:200',
      'refresh_token:400',
    ]);
  });

  it('issue 10 item 3: a FileTokenStore lock held by a live process (slow refresh, longer than staleLockMs) is never taken over: 2 processes → 1 token request', async () => {
    // the SDK compiled once for the child processes
    const dist = path.join(work, 'sdk');
    await run(path.join(REPO, 'node_modules/.bin/tsc'), [
      '-p',
      SDK_DIR,
      '--outDir',
      dist,
      '--declaration',
      'false',
      '--declarationMap',
      'false',
      '--sourceMap',
      'false',
    ]);
    await writeFile(path.join(dist, 'package.json'), '{"type":"module"}');
    const worker = path.join(dist, 'worker.mjs');
    await writeFile(
      worker,
      `import { MultiauthsampleClient, Environment } from './index.js';
import { FileTokenStore } from './node.js';
const [file, url] = process.argv.slice(2);
const client = new MultiauthsampleClient({
  environment: Environment.Testing,
  baseUrls: { default: url, auth: url + '/oauth2/auth-server' },
  oAuthROPCGCredentials: { oAuthClientId: 'ropcg-client', oAuthClientSecret: 'ropcg-secret',
    oAuthTokenStore: new FileTokenStore(file, { staleLockMs: 300 }) },
});
process.stdout.write('ready\\n');
process.stdin.once('data', async () => {
  try { await client.authentication.oAuthAuthorizationGrant(); process.stdout.write('ok\\n'); }
  catch (e) { process.stdout.write('error ' + e.name + ': ' + e.message + '\\n'); }
  process.exit(0);
});
`,
    );
    const file = path.join(work, 'item3.json');
    const seed = client({ oAuthROPCGCredentials: { ...ROPCG, oAuthTokenStore: new FileTokenStore(file) } });
    const token = await seed.oAuthROPCG.fetchToken();
    await seed.oAuthROPCG.setToken({ ...token, expiry: Math.floor(Date.now() / 1000) - 10 });
    await control('/__control/fault', { target: 'token', kind: 'slow', delayMs: 1500, count: 1 });
    const before = (await tokenRequests()).length;

    const children: ChildProcessWithoutNullStreams[] = [];
    const lines: Array<Promise<string>> = [];
    for (let i = 0; i < 2; i++) {
      const child = spawn(process.execPath, [worker, file, server.url]);
      children.push(child);
      const rl = createInterface({ input: child.stdout });
      const it = rl[Symbol.asyncIterator]();
      expect((await it.next()).value).toBe('ready');
      lines.push(it.next().then((r) => String(r.value)));
    }
    children[0]!.stdin.write('go\n');
    await sleep(400); // the first holds the lock (its refresh takes 1.5 s) when the second asks
    children[1]!.stdin.write('go\n');
    const results = await Promise.all(lines);
    await Promise.all(children.map((c) => (c.exitCode === null ? once(c, 'exit') : Promise.resolve([]))));
    expect(results).toEqual(['ok', 'ok']);
    const refreshes = (await tokenRequests()).slice(before);
    expect(refreshes.map((e) => `${e.grantType}:${e.status}`)).toEqual(['refresh_token:200']);
  }, 120_000);

  it('issue 10 item 3: the holder renews its lease; another host’s lock is judged by its lease, never by its age', async () => {
    const file = path.join(work, 'lease.json');
    const store = new FileTokenStore(file, { staleLockMs: 200 });
    const mtimes: number[] = [];
    await store.lock('k', async () => {
      for (let i = 0; i < 4; i++) {
        await sleep(150);
        mtimes.push(Date.now() - (await stat(`${file}.lock`)).mtimeMs);
      }
    });
    // renewed every staleLockMs / 4 = 50 ms: never older than the stale limit while held
    expect(Math.max(...mtimes)).toBeLessThan(200);

    // another host's lock, created long ago but with a renewed lease: waited for, not taken over
    const foreign = JSON.stringify({ pid: 1, host: 'another-host', created: Date.now() - 3_600_000 });
    await writeFile(`${file}.lock`, foreign);
    const renew = setInterval(() => {
      const now = new Date();
      void utimes(`${file}.lock`, now, now).catch(() => undefined);
    }, 40);
    const waiting = new FileTokenStore(file, { staleLockMs: 200, lockTimeoutMs: 700 });
    await expect(waiting.lock('k', () => Promise.resolve('taken'))).rejects.toThrow(/timed out/);
    expect(await readFile(`${file}.lock`, 'utf8')).toBe(foreign);
    clearInterval(renew);
    // the holder crashed (no renewal): taken over once the lease is older than staleLockMs
    await sleep(250);
    expect(await waiting.lock('k', () => Promise.resolve('taken'))).toBe('taken');
  });

  it('issue 10 item 4: a 30 s token with the default 60 s skew is not born expired: 100 sequential calls → 1 token request', async () => {
    await control('/__control/settings', { accessTokenLifetime: 30 });
    const c = client({ oAuthROPCGCredentials: ROPCG });
    const token = await c.oAuthROPCG.fetchToken();
    expect(token.expiresIn).toBe(30);
    expect(c.oAuthROPCG.isTokenExpired(token)).toBe(false);
    for (let i = 0; i < 100; i++) await c.authentication.oAuthAuthorizationGrant();
    expect((await tokenRequests()).map((e) => e.grantType)).toEqual(['password']);
    // the cap is half the lifetime: a token with 10 s left of 30 s is expired (skew 15 s)
    expect(c.oAuthROPCG.isTokenExpired({ ...token, expiry: Math.floor(Date.now() / 1000) + 10 })).toBe(true);
    expect(c.oAuthROPCG.isTokenExpired({ ...token, expiry: Math.floor(Date.now() / 1000) + 20 })).toBe(false);
  });

  it('issue 10 item 5: a gzip bomb at the token endpoint is cut at the size cap, counted on decoded bytes', async () => {
    await control('/__control/fault', { target: 'token', kind: 'gzip-bomb', count: 1 });
    const c = client({ oAuthROPCGCredentials: ROPCG });
    const error = await c.oAuthROPCG.fetchToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidTokenResponseError);
    expect((error as Error).message).toMatch(/larger than 65536 bytes/);
    expect(c.oAuthROPCG.token).toBeNull();
  });

  it('issue 10 item 7: logout (setToken(null)) on a shared FileTokenStore is seen by every client and wins over an in-flight refresh', async () => {
    const file = path.join(work, 'logout.json');
    const a = client({ oAuthROPCGCredentials: { ...ROPCG, oAuthTokenStore: new FileTokenStore(file) } });
    const b = client({ oAuthROPCGCredentials: { ...ROPCG, oAuthTokenStore: new FileTokenStore(file) } });
    await a.oAuthROPCG.fetchToken();
    await b.authentication.oAuthAuthorizationGrant(); // b now holds the token too
    await a.oAuthROPCG.setToken(null);
    const apiCalls = (await serverLog()).length;
    await expect(b.authentication.oAuthAuthorizationGrant()).rejects.toThrow(AuthRequiredError);
    expect((await serverLog()).length).toBe(apiCalls); // nothing sent
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({});

    // a logout from another client while a refresh is in flight: the refresh finishes first (it
    // holds the lock), then the logout is written, and the token does not come back
    const fresh = await a.oAuthROPCG.fetchToken();
    const expired: OAuthToken = { ...fresh, expiry: Math.floor(Date.now() / 1000) - 10 };
    await a.oAuthROPCG.setToken(expired);
    await control('/__control/fault', { target: 'token', kind: 'slow', delayMs: 800, count: 1 });
    const inflight = a.authentication.oAuthAuthorizationGrant();
    await sleep(200);
    await b.oAuthROPCG.setToken(null);
    await inflight; // the call that was already running may finish with its refreshed token
    await expect(a.authentication.oAuthAuthorizationGrant()).rejects.toThrow(AuthRequiredError);
    await expect(b.authentication.oAuthAuthorizationGrant()).rejects.toThrow(AuthRequiredError);
    expect(await a.oAuthROPCG.loadToken()).toBeNull();

    // the same client logs out during its own refresh: the waiting call fails, the token stays gone
    const expire = (t: OAuthToken): OAuthToken => ({ ...t, expiry: Math.floor(Date.now() / 1000) - 10 });
    await a.oAuthROPCG.setToken(expire(await a.oAuthROPCG.fetchToken()));
    await control('/__control/fault', { target: 'token', kind: 'slow', delayMs: 800, count: 1 });
    const own = a.authentication.oAuthAuthorizationGrant().catch((e: unknown) => e);
    await sleep(200);
    await a.oAuthROPCG.setToken(null);
    expect(await own).toBeInstanceOf(AuthRequiredError);
    expect(a.oAuthROPCG.token).toBeNull();
    await expect(a.authentication.oAuthAuthorizationGrant()).rejects.toThrow(AuthRequiredError);

    // with the default in-memory store too
    const m = client({ oAuthROPCGCredentials: ROPCG });
    await m.oAuthROPCG.setToken(expire(await m.oAuthROPCG.fetchToken()));
    await control('/__control/fault', { target: 'token', kind: 'slow', delayMs: 800, count: 1 });
    const mem = m.authentication.oAuthAuthorizationGrant().catch((e: unknown) => e);
    await sleep(200);
    await m.oAuthROPCG.setToken(null);
    expect(await mem).toBeInstanceOf(AuthRequiredError);
    await expect(m.authentication.oAuthAuthorizationGrant()).rejects.toThrow(AuthRequiredError);
  });

  it('issue 10 item 8: configuration, tokens and the authorization request have redacting inspect/toJSON views', async () => {
    const logger = memoryLogger();
    const c = client({
      logger,
      oAuthROPCGCredentials: ROPCG,
      oAuthACGCredentials: {
        oAuthClientId: 'acg-client',
        oAuthClientSecret: 'acg-secret',
        oAuthRedirectUri: `${server.url}/callback`,
      },
      basicAuthCredentials: { username: 'basic-user', password: 'basic-pass' },
      apiKeyCredentials: { apiKey: 'api-key-value-123456' },
    });
    const token = await c.oAuthROPCG.fetchToken();
    const request = c.oAuthACG.authorizationRequest();
    const secrets = [
      'ropcg-secret',
      'alice-password',
      'acg-secret',
      'basic-pass',
      'api-key-value-123456',
      token.accessToken,
      token.refreshToken!,
      request.codeVerifier!,
    ];
    const config = c.configuration;
    const views = [
      inspect(c, { depth: 10 }),
      JSON.stringify(c),
      inspect(config, { depth: 10 }),
      JSON.stringify(config),
      inspect(config.oAuthROPCGCredentials, { depth: 10 }),
      JSON.stringify(config.oAuthROPCGCredentials),
      inspect(config.oAuthROPCGCredentials?.oAuthToken),
      JSON.stringify(config.oAuthROPCGCredentials?.oAuthToken),
      inspect(token),
      JSON.stringify(token),
      JSON.stringify({ nested: [token] }),
      inspect(request),
      JSON.stringify(request),
      ...logger.lines,
    ];
    for (const view of views) for (const secret of secrets) expect(view).not.toContain(secret);
    // the values themselves are still there for the program
    expect(config.oAuthROPCGCredentials?.oAuthPassword).toBe('alice-password');
    expect(request.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    expect(inspect(token)).toContain('tokenType');
    // a copy of the configuration makes a working client (withConfiguration)
    await c.withConfiguration({ timeout: 5000 }).authentication.oAuthAuthorizationGrant();
  });

  it('issue 10 item 9: an error callback whose iss differs from the configured issuer fails as issuer_mismatch', async () => {
    await control('/__control/settings', { issuer: 'https://attacker.example' });
    const c = acgClient({ oAuthIssuer: 'https://issuer.example' });
    const request = c.oAuthACG.authorizationRequest();
    const callback = await consent(request.url, 'deny');
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const error = await c.oAuthACG
      .fetchTokenFromCallback(callback, request.state, request.codeVerifier)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OAuthCallbackError);
    expect((error as OAuthCallbackError).error).toBe('issuer_mismatch');
    // the matching issuer still reports the provider's error
    await control('/__control/settings', { issuer: 'https://issuer.example' });
    const r2 = c.oAuthACG.authorizationRequest();
    const e2 = await c.oAuthACG
      .fetchTokenFromCallback(await consent(r2.url, 'deny'), r2.state, r2.codeVerifier)
      .catch((e: unknown) => e);
    expect((e2 as OAuthCallbackError).error).toBe('access_denied');
    expect(await tokenRequests()).toEqual([]);
  });

  it('issue 10 item 10: a public client (clientAuth none) cannot turn PKCE off', async () => {
    const c = acgClient({
      oAuthClientId: 'public-client',
      oAuthClientSecret: undefined,
      oAuthClientAuth: 'none',
      oAuthPkce: false,
    });
    expect(() => c.oAuthACG.authorizationRequest()).toThrow(ConfigurationError);
    expect(() => c.oAuthACG.getAuthorizationUrl()).toThrow(/requires PKCE/);
    await expect(c.oAuthACG.fetchToken('some-code', { codeVerifier: null })).rejects.toThrow(ConfigurationError);
    expect(await serverLog()).toEqual([]);
    // with PKCE (the default) the public client works end to end
    const ok = acgClient({ oAuthClientId: 'public-client', oAuthClientSecret: undefined, oAuthClientAuth: 'none' });
    const request = ok.oAuthACG.authorizationRequest();
    const token = await ok.oAuthACG.fetchTokenFromCallback(
      await consent(request.url, 'allow'),
      request.state,
      request.codeVerifier,
    );
    expect(token.accessToken).toBeTruthy();
  });

  it('issue 10 item 15: passwords and client secrets are redacted without any suffix; tokens keep a short one', async () => {
    const logger = memoryLogger();
    const c = client({
      logger,
      oAuthROPCGCredentials: ROPCG,
      basicAuthCredentials: { username: 'basic-user', password: 'basic-password-long' },
    });
    const token = await c.oAuthROPCG.fetchToken();
    const text = [
      inspect(c, { depth: 10 }),
      JSON.stringify(c.configuration),
      inspect(c.configuration, { depth: 10 }),
    ].join('\n');
    for (const suffix of ['word', 'cret', 'long']) expect(text).not.toContain(`***${suffix}`);
    expect(text).toContain(`***${token.accessToken.slice(-4)}`);
  });
});
