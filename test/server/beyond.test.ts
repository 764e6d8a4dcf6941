/**
 * The test server's RFC 8628 device endpoints, RFC 8414 metadata and RFC 7009 revocation
 * (device.mjs, metadata.mjs, revocation.mjs), checked over plain HTTP.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './start.mjs';

const DEVICE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
let server: TestServer;
let base = '';

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  expect((await fetch(`${base}/__control/reset`, { method: 'POST' })).status).toBe(200);
});

type Json = Record<string, unknown>;
const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
async function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const r = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: form(fields),
    redirect: 'manual',
  });
  const text = await r.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    json = {};
  }
  return { status: r.status, json, text };
}
async function settings(patch: Json) {
  const r = await fetch(`${base}/__control/settings`, { method: 'POST', body: JSON.stringify(patch) });
  return r.status;
}
const startDevice = (clientId = 'tv-client') =>
  post('/oauth2/device_authorization', { client_id: clientId, scope: 'file_requests.read' });
const poll = (deviceCode: string, clientId = 'tv-client') =>
  post('/oauth2/non-auth-server/token', { grant_type: DEVICE_GRANT, client_id: clientId, device_code: deviceCode });
const approve = (userCode: string, decision = 'allow', password = 'alice-password') =>
  post('/device', { user_code: userCode, username: 'alice', password, decision });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('device authorization endpoint (RFC 8628 §3.1/3.2)', () => {
  it('answers device_code, a XXXX-XXXX user_code, verification URIs, expires_in and interval', async () => {
    const r = await startDevice();
    expect(r.status).toBe(200);
    expect(r.json.user_code).toMatch(/^[B-Z]{4}-[B-Z]{4}$/);
    expect(r.json.verification_uri).toBe(`${base}/device`);
    expect(r.json.verification_uri_complete).toBe(`${base}/device?user_code=${String(r.json.user_code)}`);
    expect(r.json).toMatchObject({ expires_in: 600, interval: 5 });
    expect(typeof r.json.device_code).toBe('string');
  });

  it('refuses an unknown client, a confidential client without its secret, and unknown scopes', async () => {
    expect((await startDevice('nobody')).json.error).toBe('invalid_client');
    expect((await startDevice('device-client')).status).toBe(401);
    const ok = await post('/oauth2/device_authorization', {
      client_id: 'device-client',
      client_secret: 'device-secret',
    });
    expect(ok.status).toBe(200);
    const scope = await post('/oauth2/device_authorization', { client_id: 'tv-client', scope: 'admin' });
    expect(scope.json.error).toBe('invalid_scope');
    expect((await startDevice('ccg-client')).status).toBe(401);
  });
});

describe('device_code grant (RFC 8628 §3.4/3.5)', () => {
  it('pending → approved on the user code page (case-insensitive) → token for the API; the code is single-use', async () => {
    await settings({ deviceInterval: 0.1 });
    const d = await startDevice();
    await sleep(150);
    expect((await poll(String(d.json.device_code))).json.error).toBe('authorization_pending');
    const page = await fetch(`${base}/device?user_code=${String(d.json.user_code)}`);
    expect(await page.text()).toContain(`value="${String(d.json.user_code)}"`);
    expect((await approve(String(d.json.user_code).toLowerCase(), 'allow', 'wrong')).text).toContain('id="error"');
    expect((await approve(String(d.json.user_code).toLowerCase())).text).toContain('id="approved"');
    await sleep(150);
    const t = await poll(String(d.json.device_code));
    expect(t.status).toBe(200);
    expect(t.json.refresh_token).toBeTruthy();
    const me = await fetch(`${base}/device/me`, {
      headers: { authorization: `Bearer ${String(t.json.access_token)}` },
    });
    expect(await me.json()).toMatchObject({ name: 'alice', grant: DEVICE_GRANT });
    await sleep(150);
    expect((await poll(String(d.json.device_code))).json.error).toBe('invalid_grant');
  });

  it('denied → access_denied; expired → expired_token; another client → invalid_grant', async () => {
    await settings({ deviceInterval: 0, deviceCodeLifetime: 0.3 });
    const d = await startDevice();
    expect((await poll(String(d.json.device_code), 'public-client')).json.error).toBe('invalid_grant');
    expect((await approve(String(d.json.user_code), 'deny')).text).toContain('id="denied"');
    expect((await poll(String(d.json.device_code))).json.error).toBe('access_denied');
    const e = await startDevice();
    await sleep(400);
    expect((await poll(String(e.json.device_code))).json.error).toBe('expired_token');
    expect((await approve(String(e.json.user_code))).status).toBe(400);
  });

  it('slow_down when polled faster than the interval, and on demand (deviceSlowDown)', async () => {
    await settings({ deviceInterval: 2 });
    const d = await startDevice();
    expect((await poll(String(d.json.device_code))).json.error).toBe('slow_down');
    await settings({ deviceInterval: 0, deviceSlowDown: 1 });
    const e = await startDevice();
    expect((await poll(String(e.json.device_code))).json.error).toBe('slow_down');
    expect(await settings({ deviceSlowDown: -1 })).toBe(400);
  });
});

describe('authorization server metadata (RFC 8414)', () => {
  it('serves the issuer (its own base URL) and every endpoint; metadataIssuer replaces the issuer', async () => {
    const m = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as Json;
    expect(m).toMatchObject({
      issuer: base,
      token_endpoint: `${base}/oauth2/non-auth-server/token`,
      device_authorization_endpoint: `${base}/oauth2/device_authorization`,
      revocation_endpoint: `${base}/oauth2/revoke`,
      authorization_endpoint: `${base}/oauth/authorize`,
    });
    await settings({ metadataIssuer: 'https://evil.example' });
    const n = (await (await fetch(`${base}/.well-known/oauth-authorization-server`)).json()) as Json;
    expect(n.issuer).toBe('https://evil.example');
  });

  it('takes faults (target metadata)', async () => {
    const f = await fetch(`${base}/__control/fault`, {
      method: 'POST',
      body: JSON.stringify({ target: 'metadata', kind: '500' }),
    });
    expect(f.status).toBe(200);
    expect((await fetch(`${base}/.well-known/oauth-authorization-server`)).status).toBe(500);
    expect((await fetch(`${base}/.well-known/oauth-authorization-server`)).status).toBe(200);
  });
});

describe('revocation (RFC 7009)', () => {
  async function deviceToken(): Promise<Json> {
    await settings({ deviceInterval: 0 });
    const d = await startDevice();
    await approve(String(d.json.user_code));
    return (await poll(String(d.json.device_code))).json;
  }

  it('revoking the refresh token kills it and its access token; unknown tokens answer 200', async () => {
    const t = await deviceToken();
    const r = await post('/oauth2/revoke', {
      client_id: 'tv-client',
      token: String(t.refresh_token),
      token_type_hint: 'refresh_token',
    });
    expect(r.status).toBe(200);
    const me = await fetch(`${base}/device/me`, { headers: { authorization: `Bearer ${String(t.access_token)}` } });
    expect(me.status).toBe(401);
    const refresh = await post('/oauth2/non-auth-server/token', {
      grant_type: 'refresh_token',
      client_id: 'tv-client',
      refresh_token: String(t.refresh_token),
    });
    expect(refresh.json.error).toBe('invalid_grant');
    expect((await post('/oauth2/revoke', { client_id: 'tv-client', token: 'never-issued' })).status).toBe(200);
    const log = (await (await fetch(`${base}/__control/revocations`)).json()) as Json[];
    expect(log).toEqual([
      { clientId: 'tv-client', hint: 'refresh_token', found: true },
      { clientId: 'tv-client', hint: null, found: false },
    ]);
  });

  it('needs client authentication; another client cannot revoke the token; `token` is required', async () => {
    const t = await deviceToken();
    const wrong = await post('/oauth2/revoke', { token: String(t.access_token) });
    expect(wrong.status).toBe(401);
    const basic = `Basic ${Buffer.from('acg-client:nope').toString('base64')}`;
    const bad = await post('/oauth2/revoke', { token: String(t.access_token) }, { authorization: basic });
    expect(bad.status).toBe(401);
    const other = await post('/oauth2/revoke', {
      client_id: 'acg-client',
      client_secret: 'acg-secret',
      token: String(t.access_token),
    });
    expect(other.json.error).toBe('invalid_request');
    expect((await post('/oauth2/revoke', { client_id: 'tv-client' })).json.error).toBe('invalid_request');
    const me = await fetch(`${base}/device/me`, { headers: { authorization: `Bearer ${String(t.access_token)}` } });
    expect(me.status).toBe(200);
  });

  it('a `reset` fault drops the connection', async () => {
    await fetch(`${base}/__control/fault`, {
      method: 'POST',
      body: JSON.stringify({ target: 'revoke', kind: 'reset' }),
    });
    await expect(post('/oauth2/revoke', { client_id: 'tv-client', token: 'x' })).rejects.toThrow();
  });
});
