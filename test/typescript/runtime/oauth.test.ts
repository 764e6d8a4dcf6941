import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthorizationCodeManager,
  PasswordManager,
  type AuthorizationCodeFlowDefinition,
  type OAuthContext,
} from '../../../templates/typescript/static/src/runtime/oauth.js';
import { OAuthScheme } from '../../../templates/typescript/static/src/runtime/auth.js';
import { execute } from '../../../templates/typescript/static/src/runtime/request.js';
import {
  ApiError,
  AuthRequiredError,
  ConfigurationError,
  InvalidTokenResponseError,
  OAuthCallbackError,
  OAuthProviderError,
  StateMismatchError,
  TimeoutError,
} from '../../../templates/typescript/static/src/runtime/errors.js';
import { nowSeconds, type OAuthToken } from '../../../templates/typescript/static/src/runtime/token.js';
import type { FetchLike } from '../../../templates/typescript/static/src/runtime/http.js';
import { fakeFetch, json, memoryLogger, settings, type Recorded } from './fake-fetch.js';

const ACG: AuthorizationCodeFlowDefinition = {
  schemeName: 'OAuthACG',
  tokenUrl: '/token',
  refreshUrl: null,
  serverName: 'default',
  clientAuth: 'client_secret_basic',
  authorizationUrl: '/authorize',
  pkce: true,
  issuer: null,
};
const ROPCG = { ...ACG, schemeName: 'OAuthROPCG' };

function context(fetch: FetchLike, base = 'http://127.0.0.1:9', logger = memoryLogger()): OAuthContext {
  return { http: settings(fetch, logger, 300), serverUrl: () => base, allowInsecureHttp: false };
}

let counter = 0;
function tokenEndpoint(options: { omitRefresh?: boolean; delayMs?: number } = {}) {
  return async (req: Recorded): Promise<Response> => {
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    counter++;
    const form = new URLSearchParams(req.body);
    const body: Record<string, unknown> = {
      access_token: `access-token-${counter}-xxxxxxxx`,
      token_type: 'Bearer',
      expires_in: 3600,
    };
    if (!options.omitRefresh) body['refresh_token'] = `refresh-token-${counter}-xxxxxxxx`;
    if (form.get('grant_type') === 'refresh_token' && form.get('refresh_token') === 'dead') {
      return json(400, { error: 'invalid_grant', error_description: 'bad' });
    }
    return json(200, body);
  };
}

const expired = (refreshToken?: string): OAuthToken => ({
  accessToken: 'expired-access-token-aaaa',
  tokenType: 'Bearer',
  expiry: nowSeconds() - 10,
  ...(refreshToken ? { refreshToken } : {}),
});

describe('authorization code manager', () => {
  it('builds a URL with state and S256 challenge; additionalParams cannot override protected ones', () => {
    const { fetch, requests } = fakeFetch(tokenEndpoint());
    const m = new AuthorizationCodeManager(ACG, context(fetch), {
      clientId: 'cid',
      clientSecret: 'secret-value-123456',
      redirectUri: 'http://127.0.0.1:5000/cb',
      scopes: ['a', 'b c'],
    });
    const req = m.authorizationRequest({ additionalParams: { prompt: 'consent' } });
    const url = new URL(req.url);
    expect(url.origin + url.pathname).toBe('http://127.0.0.1:9/authorize');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('a b c');
    expect(url.searchParams.get('state')).toBe(req.state);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('prompt')).toBe('consent');
    expect(req.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    for (const key of [
      'response_type',
      'client_id',
      'redirect_uri',
      'state',
      'code_challenge',
      'code_challenge_method',
    ]) {
      expect(() => m.getAuthorizationUrl({ additionalParams: { [key]: 'x' } })).toThrow(ConfigurationError);
    }
    expect(requests).toHaveLength(0);
  });

  it('checks state, error and issuer on the callback before any network call', async () => {
    const { fetch, requests } = fakeFetch(tokenEndpoint());
    const m = new AuthorizationCodeManager(ACG, context(fetch), {
      clientId: 'cid',
      clientSecret: 'secret-value-123456',
      redirectUri: 'http://127.0.0.1:5000/cb',
      issuer: 'https://issuer.example',
    });
    const { state, codeVerifier } = m.authorizationRequest();
    const cb = (q: string) => `http://127.0.0.1:5000/cb?${q}`;
    await expect(m.fetchTokenFromCallback(cb('code=c&state=forged'), state, codeVerifier)).rejects.toThrow(
      StateMismatchError,
    );
    await expect(m.fetchTokenFromCallback(cb('code=c'), state, codeVerifier)).rejects.toThrow(StateMismatchError);
    const denied = await m
      .fetchTokenFromCallback(
        cb(
          `error=access_denied&error_description=no&state=${state}&iss=${encodeURIComponent('https://issuer.example')}`,
        ),
        state,
        codeVerifier,
      )
      .catch((e: unknown) => e);
    expect(denied).toBeInstanceOf(OAuthCallbackError);
    expect((denied as OAuthCallbackError).error).toBe('access_denied');
    expect((denied as OAuthCallbackError).state).toBe(state);
    const wrongIss = await m
      .fetchTokenFromCallback(cb(`code=c&state=${state}&iss=https://evil.example`), state, codeVerifier)
      .catch((e: unknown) => e);
    expect((wrongIss as OAuthCallbackError).error).toBe('issuer_mismatch');
    expect(requests).toHaveLength(0);
    const token = await m.fetchTokenFromCallback(
      cb(`code=the-code&state=${state}&iss=${encodeURIComponent('https://issuer.example')}`),
      state,
      codeVerifier,
    );
    expect(token.accessToken).toMatch(/^access-token-/);
    const form = new URLSearchParams(requests[0]!.body);
    expect(form.get('code_verifier')).toBe(codeVerifier);
    expect(form.get('grant_type')).toBe('authorization_code');
    expect(requests[0]!.headers['authorization']).toMatch(/^Basic /);
  });

  it('refuses plain http token URLs on non-loopback hosts', async () => {
    const { fetch, requests } = fakeFetch(tokenEndpoint());
    const m = new AuthorizationCodeManager(ACG, context(fetch, 'http://api.example.com'), {
      clientId: 'cid',
      clientSecret: 's',
      redirectUri: 'https://app/cb',
      pkce: false,
    });
    await expect(m.fetchToken('code')).rejects.toThrow(ConfigurationError);
    expect(() => m.getAuthorizationUrl()).toThrow(/https/);
    expect(requests).toHaveLength(0);
  });
});

describe('password manager: refresh, errors, single flight', () => {
  it('keeps the old refresh token when the response omits it and calls the callback once per update', async () => {
    const { fetch } = fakeFetch(tokenEndpoint({ omitRefresh: true }));
    const updates: OAuthToken[] = [];
    const m = new PasswordManager(ROPCG, context(fetch), {
      clientId: 'c',
      clientSecret: 's',
      username: 'u',
      password: 'p',
      token: expired('kept-refresh-token-1234'),
      onTokenUpdate: (t) => void updates.push(t),
    });
    const t = await m.refreshToken();
    expect(t.refreshToken).toBe('kept-refresh-token-1234');
    await m.refreshToken();
    expect(m.token?.refreshToken).toBe('kept-refresh-token-1234');
    expect(updates).toHaveLength(2);
  });

  it('refresh without refresh token is a typed error, no request', async () => {
    const { fetch, requests } = fakeFetch(tokenEndpoint());
    const m = new PasswordManager(ROPCG, context(fetch), { clientId: 'c', clientSecret: 's', token: expired() });
    await expect(m.refreshToken()).rejects.toThrow(AuthRequiredError);
    await expect(m.authorize()).rejects.toThrow(/no refresh token/);
    expect(requests).toHaveLength(0);
  });

  it('maps provider errors, invalid bodies and timeouts; the previous token is kept', async () => {
    const responses: Array<() => Response | Promise<Response>> = [
      () => json(400, { error: 'invalid_grant', error_description: 'nope' }),
      () => new Response('Internal Server Error', { status: 500 }),
      () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } }),
      () => json(200, [{ access_token: 'x', token_type: 'Bearer' }]),
      () => json(200, { token_type: 'Bearer' }),
      () => json(200, { access_token: 'x', token_type: 'mac' }),
      () => new Response('x'.repeat(100_000), { status: 200 }),
    ];
    let i = 0;
    const { fetch } = fakeFetch(() => responses[i++]!());
    const start = expired('refresh-token-abcdefgh');
    const m = new PasswordManager(ROPCG, context(fetch), { clientId: 'c', clientSecret: 's', token: start });
    const e1 = await m.refreshToken().catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(OAuthProviderError);
    expect((e1 as OAuthProviderError).error).toBe('invalid_grant');
    expect((e1 as OAuthProviderError).status).toBe(400);
    const e2 = await m.refreshToken().catch((e: unknown) => e);
    expect(e2).toBeInstanceOf(ApiError);
    expect((e2 as ApiError).status).toBe(500);
    for (let k = 0; k < 5; k++) await expect(m.refreshToken()).rejects.toThrow(InvalidTokenResponseError);
    expect(m.token).toBe(start);

    const slow = fakeFetch(tokenEndpoint({ delayMs: 2000 }));
    const m2 = new PasswordManager(ROPCG, context(slow.fetch), { clientId: 'c', clientSecret: 's', token: start });
    await expect(m2.refreshToken()).rejects.toThrow(TimeoutError);
    expect(m2.token).toBe(start);
  });

  it('50 concurrent calls with an expired token share one refresh and one callback', async () => {
    let tokenCalls = 0;
    let apiCalls = 0;
    const { fetch } = fakeFetch(async (req) => {
      if (req.url.pathname === '/token') {
        tokenCalls++;
        await new Promise((r) => setTimeout(r, 20));
        return json(200, { access_token: 'fresh-access-token-1', token_type: 'bearer', expires_in: 3600 });
      }
      apiCalls++;
      return req.headers['authorization'] === 'Bearer fresh-access-token-1' ? json(200, { ok: true }) : json(401, {});
    });
    let callbacks = 0;
    const ctx = context(fetch);
    const m = new PasswordManager(ROPCG, ctx, {
      clientId: 'c',
      clientSecret: 's',
      token: expired('refresh-token-abcdefgh'),
      onTokenUpdate: () => void callbacks++,
    });
    const core = {
      http: ctx.http,
      serverUrl: () => 'http://127.0.0.1:9',
      schemes: { OAuthROPCG: new OAuthScheme(m) },
      credentialOrigins: new Set(['http://127.0.0.1:9']),
    };
    const op = {
      method: 'GET',
      server: 'default',
      path: '/user',
      security: [['OAuthROPCG']],
      accept: 'application/json',
      responseType: 'json' as const,
    };
    const results = await Promise.all(Array.from({ length: 50 }, () => execute<{ ok: boolean }>(core, op)));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(tokenCalls).toBe(1);
    expect(callbacks).toBe(1);
    expect(apiCalls).toBe(50);
  });

  it('401 invalid_token refreshes once and retries once, never loops', async () => {
    let tokenCalls = 0;
    let apiCalls = 0;
    const { fetch } = fakeFetch((req) => {
      if (req.url.pathname === '/token') {
        tokenCalls++;
        return json(200, { access_token: `new-access-${tokenCalls}-xxxx`, token_type: 'Bearer', refresh_token: 'r2' });
      }
      apiCalls++;
      return json(401, { error: 'invalid_token' }, { 'www-authenticate': 'Bearer error="invalid_token"' });
    });
    const ctx = context(fetch);
    const m = new PasswordManager(ROPCG, ctx, {
      clientId: 'c',
      clientSecret: 's',
      token: { accessToken: 'revoked-access-token', tokenType: 'Bearer', refreshToken: 'r1' },
    });
    const core = {
      http: ctx.http,
      serverUrl: () => 'http://127.0.0.1:9',
      schemes: { OAuthROPCG: new OAuthScheme(m) },
      credentialOrigins: new Set(['http://127.0.0.1:9']),
    };
    const err = await execute(core, {
      method: 'GET',
      server: 'default',
      path: '/user',
      security: [['OAuthROPCG']],
      accept: null,
      responseType: 'json',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).status).toBe(401);
    expect(tokenCalls).toBe(1);
    expect(apiCalls).toBe(2);
  });

  it('never shows secrets in inspect, JSON or logs', async () => {
    const logger = memoryLogger();
    const { fetch } = fakeFetch(tokenEndpoint());
    const m = new PasswordManager(ROPCG, context(fetch, 'http://127.0.0.1:9', logger), {
      clientId: 'c',
      clientSecret: 'client-secret-SECRET1',
      username: 'u',
      password: 'user-password-SECRET2',
    });
    const t = await m.fetchToken();
    await m.refreshToken();
    const texts = [inspect(m, { depth: 10 }), JSON.stringify(m), ...logger.lines];
    for (const secret of ['client-secret-SECRET1', 'user-password-SECRET2', t.accessToken, t.refreshToken!]) {
      for (const text of texts) expect(text).not.toContain(secret);
    }
  });
});

describe('http', () => {
  it('does not follow redirects to another origin and never forwards credentials there', async () => {
    const { fetch, requests } = fakeFetch((req) =>
      req.url.host === '127.0.0.1:9'
        ? new Response(null, { status: 302, headers: { location: 'http://evil.example/steal' } })
        : json(200, {}),
    );
    const ctx = context(fetch);
    const m = new PasswordManager(ROPCG, ctx, {
      token: { accessToken: 'access-token-value', tokenType: 'Bearer' },
    });
    const core = {
      http: ctx.http,
      serverUrl: () => 'http://127.0.0.1:9',
      schemes: { OAuthROPCG: new OAuthScheme(m) },
      credentialOrigins: new Set(['http://127.0.0.1:9']),
    };
    const err = await execute(core, {
      method: 'GET',
      server: 'default',
      path: '/x',
      security: [['OAuthROPCG']],
      accept: null,
      responseType: 'text',
    }).catch((e: unknown) => e);
    expect((err as ApiError).status).toBe(302);
    expect(requests.map((r) => r.url.host)).toEqual(['127.0.0.1:9']);
  });
});
