/* eslint-disable @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-return, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-explicit-any --
   The SDK under test is generated at run time and loaded by dynamic import, so it is untyped here;
   package.test.ts type-checks it. */
/**
 * Issue 14 in the TypeScript SDK of specs/device-flow-3.2.yaml (built, packed, installed), against
 * the real test server: RFC 8628 device flow (approved, denied, expired, slow_down), RFC 8414
 * discovery (static URLs wrong, fallback, pinning, issuer mismatch, fetched once), RFC 7009
 * revocation (then a call → AuthRequiredError, the old tokens refused by the server; unreachable
 * server) and RFC 8252 loopback sign-in (headless Chromium, a plain HTTP client, denial, timeout,
 * nothing listening afterwards).
 */
import { connect } from 'node:net';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { inspect } from 'node:util';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { driveConsent } from '../browser/consent.mjs';
import { startTestServer, type TestServer } from '../server/start.mjs';
import { consumerProject, generateBuildPack, REPO, tempDir } from './helpers.js';

type Json = Record<string, any>;
let sdk: Record<string, any>;
let server: TestServer;

beforeAll(async () => {
  const root = await tempDir('ts-beyond-');
  const built = await generateBuildPack(path.join(REPO, 'specs/device-flow-3.2.yaml'), root);
  const consumer = await consumerProject(root, [built]);
  const entry = path.join(consumer, 'entry.mjs');
  await writeFile(
    entry,
    `export * from ${JSON.stringify(built.packageName)};\nexport { nodeLoopbackListener } from ${JSON.stringify(`${built.packageName}/node`)};\n`,
  );
  sdk = (await import(pathToFileURL(entry).href)) as Record<string, any>;
  server = await startTestServer();
}, 600_000);
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  await control('/__control/reset');
});

async function control(p: string, body?: unknown): Promise<Json> {
  const r = await fetch(`${server.url}${p}`, {
    method: body === undefined && p.endsWith('/log') ? 'GET' : 'POST',
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  return (await r.json()) as Json;
}
const get = async (p: string): Promise<any> => (await fetch(`${server.url}${p}`)).json();
const log = async (): Promise<Json[]> => get('/__control/log');
const settings = (s: Json) => control('/__control/settings', s);
const fault = (f: Json) => control('/__control/fault', f);

function client(extra: Json = {}): any {
  return new sdk.DeviceflowClient({ baseUrls: { default: server.url }, ...extra });
}
async function approve(userCode: string, decision = 'allow'): Promise<void> {
  const r = await fetch(`${server.url}/device`, {
    method: 'POST',
    body: new URLSearchParams({ user_code: userCode, username: 'alice', password: 'alice-password', decision }),
  });
  expect(r.status).toBe(200);
}

describe('device authorization grant (RFC 8628)', () => {
  it('approved: polls while pending, stores the token (callback once), the API works; the device code never shows', async () => {
    await settings({ deviceInterval: 0.2 });
    const updates: Json[] = [];
    const c = client({
      tvCredentials: {
        oAuthClientId: 'tv-client',
        oAuthScopes: ['file_requests.read'],
        oAuthOnTokenUpdate: (t: Json) => updates.push(t),
      },
    });
    const start = await c.tv.startDeviceAuthorization();
    expect(start.userCode).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
    expect(start.verificationUri).toBe(`${server.url}/device`);
    expect(start.interval).toBe(0.2);
    for (const text of [inspect(start), JSON.stringify(start)]) expect(text).not.toContain(start.deviceCode);
    const waiting = c.tv.waitForDeviceToken(start);
    await new Promise((r) => setTimeout(r, 500));
    await approve(start.userCode);
    const token = await waiting;
    expect(updates).toEqual([token]);
    expect(await c.account.getMe()).toMatchObject({
      name: 'alice',
      grant: 'urn:ietf:params:oauth:grant-type:device_code',
    });
    const polls = (await log()).filter((e) => e.grantType === 'urn:ietf:params:oauth:grant-type:device_code');
    expect(polls.length).toBeGreaterThanOrEqual(2);
    expect(polls.every((e) => e.clientAuth === 'none' && e.clientId === 'tv-client')).toBe(true);
  });

  it('denied → DeviceAccessDeniedError; expired → DeviceCodeExpiredError; no token is stored', async () => {
    await settings({ deviceInterval: 0.1 });
    const c = client({ tvCredentials: { oAuthClientId: 'tv-client' } });
    const start = await c.tv.startDeviceAuthorization();
    await approve(start.userCode, 'deny');
    await expect(c.tv.waitForDeviceToken(start)).rejects.toBeInstanceOf(sdk.DeviceAccessDeniedError);
    await settings({ deviceCodeLifetime: 0.5 });
    const late = await c.tv.startDeviceAuthorization();
    const error = await c.tv.waitForDeviceToken(late).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.DeviceCodeExpiredError);
    expect((error as Json).error).toBe('expired_token');
    expect(await c.tv.loadToken()).toBeNull();
    await expect(c.account.getMe()).rejects.toBeInstanceOf(sdk.AuthRequiredError);
  });

  it('slow_down adds 5 s to the interval', async () => {
    await settings({ deviceInterval: 0.1, deviceSlowDown: 1 });
    const c = client({ tvCredentials: { oAuthClientId: 'tv-client' } });
    const start = await c.tv.startDeviceAuthorization();
    await approve(start.userCode);
    const t0 = Date.now();
    await c.tv.waitForDeviceToken(start);
    expect(Date.now() - t0).toBeGreaterThanOrEqual(5000);
    const polls = (await log()).filter((e) => e.path === '/oauth2/non-auth-server/token');
    expect(polls.map((e) => e.status)).toEqual([400, 200]);
  }, 20_000);

  it('an aborted signal stops waiting', async () => {
    await settings({ deviceInterval: 0.1 });
    const c = client({ tvCredentials: { oAuthClientId: 'tv-client' } });
    const start = await c.tv.startDeviceAuthorization();
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error('user gave up')), 300);
    await expect(c.tv.waitForDeviceToken(start, { signal: controller.signal })).rejects.toThrow('user gave up');
  });

  it('a multi-flow scheme names its managers by flow; a confidential device client authenticates', async () => {
    await settings({ deviceInterval: 0 });
    const c = client({
      oauth2DeviceAuthorizationCredentials: {
        oAuthClientId: 'device-client',
        oAuthClientSecret: 'device-secret',
        oAuthScopes: ['file_requests.read'],
      },
    });
    const start = await c.oauth2DeviceAuthorization.startDeviceAuthorization();
    await approve(start.userCode);
    await c.oauth2DeviceAuthorization.waitForDeviceToken(start);
    expect((await c.account.getMe()).name).toBe('alice');
    expect((await log()).filter((e) => e.path === '/oauth2/device_authorization').map((e) => e.clientAuth)).toEqual([
      'basic',
    ]);
  });
});

describe('authorization server metadata (RFC 8414)', () => {
  const sso = {
    oAuthClientId: 'device-client',
    oAuthClientSecret: 'device-secret',
    oAuthScopes: ['file_requests.read'],
  };

  it('the spec static URLs are wrong: discovery finds the real endpoints, fetched once per client', async () => {
    await settings({ deviceInterval: 0 });
    const c = client({
      ssoDeviceAuthorizationCredentials: sso,
      ssoAuthorizationCodeCredentials: { ...sso, oAuthRedirectUri: 'http://127.0.0.1:9/cb' },
    });
    const start = await c.ssoDeviceAuthorization.startDeviceAuthorization();
    await approve(start.userCode);
    await c.ssoDeviceAuthorization.waitForDeviceToken(start);
    expect((await c.account.getMe()).name).toBe('alice');
    expect((await c.ssoAuthorizationCode.discover()).issuer).toBe(server.url);
    expect(c.ssoAuthorizationCode.getAuthorizationUrl()).toMatch(new RegExp(`^${server.url}/oauth/authorize\\?`));
    const entries = await log();
    expect(entries.filter((e) => e.path.startsWith('/static/'))).toEqual([]);
    expect(entries.filter((e) => e.path === '/.well-known/oauth-authorization-server')).toHaveLength(1);
  });

  it('a careless synchronous authorization URL before discovery is refused, not built from the wrong URLs', () => {
    const c = client({ ssoAuthorizationCodeCredentials: { ...sso, oAuthRedirectUri: 'http://127.0.0.1:9/cb' } });
    expect(() => c.ssoAuthorizationCode.getAuthorizationUrl()).toThrow(/discover\(\)/);
  });

  it('metadata unavailable: auto falls back to the static URLs; "metadata" refuses; "static" never fetches', async () => {
    await fault({ target: 'metadata', kind: '500' });
    const auto = client({ ssoDeviceAuthorizationCredentials: sso });
    await expect(auto.ssoDeviceAuthorization.startDeviceAuthorization()).rejects.toMatchObject({ status: 404 });
    expect((await log()).map((e) => e.path)).toContain('/static/device_authorization');
    await fault({ target: 'metadata', kind: 'reset' });
    const pinned = client({ ssoDeviceAuthorizationCredentials: { ...sso, oAuthDiscovery: 'metadata' } });
    await expect(pinned.ssoDeviceAuthorization.startDeviceAuthorization()).rejects.toBeInstanceOf(
      sdk.AuthorizationServerMetadataError,
    );
    await control('/__control/reset');
    const stat = client({ ssoDeviceAuthorizationCredentials: { ...sso, oAuthDiscovery: 'static' } });
    await expect(stat.ssoDeviceAuthorization.startDeviceAuthorization()).rejects.toMatchObject({ status: 404 });
    expect((await log()).map((e) => e.path)).toEqual(['/static/device_authorization']);
  });

  it('an issuer that is not the metadata URL issuer is refused in every mode (nothing else is requested)', async () => {
    await settings({ metadataIssuer: 'https://attacker.example' });
    for (const mode of [undefined, 'auto', 'metadata']) {
      const c = client({ ssoDeviceAuthorizationCredentials: { ...sso, oAuthDiscovery: mode } });
      await expect(c.ssoDeviceAuthorization.startDeviceAuthorization()).rejects.toBeInstanceOf(sdk.IssuerMismatchError);
    }
    expect(new Set((await log()).map((e) => e.path))).toEqual(new Set(['/.well-known/oauth-authorization-server']));
  });
});

describe('revocation (RFC 7009)', () => {
  async function signedIn(): Promise<{ c: any; token: Json }> {
    await settings({ deviceInterval: 0 });
    const c = client({ tvCredentials: { oAuthClientId: 'tv-client' } });
    const start = await c.tv.startDeviceAuthorization();
    await approve(start.userCode);
    return { c, token: await c.tv.waitForDeviceToken(start) };
  }

  it('revokes refresh and access token; the next call is AuthRequiredError and the server refuses the old tokens', async () => {
    const { c, token } = await signedIn();
    await c.tv.revokeToken();
    expect(c.tv.token).toBeNull();
    await expect(c.account.getMe()).rejects.toBeInstanceOf(sdk.AuthRequiredError);
    const raw = await fetch(`${server.url}/device/me`, { headers: { authorization: `Bearer ${token.accessToken}` } });
    expect(raw.status).toBe(401);
    const refresh = await fetch(`${server.url}/oauth2/non-auth-server/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        client_id: 'tv-client',
        refresh_token: token.refreshToken,
      }),
    });
    expect(((await refresh.json()) as Json).error).toBe('invalid_grant');
    expect(await get('/__control/revocations')).toEqual([
      { clientId: 'tv-client', hint: 'refresh_token', found: true },
      { clientId: 'tv-client', hint: 'access_token', found: false },
    ]);
  });

  it('server unreachable: the local token is cleared anyway and TokenRevocationError says so', async () => {
    const { c } = await signedIn();
    await fault({ target: 'revoke', kind: 'reset' });
    const error = await c.tv.revokeToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.TokenRevocationError);
    expect(error.localTokenCleared).toBe(true);
    expect(error.message).toMatch(/signed out locally/);
    await expect(c.account.getMe()).rejects.toBeInstanceOf(sdk.AuthRequiredError);
  });

  it('a revocation the server refuses (500) is reported; a revocation with no token held does nothing', async () => {
    const { c } = await signedIn();
    await fault({ target: 'revoke', kind: '500', count: 2 });
    await expect(c.tv.revokeToken()).rejects.toMatchObject({ status: 500, localTokenCleared: true });
    await c.tv.revokeToken();
    expect((await log()).filter((e) => e.path === '/oauth2/revoke')).toHaveLength(2);
  });

  it('a refresh racing the revocation cannot bring the token back', async () => {
    const { c } = await signedIn();
    await Promise.allSettled([c.tv.refreshToken(), c.tv.revokeToken()]);
    expect(await c.tv.loadToken()).toBeNull();
    await expect(c.account.getMe()).rejects.toBeInstanceOf(sdk.AuthRequiredError);
  });
});

describe('loopback sign-in (RFC 8252)', () => {
  const acg = {
    oAuthClientId: 'device-client',
    oAuthClientSecret: 'device-secret',
    oAuthScopes: ['file_requests.read'],
  };

  async function refused(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const s = connect(port, '127.0.0.1');
      s.once('connect', () => {
        s.destroy();
        resolve(false);
      });
      s.once('error', () => resolve(true));
    });
  }

  it('headless Chromium signs in; the browser sees the close-this-window page; nothing listens afterwards', async () => {
    const c = client({ oauth2AuthorizationCodeCredentials: acg });
    let port = 0;
    let page: Json = {};
    const token = await c.oauth2AuthorizationCode.authorizeWithLoopback({
      openBrowser: async (url: string) => {
        port = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
        page = await driveConsent({
          authorizationUrl: url,
          username: 'alice',
          password: 'alice-password',
          decision: 'allow',
        });
      },
    });
    expect(page.callbackStatus).toBe(200);
    expect(token.accessToken).toBeTruthy();
    expect((await c.account.getMe()).grant).toBe('authorization_code');
    expect(await refused(port)).toBe(true);
  }, 60_000);

  it('a plain HTTP client signs in (ephemeral port, PKCE S256, state); the discovered issuer is checked (RFC 9207)', async () => {
    await settings({ issuer: server.url });
    const c = client({ ssoAuthorizationCodeCredentials: acg });
    let body = '';
    let authUrl = new URL('http://x');
    await c.ssoAuthorizationCode.authorizeWithLoopback({
      path: '/done',
      openBrowser: async (url: string) => {
        authUrl = new URL(url);
        const consent = await fetch(url, {
          method: 'POST',
          body: new URLSearchParams({ username: 'alice', password: 'alice-password', decision: 'allow' }),
          redirect: 'manual',
        });
        const back = await fetch(consent.headers.get('location') ?? '');
        body = await back.text();
      },
    });
    expect(authUrl.origin + authUrl.pathname).toBe(`${server.url}/oauth/authorize`);
    expect(authUrl.searchParams.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/done$/);
    expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
    expect(body).toContain('You are signed in');
    expect((await c.account.getMe()).name).toBe('alice');
  });

  it('a wrong iss from the server is refused', async () => {
    await settings({ issuer: 'https://attacker.example' });
    const c = client({ ssoAuthorizationCodeCredentials: acg });
    const error = await c.ssoAuthorizationCode
      .authorizeWithLoopback({
        openBrowser: async (url: string) => {
          const consent = await fetch(url, {
            method: 'POST',
            body: new URLSearchParams({ username: 'alice', password: 'alice-password', decision: 'allow' }),
            redirect: 'manual',
          });
          await fetch(consent.headers.get('location') ?? '');
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.OAuthCallbackError);
    expect(error.error).toBe('issuer_mismatch');
    expect((await log()).some((e) => e.grantType === 'authorization_code')).toBe(false);
  });

  it('denial in Chromium → AuthorizationDeniedError; the listener is closed', async () => {
    const c = client({ oauth2AuthorizationCodeCredentials: acg });
    let port = 0;
    const error = await c.oauth2AuthorizationCode
      .authorizeWithLoopback({
        openBrowser: async (url: string) => {
          port = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
          await driveConsent({
            authorizationUrl: url,
            username: 'alice',
            password: 'alice-password',
            decision: 'deny',
          });
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.AuthorizationDeniedError);
    expect(error.error).toBe('access_denied');
    expect(await refused(port)).toBe(true);
  }, 60_000);

  it('timeout → SignInTimeoutError and the port is closed; a forged callback with another state is refused', async () => {
    const c = client({ oauth2AuthorizationCodeCredentials: acg });
    let port = 0;
    const error = await c.oauth2AuthorizationCode
      .authorizeWithLoopback({
        timeoutMs: 300,
        openBrowser: (url: string) => {
          port = Number(new URL(new URL(url).searchParams.get('redirect_uri') ?? '').port);
        },
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(sdk.SignInTimeoutError);
    expect(await refused(port)).toBe(true);
    const forged = await c.oauth2AuthorizationCode
      .authorizeWithLoopback({
        openBrowser: async (url: string) => {
          const redirect = new URL(url).searchParams.get('redirect_uri') ?? '';
          const r = await fetch(`${redirect}?code=stolen&state=not-the-state`);
          expect(r.status).toBe(400);
        },
      })
      .catch((e: unknown) => e);
    expect(forged).toBeInstanceOf(sdk.StateMismatchError);
    expect((await log()).some((e) => e.grantType === 'authorization_code')).toBe(false);
  });
});
