/**
 * Issue 6.3 (time), 6.5 (transport hygiene) and the redacting logger of 6.6, in the TypeScript
 * runtime: each rule with the test that proves it.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ClientCredentialsManager,
  PasswordManager,
  type OAuthContext,
  type OAuthFlowDefinition,
} from '../../../templates/typescript/static/src/runtime/oauth.js';
import { OAuthScheme } from '../../../templates/typescript/static/src/runtime/auth.js';
import { execute, type ClientCore } from '../../../templates/typescript/static/src/runtime/request.js';
import {
  ApiError,
  ConfigurationError,
  InvalidTokenResponseError,
} from '../../../templates/typescript/static/src/runtime/errors.js';
import {
  isExpired,
  nowSeconds,
  oAuthTokenFromJSON,
  type OAuthToken,
} from '../../../templates/typescript/static/src/runtime/token.js';
import { redactingLogger } from '../../../templates/typescript/static/src/runtime/redact.js';
import { fakeFetch, json, memoryLogger, settings, type Handler } from './fake-fetch.js';

const ROPCG: OAuthFlowDefinition = {
  schemeName: 'OAuthROPCG',
  tokenUrl: '/token',
  refreshUrl: null,
  serverName: 'default',
  clientAuth: 'client_secret_basic',
};

function setup(
  handler: Handler,
  options: { base?: string; allowInsecureHttp?: boolean; token?: OAuthToken; acceptedTokenTypes?: string[] } = {},
) {
  const { fetch, requests } = fakeFetch(handler);
  const logger = memoryLogger();
  const base = options.base ?? 'http://127.0.0.1:9';
  const context: OAuthContext = {
    http: settings(fetch, logger),
    serverUrl: () => base,
    allowInsecureHttp: options.allowInsecureHttp ?? false,
  };
  const manager = new PasswordManager(ROPCG, context, {
    clientId: 'client',
    clientSecret: 'client-secret-value',
    username: 'user',
    password: 'user-password-value',
    token: options.token,
    acceptedTokenTypes: options.acceptedTokenTypes,
  });
  const core: ClientCore = {
    http: context.http,
    serverUrl: () => base,
    schemes: { OAuthROPCG: new OAuthScheme(manager) },
    credentialOrigins: new Set([new URL(base).origin]),
  };
  return { manager, requests, logger, core, fetch };
}

const call = (core: ClientCore, path = '/user') =>
  execute<unknown>(core, {
    method: 'GET',
    server: 'default',
    path,
    security: [['OAuthROPCG']],
    accept: null,
    responseType: 'text',
  });

const tokenBody = (extra: Record<string, unknown> = {}) =>
  json(200, { access_token: 'access-token-value-1', token_type: 'Bearer', ...extra });

afterEach(() => {
  vi.restoreAllMocks();
});

describe('time (issue 6.3)', () => {
  it('computes expiry from the moment the request was sent, not when the answer arrived', async () => {
    const sent = 1_800_000_000;
    let now = sent * 1000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    const { manager } = setup(() => {
      now += 100_000; // the answer takes 100 s
      return tokenBody({ expires_in: 3600 });
    });
    const token = await manager.fetchToken();
    expect(token.expiry).toBe(sent + 3600);
    expect(token.expiresIn).toBe(3600);
  });

  it('treats tokens as expired 60 s early by default; the skew is configurable', () => {
    const now = nowSeconds();
    const at = (s: number): OAuthToken => ({ accessToken: 'a', tokenType: 'Bearer', expiry: now + s });
    const { manager } = setup(() => tokenBody());
    expect(manager.isTokenExpired(at(59))).toBe(true);
    expect(manager.isTokenExpired(at(61))).toBe(false);
    expect(isExpired(at(1), 0, now)).toBe(false);
    expect(isExpired(at(0), 0, now)).toBe(true);
    const ctx = { http: settings(fakeFetch(() => tokenBody()).fetch), serverUrl: () => 'x', allowInsecureHttp: false };
    const tight = new PasswordManager(ROPCG, ctx, { clockSkewSeconds: 0 });
    expect(tight.isTokenExpired(at(5))).toBe(false);
    for (const bad of [-5, Number.NaN, Infinity]) {
      expect(new PasswordManager(ROPCG, ctx, { clockSkewSeconds: bad }).isTokenExpired(at(59))).toBe(true);
    }
  });

  it('expires_in missing or 0 → unknown expiry: the token is used until a 401, then refreshed once', async () => {
    for (const extra of [{}, { expires_in: 0 }, { expires_in: null }]) {
      const { manager } = setup(() => tokenBody({ ...extra, refresh_token: 'refresh-token-value' }));
      const token = await manager.fetchToken();
      expect(token.expiry).toBeUndefined();
      expect(manager.isTokenExpired(token)).toBe(false);
    }
    let tokenCalls = 0;
    let apiCalls = 0;
    const { core } = setup(
      (req) => {
        if (req.url.pathname === '/token') {
          tokenCalls++;
          return tokenBody({ access_token: 'second-access-token', refresh_token: 'r2' });
        }
        apiCalls++;
        return req.headers['authorization'] === 'Bearer first-access-token' && apiCalls > 3
          ? json(401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' })
          : json(200, {});
      },
      { token: { accessToken: 'first-access-token', tokenType: 'Bearer', refreshToken: 'r1' } },
    );
    for (let i = 0; i < 3; i++) await call(core);
    expect(tokenCalls).toBe(0); // no expiry: used as it is
    await call(core); // 401 → one refresh → one retry
    expect(tokenCalls).toBe(1);
    expect(apiCalls).toBe(5);
  });

  it('a non-numeric or negative expires_in is ignored with a warning, never a crash', async () => {
    for (const value of ['soon', -10, { n: 1 }, '12abc', true]) {
      const { manager, logger } = setup(() => tokenBody({ expires_in: value }));
      const token = await manager.fetchToken();
      expect(token.expiry).toBeUndefined();
      expect(token.expiresIn).toBeUndefined();
      expect(logger.lines.filter((l) => l.startsWith('warn ignoring a non-numeric expires_in'))).toHaveLength(1);
    }
    const { manager } = setup(() => tokenBody({ expires_in: '3600' }));
    expect((await manager.fetchToken()).expiresIn).toBe(3600);
  });

  it('a token from JSON written in another time zone is judged identically (UTC epoch seconds)', () => {
    const original = process.env['TZ'];
    const expiry = nowSeconds() + 30; // within the 60 s skew: expired
    const stored = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expiry });
    const later = JSON.stringify({ access_token: 'a', token_type: 'Bearer', expiry: expiry + 3600 });
    const seen: Array<[number, boolean, boolean, number | undefined]> = [];
    try {
      for (const tz of ['UTC', 'Pacific/Kiritimati', 'America/Adak', 'Asia/Kathmandu']) {
        process.env['TZ'] = tz;
        const t = oAuthTokenFromJSON(stored);
        seen.push([
          new Date(0).getTimezoneOffset(),
          isExpired(t, 60),
          isExpired(oAuthTokenFromJSON(later), 60),
          t.expiry,
        ]);
      }
    } finally {
      if (original === undefined) delete process.env['TZ'];
      else process.env['TZ'] = original;
    }
    expect(new Set(seen.map((s) => s[0])).size).toBe(4); // the zones really differed
    expect(seen.map((s) => s.slice(1))).toEqual(Array(4).fill([true, false, expiry]));
  });
});

describe('transport hygiene (issue 6.5)', () => {
  it('requires https for token URLs except loopback hosts; allowInsecureHttp is the explicit override', async () => {
    for (const base of ['http://api.example.com', 'http://127.0.0.1.evil.example', 'http://[::2]:80', 'ftp://x']) {
      const { manager, requests } = setup(() => tokenBody(), { base });
      await expect(manager.fetchToken()).rejects.toThrow(ConfigurationError);
      expect(requests).toHaveLength(0);
    }
    for (const base of [
      'http://127.0.0.1:9',
      'http://127.200.3.4',
      'http://[::1]:8080',
      'http://localhost:3000',
      'https://api.example.com',
    ]) {
      const { manager, requests } = setup(() => tokenBody(), { base });
      await manager.fetchToken();
      expect(requests, base).toHaveLength(1);
    }
    const { manager, requests } = setup(() => tokenBody(), { base: 'http://api.example.com', allowInsecureHttp: true });
    await manager.fetchToken();
    expect(requests).toHaveLength(1);
  });

  it('never sends the bearer to a redirect target on another host (or port); same-origin redirects keep it', async () => {
    const token: OAuthToken = { accessToken: 'bearer-token-value', tokenType: 'Bearer' };
    for (const location of ['http://evil.example/steal', 'http://127.0.0.1:10/other', 'https://127.0.0.1:9/x']) {
      const { core, requests } = setup(
        (req) =>
          req.url.href === 'http://127.0.0.1:9/user'
            ? new Response(null, { status: 307, headers: { location } })
            : json(200, {}),
        { token },
      );
      const err = await call(core).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ApiError);
      expect((err as ApiError).status).toBe(307);
      expect(requests.map((r) => r.url.href)).toEqual(['http://127.0.0.1:9/user']);
    }
    const { core, requests } = setup(
      (req) =>
        req.url.pathname === '/user'
          ? new Response(null, { status: 302, headers: { location: '/moved' } })
          : json(200, {}),
      { token },
    );
    await call(core);
    expect(requests.map((r) => [r.url.pathname, r.headers['authorization']])).toEqual([
      ['/user', 'Bearer bearer-token-value'],
      ['/moved', 'Bearer bearer-token-value'],
    ]);
  });

  it('refuses to send credentials to an origin that is not a configured server', async () => {
    const { core, requests } = setup(() => json(200, {}), {
      token: { accessToken: 'bearer-token-value', tokenType: 'Bearer' },
    });
    const elsewhere: ClientCore = { ...core, serverUrl: () => 'https://other.example' };
    await expect(call(elsewhere)).rejects.toThrow(/refusing to send credentials/);
    expect(requests).toHaveLength(0);
  });

  it('caps the token response size (64 KiB), also for valid JSON and for a declared length (checked from the second chunk)', async () => {
    const big = JSON.stringify({ access_token: 'a'.repeat(70_000), token_type: 'Bearer' });
    const { manager } = setup(() => new Response(big, { status: 200 }));
    await expect(manager.fetchToken()).rejects.toThrow(/larger than 65536 bytes/);
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(c) {
        pulled++;
        c.enqueue(new Uint8Array(16_384).fill(32));
      },
    });
    const { manager: m2 } = setup(() => new Response(endless, { status: 200 }));
    await expect(m2.fetchToken()).rejects.toThrow(InvalidTokenResponseError);
    expect(pulled).toBeLessThan(10); // stopped reading, did not buffer an endless body
    // a declared length above the cap stops the read at the second chunk, before the cap is reached
    let pulledDeclared = 0;
    const declaredBody = new ReadableStream<Uint8Array>({
      pull(c) {
        pulledDeclared++;
        c.enqueue(new Uint8Array(1_024).fill(32));
      },
    });
    const { manager: m3 } = setup(
      () =>
        new Response(declaredBody, {
          status: 200,
          headers: { 'content-length': String(10 * 1024 * 1024) },
        }),
    );
    await expect(m3.fetchToken()).rejects.toThrow(/larger than/);
    expect(pulledDeclared).toBeLessThan(5); // 2 KiB read of a declared 10 MiB, far below the 64 KiB cap
  });

  it('requires access_token to be a non-empty string', async () => {
    for (const access_token of [12345, '', null, ['x'], { t: 'x' }, undefined]) {
      const { manager } = setup(() => json(200, { access_token, token_type: 'Bearer' }));
      await expect(manager.fetchToken()).rejects.toThrow(/access_token/);
      expect(manager.token).toBeNull();
    }
  });

  it('accepts token_type bearer in any case; others (or none) only when configured', async () => {
    for (const tokenType of ['Bearer', 'bearer', 'BEARER', 'bEaReR']) {
      const { manager } = setup(() => json(200, { access_token: 'a-token', token_type: tokenType }));
      expect((await manager.fetchToken()).tokenType).toBe(tokenType);
    }
    for (const tokenType of ['mac', 'DPoP', 'bearer ', 7]) {
      const { manager } = setup(() => json(200, { access_token: 'a-token', token_type: tokenType }));
      await expect(manager.fetchToken()).rejects.toThrow(InvalidTokenResponseError);
    }
    const missing = setup(() => json(200, { access_token: 'a-token' }));
    await expect(missing.manager.fetchToken()).rejects.toThrow(/token_type/);
    const dpop = setup(() => json(200, { access_token: 'a-token', token_type: 'dpop' }), {
      acceptedTokenTypes: ['DPoP'],
    });
    expect((await dpop.manager.fetchToken()).tokenType).toBe('dpop');
    const onlyDpop = setup(() => json(200, { access_token: 'a-token', token_type: 'Bearer' }), {
      acceptedTokenTypes: ['DPoP'],
    });
    await expect(onlyDpop.manager.fetchToken()).rejects.toThrow(/not accepted/);
  });

  it('parses token responses as plain JSON only (no revival, no prototype pollution)', async () => {
    const { manager } = setup(
      () =>
        new Response(
          '{"access_token":"a-token","token_type":"Bearer","__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}',
          {
            status: 200,
          },
        ),
    );
    const token = await manager.fetchToken();
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
    expect(Object.keys(token).sort()).toEqual(['accessToken', 'tokenType']);
  });

  it('client credentials: https rule applies to automatic token fetches too', async () => {
    const { fetch, requests } = fakeFetch(() => tokenBody());
    const ctx: OAuthContext = {
      http: settings(fetch),
      serverUrl: () => 'http://api.example.com',
      allowInsecureHttp: false,
    };
    const m = new ClientCredentialsManager({ ...ROPCG, schemeName: 'OAuthCCG' }, ctx, {
      clientId: 'c',
      clientSecret: 's',
    });
    await expect(m.authorize()).rejects.toThrow(ConfigurationError);
    expect(requests).toHaveLength(0);
  });
});

describe('redacting logger (issue 6.6)', () => {
  it('the pluggable logger only ever receives redacted values', () => {
    const sink = memoryLogger();
    const logger = redactingLogger(sink);
    logger.info('request', {
      headers: { Authorization: 'Bearer abcdefghijklmnop-SECRET', 'x-api-key': 'api-key-value-SECRET' },
      url: new URL('https://h/cb?code=auth-code-SECRET-1234&state=s'),
      nested: [{ refresh_token: 'refresh-SECRET-abcdef', clientSecret: 'client-SECRET-abcdef', name: 'kept' }],
      password: 'user-password-SECRET',
      body: { access_token: 'access-SECRET-abcdef' },
    });
    logger.warn('plain');
    expect(sink.lines).toHaveLength(2);
    const text = sink.lines.join('\n');
    expect(text).not.toMatch(/SECRET/);
    expect(text).toContain('kept');
    expect(text).toContain('***cdef');
    expect(sink.lines[1]).toBe('warn plain ');
  });

  it('a client logger sees token requests, refreshes and retries, none with a secret', async () => {
    let n = 0;
    const { core, manager, logger } = setup((req) => {
      if (req.url.pathname === '/token')
        return tokenBody({
          access_token: `access-token-value-${++n}`,
          refresh_token: `refresh-token-value-${n}`,
          expires_in: 3600,
        });
      return req.headers['authorization'] === 'Bearer access-token-value-1'
        ? json(401, {}, { 'www-authenticate': 'Bearer error="invalid_token"' })
        : json(200, {});
    });
    const wrapped = redactingLogger(logger);
    Object.assign(core.http, { logger: wrapped });
    const first = await manager.fetchToken();
    await call(core);
    const text = logger.lines.join('\n');
    expect(text).toMatch(/OAuth token request/);
    expect(text).toMatch(/refreshing OAuth token/);
    expect(text).toMatch(/retrying once/);
    for (const secret of [
      'client-secret-value',
      'user-password-value',
      first.accessToken,
      first.refreshToken!,
      'access-token-value-2',
      'refresh-token-value-2',
    ])
      expect(text).not.toContain(secret);
  });

  it('an update callback that fails with the token in its message is logged without it', async () => {
    const { fetch } = fakeFetch(() => tokenBody({ refresh_token: 'refresh-token-value-9' }));
    const sink = memoryLogger();
    const ctx: OAuthContext = {
      http: settings(fetch, redactingLogger(sink)),
      serverUrl: () => 'http://127.0.0.1:9',
      allowInsecureHttp: false,
    };
    const m = new PasswordManager(ROPCG, ctx, {
      clientId: 'c',
      clientSecret: 's',
      username: 'u',
      password: 'p',
      onTokenUpdate: (t) => {
        throw new Error(`could not store ${t.accessToken} / ${t.refreshToken ?? ''}`);
      },
    });
    await m.fetchToken();
    const line = sink.lines.find((l) => l.startsWith('error the token update callback failed'));
    expect(line).toContain('could not store ***ue-1 / ***ue-9');
    expect(line).not.toContain('access-token-value-1');
  });
});
