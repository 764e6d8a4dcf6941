import { createHash, randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './start.mjs';

let server: TestServer;
let base = '';

const REDIRECT = 'http://127.0.0.1:45678/callback';

beforeAll(async () => {
  server = await startTestServer();
  base = server.url;
});
afterAll(async () => {
  await server?.close();
});
beforeEach(async () => {
  const r = await fetch(`${base}/__control/reset`, { method: 'POST' });
  expect(r.status).toBe(200);
});

/** Any JSON object body the server answers with (token, error, API and control responses). */
interface Body {
  access_token?: string;
  refresh_token?: string;
  token_type?: string;
  expires_in?: number;
  scope?: string;
  error?: string;
  error_description?: string;
  status?: string;
  name?: string;
  revoked?: number;
  [key: string]: unknown;
}

interface LogEntry {
  method: string;
  path: string;
  grantType: string | null;
  clientId: string | null;
  clientAuth: 'basic' | 'post' | 'none';
  authorization: boolean;
  status: number;
  fault: string | null;
}

async function bodyOf(res: Response): Promise<Body> {
  return (await res.json()) as Body;
}

async function getLog(): Promise<LogEntry[]> {
  return (await (await fetch(`${base}/__control/log`)).json()) as LogEntry[];
}

function basic(id: string, secret: string): string {
  // RFC 6749 §2.3.1: form-urlencode, then base64
  const enc = (s: string) => encodeURIComponent(s).replace(/%20/g, '+');
  return `Basic ${Buffer.from(`${enc(id)}:${enc(secret)}`).toString('base64')}`;
}

async function token(
  params: Record<string, string | undefined>,
  headers: Record<string, string> = {},
  path = '/oauth2/non-auth-server/token',
) {
  const res = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined)),
  });
  const text = await res.text();
  let raw: unknown = null;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = null;
  }
  const json = (raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Body;
  return { res, status: res.status, json, raw, text };
}

async function control(path: string, body?: unknown) {
  const res = await fetch(`${base}/__control/${path}`, {
    method: body === undefined && path === 'log' ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, json: await bodyOf(res) };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { verifier, challenge };
}

async function authorizeViaForm(opts: {
  clientId: string;
  decision: 'allow' | 'deny';
  state?: string;
  scope?: string;
  challenge?: string;
  username?: string;
  password?: string;
  redirectUri?: string;
}) {
  const q = new URLSearchParams({
    response_type: 'code',
    client_id: opts.clientId,
    redirect_uri: opts.redirectUri ?? REDIRECT,
    state: opts.state ?? 'st-123',
  });
  if (opts.scope) q.set('scope', opts.scope);
  if (opts.challenge) {
    q.set('code_challenge', opts.challenge);
    q.set('code_challenge_method', 'S256');
  }
  const page = await fetch(`${base}/oauth/authorize?${q}`);
  expect(page.status).toBe(200);
  const html = await page.text();
  expect(html).toContain('id="allow"');
  expect(html).toContain('id="deny"');
  // Submit the form exactly as a browser would: hidden inputs + credentials + the clicked button.
  const form = new URLSearchParams();
  for (const m of html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)) {
    form.set(
      m[1]!,
      m[2]!
        .replace(/&quot;/g, '"')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&#39;/g, "'")
        .replace(/&amp;/g, '&'),
    );
  }
  form.set('username', opts.username ?? 'alice');
  form.set('password', opts.password ?? 'alice-password');
  form.set('decision', opts.decision);
  const res = await fetch(`${base}/oauth/authorize`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form,
    redirect: 'manual',
  });
  return res;
}

describe('authorization code grant', () => {
  it('runs the full flow with PKCE for a confidential client, and the code is single-use', async () => {
    const { verifier, challenge } = pkce();
    const res = await authorizeViaForm({
      clientId: 'acg-client',
      decision: 'allow',
      scope: 'file_requests.read',
      challenge,
      state: 'a b&c',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('a b&c');
    expect(location.searchParams.has('iss')).toBe(false);
    const code = location.searchParams.get('code')!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{20,}$/);

    const params = { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: verifier };
    const t = await token(params, { authorization: basic('acg-client', 'acg-secret') });
    expect(t.status).toBe(200);
    expect(t.res.headers.get('cache-control')).toBe('no-store');
    expect(t.json.token_type).toBe('Bearer');
    expect(t.json.scope).toBe('file_requests.read');
    expect(t.json.expires_in).toBe(300);
    expect(typeof t.json.access_token).toBe('string');
    expect(typeof t.json.refresh_token).toBe('string');

    const user = await fetch(`${base}/oauth2/non-auth-server/user`, {
      headers: { authorization: `Bearer ${t.json.access_token}` },
    });
    expect(user.status).toBe(200);
    expect(await bodyOf(user)).toMatchObject({ id: 1, name: 'alice', email: 'alice@example.test' });

    const again = await token(params, { authorization: basic('acg-client', 'acg-secret') });
    expect(again.status).toBe(400);
    expect(again.json.error).toBe('invalid_grant');
    expect(typeof again.json.error_description).toBe('string');
  });

  it('rejects a wrong code_verifier with invalid_grant', async () => {
    const { challenge } = pkce();
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow', challenge });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const t = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT, code_verifier: pkce().verifier },
      { authorization: basic('acg-client', 'acg-secret') },
    );
    expect(t.status).toBe(400);
    expect(t.json.error).toBe('invalid_grant');
  });

  it('rejects a redirect_uri different from the authorization request', async () => {
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const t = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://127.0.0.1:45678/other',
      client_id: 'acg-client',
      client_secret: 'acg-secret',
    });
    expect(t.status).toBe(400);
    expect(t.json.error).toBe('invalid_request');
  });

  it('public client: PKCE is required and the exchange needs no secret', async () => {
    const noPkce = await fetch(
      `${base}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'public-client', redirect_uri: REDIRECT, state: 's' })}`,
      { redirect: 'manual' },
    );
    expect(noPkce.status).toBe(302);
    const err = new URL(noPkce.headers.get('location')!);
    expect(err.searchParams.get('error')).toBe('invalid_request');
    expect(err.searchParams.get('state')).toBe('s');

    const { verifier, challenge } = pkce();
    const res = await authorizeViaForm({ clientId: 'public-client', decision: 'allow', challenge });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const withoutVerifier = await token({
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT,
      client_id: 'public-client',
    });
    expect(withoutVerifier.status).toBe(400);
    expect(['invalid_client', 'invalid_grant', 'invalid_request']).toContain(withoutVerifier.json.error);

    const res2 = await authorizeViaForm({ clientId: 'public-client', decision: 'allow', challenge });
    const code2 = new URL(res2.headers.get('location')!).searchParams.get('code')!;
    const t = await token({
      grant_type: 'authorization_code',
      code: code2,
      redirect_uri: REDIRECT,
      client_id: 'public-client',
      code_verifier: verifier,
    });
    expect(t.status).toBe(200);
    expect(t.json.refresh_token).toBeTruthy();
    const log = await getLog();
    expect(log.at(-1)).toMatchObject({
      grantType: 'authorization_code',
      clientId: 'public-client',
      clientAuth: 'none',
      status: 200,
    });

    const r = await token({
      grant_type: 'refresh_token',
      refresh_token: t.json.refresh_token,
      client_id: 'public-client',
    });
    expect(r.status).toBe(200);
    expect(r.json.access_token).not.toBe(t.json.access_token);
  });

  it('POST to the authorization URL itself with only the credentials and decision works too', async () => {
    const q = new URLSearchParams({
      response_type: 'code',
      client_id: 'acg-client',
      redirect_uri: REDIRECT,
      state: 'q-state',
    });
    const res = await fetch(`${base}/oauth/authorize?${q}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'bob', password: 'bob-password', decision: 'allow' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('state')).toBe('q-state');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('denied consent redirects with error=access_denied and the state', async () => {
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'deny', state: 'deny-state' });
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('deny-state');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('wrong password on the login form re-renders the page with an error and no redirect', async () => {
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow', password: 'nope' });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('id="error"');
    expect(html).toContain('Invalid username or password');
  });

  it('adds iss to the authorization response when an issuer is set (RFC 9207)', async () => {
    expect((await control('settings', { issuer: 'http://issuer.test/' })).status).toBe(200);
    const ok = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow' });
    expect(new URL(ok.headers.get('location')!).searchParams.get('iss')).toBe('http://issuer.test/');
    const denied = await authorizeViaForm({ clientId: 'acg-client', decision: 'deny' });
    expect(new URL(denied.headers.get('location')!).searchParams.get('iss')).toBe('http://issuer.test/');
  });

  it('never redirects to a non-loopback redirect_uri and escapes echoed values', async () => {
    const bad = await fetch(
      `${base}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'acg-client', redirect_uri: 'https://evil.example/cb', state: 's' })}`,
      { redirect: 'manual' },
    );
    expect(bad.status).toBe(400);
    expect(bad.headers.get('location')).toBeNull();

    const page = await fetch(
      `${base}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: 'acg-client', redirect_uri: REDIRECT, state: '"><script>alert(1)</script>' })}`,
    );
    const html = await page.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&quot;&gt;&lt;script&gt;');

    const unknown = await fetch(
      `${base}/oauth/authorize?${new URLSearchParams({ response_type: 'code', client_id: '<b>x</b>', redirect_uri: REDIRECT, state: 's' })}`,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).not.toContain('<b>x</b>');
  });
});

describe('password grant and refresh', () => {
  it('issues tokens for the right password and invalid_grant for a wrong one', async () => {
    const ok = await token(
      { grant_type: 'password', username: 'bob', password: 'bob-password' },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    expect(ok.status).toBe(200);
    expect(ok.json.access_token).toBeTruthy();
    expect(ok.json.refresh_token).toBeTruthy();
    const me = await fetch(`${base}/oauth2/non-auth-server/user`, {
      headers: { authorization: `Bearer ${ok.json.access_token}` },
    });
    expect(me.status).toBe(200);
    expect((await bodyOf(me)).name).toBe('bob');

    const bad = await token(
      { grant_type: 'password', username: 'bob', password: 'alice-password' },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    expect(bad.status).toBe(400);
    expect(bad.json.error).toBe('invalid_grant');
  });

  it('rotates refresh tokens; an old refresh token is invalid_grant', async () => {
    const auth = { authorization: basic('ropcg-client', 'ropcg-secret') };
    const first = await token({ grant_type: 'password', username: 'alice', password: 'alice-password' }, auth);
    const second = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, auth);
    expect(second.status).toBe(200);
    expect(second.json.refresh_token).toBeTruthy();
    expect(second.json.refresh_token).not.toBe(first.json.refresh_token);
    expect(second.json.access_token).not.toBe(first.json.access_token);
    const reuse = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, auth);
    expect(reuse.status).toBe(400);
    expect(reuse.json.error).toBe('invalid_grant');
    const third = await token({ grant_type: 'refresh_token', refresh_token: second.json.refresh_token }, auth);
    expect(third.status).toBe(200);
    // the refreshed token keeps the password grant: it still works on the ROPCG operation
    const me = await fetch(`${base}/oauth2/non-auth-server/user`, {
      headers: { authorization: `Bearer ${third.json.access_token}` },
    });
    expect(me.status).toBe(200);
  });

  it('a refresh token of another client is invalid_grant', async () => {
    const first = await token(
      { grant_type: 'password', username: 'alice', password: 'alice-password' },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    const other = await token(
      { grant_type: 'refresh_token', refresh_token: first.json.refresh_token },
      { authorization: basic('odd:client%id', 's3cr3t:with%odd&chars') },
    );
    expect(other.status).toBe(400);
    expect(other.json.error).toBe('invalid_grant');
  });

  it('rotateRefreshTokens=false keeps the refresh token usable and omits a new one', async () => {
    await control('settings', { rotateRefreshTokens: false });
    const auth = { authorization: basic('ropcg-client', 'ropcg-secret') };
    const first = await token({ grant_type: 'password', username: 'alice', password: 'alice-password' }, auth);
    const a = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, auth);
    const b = await token({ grant_type: 'refresh_token', refresh_token: first.json.refresh_token }, auth);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.json.refresh_token).toBeUndefined();
  });

  it('omitRefreshToken, tokenType and accessTokenLifetime settings', async () => {
    const s = await control('settings', { omitRefreshToken: true, tokenType: 'bearer', accessTokenLifetime: 1 });
    expect(s.json).toMatchObject({ omitRefreshToken: true, tokenType: 'bearer', accessTokenLifetime: 1 });
    const t = await token(
      { grant_type: 'password', username: 'alice', password: 'alice-password' },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    expect(t.status).toBe(200);
    expect(t.json.refresh_token).toBeUndefined();
    expect(t.json.token_type).toBe('bearer');
    expect(t.json.expires_in).toBe(1);
    const url = `${base}/oauth2/non-auth-server/user`;
    expect((await fetch(url, { headers: { authorization: `Bearer ${t.json.access_token}` } })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    const expired = await fetch(url, { headers: { authorization: `Bearer ${t.json.access_token}` } });
    expect(expired.status).toBe(401);
    expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await control('settings', { bogus: 1 })).status).toBe(400);
  });
});

describe('client authentication', () => {
  it('Basic with form-urlencoded odd characters (RFC 6749 §2.3.1), logged as basic', async () => {
    const t = await token(
      { grant_type: 'client_credentials' },
      { authorization: basic('odd:client%id', 's3cr3t:with%odd&chars') },
      '/oauth2/auth-server/request_token',
    );
    expect(t.status).toBe(200);
    expect(t.json.refresh_token).toBeUndefined();
    const log = await getLog();
    expect(log).toEqual([
      {
        method: 'POST',
        path: '/oauth2/auth-server/request_token',
        grantType: 'client_credentials',
        clientId: 'odd:client%id',
        clientAuth: 'basic',
        authorization: true,
        status: 200,
        fault: null,
      },
    ]);
  });

  it('Basic without the form-urlencoding fails for the odd client with 401 invalid_client', async () => {
    const raw = `Basic ${Buffer.from('odd:client%id:s3cr3t:with%odd&chars').toString('base64')}`;
    const t = await token({ grant_type: 'client_credentials' }, { authorization: raw });
    expect(t.status).toBe(401);
    expect(t.json.error).toBe('invalid_client');
  });

  it('client_secret_post, logged as post', async () => {
    const t = await token({
      grant_type: 'client_credentials',
      client_id: 'odd:client%id',
      client_secret: 's3cr3t:with%odd&chars',
    });
    expect(t.status).toBe(200);
    const log = await getLog();
    expect(log.at(-1)).toMatchObject({
      clientId: 'odd:client%id',
      clientAuth: 'post',
      authorization: false,
      grantType: 'client_credentials',
    });
  });

  it('wrong secret with Basic → 401 invalid_client + WWW-Authenticate; with post → 400 invalid_client', async () => {
    const b = await token({ grant_type: 'client_credentials' }, { authorization: basic('ccg-client', 'wrong') });
    expect(b.status).toBe(401);
    expect(b.json.error).toBe('invalid_client');
    expect(b.res.headers.get('www-authenticate')).toMatch(/^Basic /);
    const p = await token({ grant_type: 'client_credentials', client_id: 'ccg-client', client_secret: 'wrong' });
    expect(p.status).toBe(400);
    expect(p.json.error).toBe('invalid_client');
    expect(p.res.headers.get('www-authenticate')).toBeNull();
  });

  it('grant not allowed for the client → unauthorized_client; unknown grant → unsupported_grant_type', async () => {
    const auth = { authorization: basic('ccg-client', 'ccg-secret') };
    const u = await token({ grant_type: 'password', username: 'alice', password: 'alice-password' }, auth);
    expect(u.status).toBe(400);
    expect(u.json.error).toBe('unauthorized_client');
    const g = await token({ grant_type: 'urn:nope' }, auth);
    expect(g.status).toBe(400);
    expect(g.json.error).toBe('unsupported_grant_type');
  });
});

describe('faults', () => {
  const ccg = () =>
    token(
      { grant_type: 'client_credentials' },
      { authorization: basic('ccg-client', 'ccg-secret') },
      '/oauth2/auth-server/request_token',
    );

  it('401 on the api and on the token endpoint', async () => {
    const t = await ccg();
    await control('fault', { target: 'api', kind: '401', count: 2 });
    const h = { authorization: `Bearer ${t.json.access_token}` };
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${base}/oauth2/non-auth-server/status`, { headers: h });
      expect(r.status).toBe(401);
      expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    }
    expect((await fetch(`${base}/oauth2/non-auth-server/status`, { headers: h })).status).toBe(200);
    await control('fault', { target: 'token', kind: '401' });
    const bad = await ccg();
    expect(bad.status).toBe(401);
    expect(bad.json.error).toBe('invalid_client');
  });

  it('500', async () => {
    await control('fault', { target: 'token', kind: '500' });
    const t = await ccg();
    expect(t.status).toBe(500);
    expect(t.raw).toBeNull();
    expect((await ccg()).status).toBe(200); // count defaults to 1
  });

  it('non-json', async () => {
    await control('fault', { target: 'token', kind: 'non-json' });
    const t = await ccg();
    expect(t.status).toBe(200);
    expect(t.raw).toBeNull();
  });

  it('invalid_grant with count 2', async () => {
    await control('fault', { target: 'token', kind: 'invalid_grant', count: 2 });
    expect((await ccg()).json.error).toBe('invalid_grant');
    expect((await ccg()).status).toBe(400);
    expect((await ccg()).status).toBe(200);
    const log = await getLog();
    expect(log.map((e) => e.fault)).toEqual(['invalid_grant', 'invalid_grant', null]);
    expect(log.map((e) => e.status)).toEqual([400, 400, 200]);
  });

  it('html-200', async () => {
    await control('fault', { target: 'token', kind: 'html-200' });
    const t = await ccg();
    expect(t.status).toBe(200);
    expect(t.res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(t.raw).toBeNull();
  });

  it('array-200', async () => {
    await control('fault', { target: 'token', kind: 'array-200' });
    const t = await ccg();
    expect(t.status).toBe(200);
    expect(Array.isArray(t.raw)).toBe(true);
  });

  it('no-access-token', async () => {
    await control('fault', { target: 'token', kind: 'no-access-token' });
    const t = await ccg();
    expect(t.status).toBe(200);
    expect(t.json.token_type).toBe('Bearer');
    expect(t.json.access_token).toBeUndefined();
  });

  it('slow delays then answers normally', async () => {
    await control('fault', { target: 'token', kind: 'slow', delayMs: 400 });
    const start = Date.now();
    const t = await ccg();
    expect(Date.now() - start).toBeGreaterThanOrEqual(390);
    expect(t.status).toBe(200);
    expect(t.json.access_token).toBeTruthy();
  });

  it('api target only affects the resource API; bad fault specs are rejected', async () => {
    await control('fault', { target: 'api', kind: '500' });
    expect((await ccg()).status).toBe(200);
    const r = await fetch(`${base}/auth/noAuth?array=true`);
    expect(r.status).toBe(500);
    expect((await fetch(`${base}/auth/noAuth?array=true`)).status).toBe(200);
    expect((await control('fault', { target: 'token', kind: 'explode' })).status).toBe(400);
    expect((await control('fault', { target: 'db', kind: '500' })).status).toBe(400);
  });

  it('reset clears pending faults', async () => {
    await control('fault', { target: 'token', kind: '500', count: 5 });
    await control('reset', {});
    expect((await ccg()).status).toBe(200);
  });
});

describe('issue 10/12 additions: grantedScopes, drip, gzip-bomb, status faults with Retry-After, /echo', () => {
  const ropcg = { authorization: basic('ropcg-client', 'ropcg-secret') };
  const password = (scope?: string) =>
    token({ grant_type: 'password', username: 'alice', password: 'alice-password', scope }, ropcg);

  it('grantedScopes: the server grants fewer scopes than asked; refresh beyond the grant is invalid_scope', async () => {
    // without the setting an unknown scope is refused
    expect((await password('file_requests.read other.scope')).json.error).toBe('invalid_scope');
    expect((await control('settings', { grantedScopes: ['file_requests.read'] })).status).toBe(200);
    const t = await password('file_requests.read other.scope');
    expect(t.status).toBe(200);
    expect(t.json.scope).toBe('file_requests.read');
    const beyond = await token(
      { grant_type: 'refresh_token', refresh_token: t.json.refresh_token, scope: 'file_requests.read other.scope' },
      ropcg,
    );
    expect(beyond.status).toBe(400);
    expect(beyond.json.error).toBe('invalid_scope');
    const omitted = await token({ grant_type: 'refresh_token', refresh_token: t.json.refresh_token }, ropcg);
    expect(omitted.status).toBe(200);
    expect(omitted.json.scope).toBe('file_requests.read');

    await control('settings', { grantedScopes: [] });
    const none = await password('file_requests.read');
    expect(none.status).toBe(200);
    expect(none.json.scope).toBeUndefined();
    const again = await token(
      { grant_type: 'refresh_token', refresh_token: none.json.refresh_token, scope: 'file_requests.read' },
      ropcg,
    );
    expect(again.json.error).toBe('invalid_scope');
    expect((await control('settings', { grantedScopes: 'file_requests.read' })).status).toBe(400);
    expect((await control('settings', { grantedScopes: [''] })).status).toBe(400);
    await control('reset', {});
    expect((await control('settings', {})).json.grantedScopes).toBeNull();
  });

  it('drip: headers at once, then one body byte per intervalMs', async () => {
    await control('fault', { target: 'token', kind: 'drip', intervalMs: 5 });
    const start = Date.now();
    const t = await password();
    const elapsed = Date.now() - start;
    expect(t.status).toBe(200);
    expect(t.json.access_token).toBeTruthy();
    expect(elapsed).toBeGreaterThanOrEqual(t.text.length * 5 * 0.8);
    expect((await getLog()).at(-1)).toMatchObject({ fault: 'drip', status: 200 });
    expect((await control('fault', { target: 'token', kind: 'drip', intervalMs: -1 })).status).toBe(400);
  });

  it('drip stops when the client goes away', async () => {
    await control('fault', { target: 'api', kind: 'drip', intervalMs: 200 });
    const ac = new AbortController();
    const res = await fetch(`${base}/echo`, { signal: ac.signal });
    expect(res.status).toBe(200);
    ac.abort();
    // the server keeps serving
    expect((await fetch(`${base}/echo`)).status).toBe(200);
  });

  it('gzip-bomb: a small gzip body that decompresses to about 50 MB', async () => {
    await control('fault', { target: 'token', kind: 'gzip-bomb' });
    const { request } = await import('node:http');
    const { gunzipSync } = await import('node:zlib');
    const { status, headers, compressed } = await new Promise<{
      status: number;
      headers: Record<string, unknown>;
      compressed: Buffer;
    }>((resolve, reject) => {
      const req = request(
        `${base}/oauth2/non-auth-server/token`,
        { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, compressed: Buffer.concat(chunks) }),
          );
        },
      );
      req.on('error', reject);
      req.end('grant_type=client_credentials');
    });
    expect(status).toBe(200);
    expect(headers['content-encoding']).toBe('gzip');
    expect(compressed.length).toBeLessThan(200 * 1024);
    const decoded = gunzipSync(compressed);
    expect(decoded.length).toBe(50 * 1024 * 1024);
    expect(decoded.subarray(0, 20).toString()).toBe('{"token_type":"Beare');
  });

  it('status faults 408/429/500/502/503/504 with Retry-After (seconds or date) and retry-after-ms', async () => {
    for (const kind of ['408', '429', '502', '503', '504']) {
      await control('fault', { target: 'api', kind });
      const r = await fetch(`${base}/auth/noAuth?array=true`);
      expect(r.status).toBe(Number(kind));
      expect(r.headers.get('retry-after')).toBeNull();
    }
    await control('fault', { target: 'api', kind: '429', count: 2, retryAfter: 3, retryAfterMs: 1500 });
    for (let i = 0; i < 2; i++) {
      const r = await fetch(`${base}/auth/noAuth?array=true`);
      expect(r.status).toBe(429);
      expect(r.headers.get('retry-after')).toBe('3');
      expect(r.headers.get('retry-after-ms')).toBe('1500');
    }
    expect((await fetch(`${base}/auth/noAuth?array=true`)).status).toBe(200);
    await control('fault', { target: 'api', kind: '503', retryAfterDateIn: 120 });
    const dated = await fetch(`${base}/auth/noAuth?array=true`);
    expect(dated.status).toBe(503);
    const when = Date.parse(dated.headers.get('retry-after') ?? '');
    expect(when - Date.now()).toBeGreaterThan(100_000);
    expect(when - Date.now()).toBeLessThan(125_000);
    await control('fault', { target: 'api', kind: '500', retryAfter: 'Wed, 21 Oct 2015 07:28:00 GMT' });
    const old = await fetch(`${base}/auth/noAuth?array=true`);
    expect(old.status).toBe(500);
    expect(old.headers.get('retry-after')).toBe('Wed, 21 Oct 2015 07:28:00 GMT');
    expect((await control('fault', { target: 'api', kind: 'slow', retryAfter: 1 })).status).toBe(400);
    expect((await control('fault', { target: 'api', kind: '503', retryAfterDateIn: 'soon' })).status).toBe(400);
  });

  it('ANY /echo answers and logs method, headers and Idempotency-Key; api faults apply to it', async () => {
    const r = await fetch(`${base}/echo?x=1`, {
      method: 'POST',
      headers: { 'idempotency-key': 'key-123', 'x-extra': 'yes', 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(r.status).toBe(200);
    const echoed = (await r.json()) as { method: string; query: Record<string, string>; body: string };
    expect(echoed).toMatchObject({ method: 'POST', query: { x: '1' }, body: 'hello' });
    await control('fault', { target: 'api', kind: '503', count: 1 });
    expect((await fetch(`${base}/echo`, { method: 'DELETE' })).status).toBe(503);
    expect((await fetch(`${base}/echo`, { method: 'PUT' })).status).toBe(200);
    const log = (await getLog()) as (LogEntry & {
      idempotencyKey: string | null;
      headers: Record<string, string> | null;
    })[];
    expect(log.map((e) => [e.method, e.status, e.fault])).toEqual([
      ['POST', 200, null],
      ['DELETE', 503, '503'],
      ['PUT', 200, null],
    ]);
    expect(log[0]?.idempotencyKey).toBe('key-123');
    expect(log[0]?.headers?.['x-extra']).toBe('yes');
    expect(log[1]).not.toHaveProperty('idempotencyKey');
    // other routes log the key too, but not the headers
    await fetch(`${base}/auth/noAuth?array=true`, { headers: { 'idempotency-key': 'k2' } });
    const last = (await getLog()).at(-1);
    expect(last).toMatchObject({ idempotencyKey: 'k2', path: '/auth/noAuth' });
    expect(last).not.toHaveProperty('headers');
  });
});

describe('resource API', () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers });
  const plainBasic = (u: string, p: string) => `Basic ${Buffer.from(`${u}:${p}`).toString('base64')}`;

  it('static bearer', async () => {
    const ok = await get('/auth/oauth2', { authorization: 'Bearer static-bearer-token' });
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain('authorized');
    const none = await get('/auth/oauth2');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    const bad = await get('/auth/oauth2', { authorization: 'Bearer wrong' });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
  });

  it('api key in query or header', async () => {
    expect((await get('/auth/customQueryOrHeaderParam?api-key=api-key-value')).status).toBe(200);
    expect((await get('/auth/customQueryOrHeaderParam', { 'api-key': 'api-key-value' })).status).toBe(200);
    expect((await get('/auth/customQueryOrHeaderParam', { 'api-key': 'nope' })).status).toBe(401);
  });

  it('basic AND api key AND api header', async () => {
    const auth = plainBasic('basic-user', 'basic-pass');
    expect(
      (
        await get('/auth/basicAndApiKeyAndApiHeader?api-key=api-key-value', {
          authorization: auth,
          'api-key': 'api-key-value',
        })
      ).status,
    ).toBe(200);
    expect((await get('/auth/basicAndApiKeyAndApiHeader?api-key=api-key-value', { authorization: auth })).status).toBe(
      401,
    );
    const wrong = await get('/auth/basicAndApiKeyAndApiHeader?api-key=api-key-value', {
      authorization: plainBasic('basic-user', 'x'),
      'api-key': 'api-key-value',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('www-authenticate')).toMatch(/Basic/);
    // API-wide requirement: bearer OR (basic AND key AND header)
    expect(
      (
        await get('/auth/multipleAuthCombination?api-key=api-key-value', {
          authorization: auth,
          'api-key': 'api-key-value',
        })
      ).status,
    ).toBe(200);
    expect((await get('/auth/multipleAuthCombination', { authorization: 'Bearer static-bearer-token' })).status).toBe(
      200,
    );
    expect((await get('/auth/multipleAuthCombination', { authorization: auth })).status).toBe(401);
  });

  it('client credentials token on the CCG operations, not on the ACG one', async () => {
    const t = await token(
      { grant_type: 'client_credentials', client_id: 'ccg-client', client_secret: 'ccg-secret' },
      {},
      '/oauth2/auth-server/request_token',
    );
    const h = { authorization: `Bearer ${t.json.access_token}` };
    const status = await get('/oauth2/non-auth-server/status', h);
    expect(status.status).toBe(200);
    expect((await bodyOf(status)).status).toBe('OK');
    expect((await get('/oauth2/oauthOrCombination', h)).status).toBe(200);
    expect((await get('/oauth2/oauthOrCombination', { authorization: 'Bearer static-bearer-token' })).status).toBe(200);
    expect((await get('/oauth2/non-auth-server/user', h)).status).toBe(403);
    const log = await getLog();
    expect(log.at(-1)).toMatchObject({ path: '/oauth2/non-auth-server/user', authorization: true, status: 403 });
  });

  it('ACG token without file_requests.read → 403 insufficient_scope', async () => {
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow' });
    const code = new URL(res.headers.get('location')!).searchParams.get('code')!;
    const t = await token(
      { grant_type: 'authorization_code', code, redirect_uri: REDIRECT },
      { authorization: basic('acg-client', 'acg-secret') },
    );
    expect(t.status).toBe(200);
    expect(t.json.scope).toBeUndefined();
    const r = await get('/oauth2/non-auth-server/user', { authorization: `Bearer ${t.json.access_token}` });
    expect(r.status).toBe(403);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="file_requests.read"');
    expect((await bodyOf(r)).error).toBe('insufficient_scope');
  });

  it('unknown scope at authorization → invalid_scope redirect', async () => {
    const res = await authorizeViaForm({ clientId: 'acg-client', decision: 'allow', scope: 'admin' });
    expect(res.status).toBe(302);
    expect(new URL(res.headers.get('location')!).searchParams.get('error')).toBe('invalid_scope');
  });

  it('revoke → 401 with WWW-Authenticate: Bearer error="invalid_token"', async () => {
    const t = await token(
      { grant_type: 'password', username: 'alice', password: 'alice-password' },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    const h = { authorization: `Bearer ${t.json.access_token}` };
    expect((await get('/oauth2/non-auth-server/user', h)).status).toBe(200);
    const rv = await control('revoke', {});
    expect(rv.json.revoked).toBe(1);
    const r = await get('/oauth2/non-auth-server/user', h);
    expect(r.status).toBe(401);
    expect(r.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect((await bodyOf(r)).error).toBe('invalid_token');
    // the refresh token still works after an access-token revocation
    const refreshed = await token(
      { grant_type: 'refresh_token', refresh_token: t.json.refresh_token },
      { authorization: basic('ropcg-client', 'ropcg-secret') },
    );
    expect(refreshed.status).toBe(200);
  });

  it('noAuth needs array=true; unknown paths are 404', async () => {
    expect((await get('/auth/noAuth?array=true')).status).toBe(200);
    expect((await get('/auth/noAuth')).status).toBe(400);
    expect((await get('/nope')).status).toBe(404);
  });
});

describe('robustness and lifecycle', () => {
  it('rejects oversized bodies and malformed requests without hanging', async () => {
    const big = await fetch(`${base}/oauth2/non-auth-server/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'a='.concat('x'.repeat(2 * 1024 * 1024)),
    }).catch((e: unknown) => e);
    if (big instanceof Response) expect(big.status).toBe(413);
    const json = await token({}, {});
    expect(json.status).toBe(400);
    const wrongType = await fetch(`${base}/oauth2/non-auth-server/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"grant_type":"password"}',
    });
    expect(wrongType.status).toBe(400);
    expect((await bodyOf(wrongType)).error).toBe('invalid_request');
  });

  it('exits when stdin closes', async () => {
    const other: TestServer = await startTestServer();
    const exited = new Promise<number | null>((resolve) => other.child.once('exit', (code) => resolve(code)));
    other.child.stdin!.end();
    expect(await exited).toBe(0);
  });

  it('exits on SIGTERM and binds 127.0.0.1', async () => {
    const other: TestServer = await startTestServer();
    expect(new URL(other.url).hostname).toBe('127.0.0.1');
    const exited = new Promise<string | number | null>((resolve) =>
      other.child.once('exit', (code, sig) => resolve(code ?? sig)),
    );
    other.child.kill('SIGTERM');
    expect(await exited).toBe(0);
  });
});
