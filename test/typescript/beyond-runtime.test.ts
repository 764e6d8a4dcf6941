/**
 * Hostile-server and careless-user rules of the issue 14 runtime modules (templates/typescript/static),
 * with a scripted fetch: RFC 8414 issuer derivation and metadata validation, one shared metadata
 * fetch, RFC 8628 response validation, RFC 7009 without an endpoint, loopback without a listener.
 */
import { describe, expect, it } from 'vitest';
import {
  DeviceAuthorizationManager,
  type DeviceAuthorizationFlowDefinition,
} from '../../templates/typescript/static/src/runtime/device.js';
import {
  ConfigurationError,
  InsecureTransportError,
  InvalidTokenResponseError,
} from '../../templates/typescript/static/src/runtime/errors.js';
import { expectedIssuer, parseMetadata } from '../../templates/typescript/static/src/runtime/metadata.js';
import { AuthorizationCodeManager, type OAuthContext } from '../../templates/typescript/static/src/runtime/oauth.js';
import {
  AuthorizationServerMetadataError,
  IssuerMismatchError,
  TokenRevocationError,
} from '../../templates/typescript/static/src/runtime/oauth-errors.js';
import { registerLoopbackListener } from '../../templates/typescript/static/src/runtime/loopback.js';
import { fakeFetch, json, settings } from './runtime/fake-fetch.js';

const BASE = 'https://api.example.test';
const META = `${BASE}/.well-known/oauth-authorization-server`;

function context(fetch: ReturnType<typeof fakeFetch>['fetch']): OAuthContext {
  return { http: settings(fetch), serverUrl: () => BASE, allowInsecureHttp: false };
}

const DEVICE: DeviceAuthorizationFlowDefinition = {
  schemeName: 'tv',
  tokenUrl: '/token',
  refreshUrl: null,
  serverName: 'default',
  clientAuth: 'none',
  deviceAuthorizationUrl: '/device',
};

describe('RFC 8414 rules', () => {
  it('derives the issuer from inserted and appended well-known URLs, and none otherwise', () => {
    expect(expectedIssuer('https://as.example/.well-known/oauth-authorization-server')).toBe('https://as.example');
    expect(expectedIssuer('https://as.example/.well-known/oauth-authorization-server/tenant/1')).toBe(
      'https://as.example/tenant/1',
    );
    expect(expectedIssuer('https://as.example/tenant/.well-known/openid-configuration')).toBe(
      'https://as.example/tenant',
    );
    expect(expectedIssuer('https://as.example/meta.json')).toBeNull();
  });

  it('refuses a wrong or missing issuer, a non-object, non-absolute or plain-http endpoints', () => {
    const ok = { issuer: BASE, token_endpoint: `${BASE}/t` };
    expect(parseMetadata(JSON.stringify(ok), META, 'x', false).endpoints.token_endpoint).toBe(`${BASE}/t`);
    expect(() => parseMetadata(JSON.stringify({ ...ok, issuer: `${BASE}/` }), META, 'x', false)).toThrow(
      IssuerMismatchError,
    );
    expect(() => parseMetadata(JSON.stringify({ token_endpoint: `${BASE}/t` }), META, 'x', false)).toThrow(
      IssuerMismatchError,
    );
    expect(() => parseMetadata('[1]', META, 'x', false)).toThrow(AuthorizationServerMetadataError);
    expect(() => parseMetadata('not json', META, 'x', false)).toThrow(AuthorizationServerMetadataError);
    expect(() => parseMetadata(JSON.stringify({ ...ok, token_endpoint: '/t' }), META, 'x', false)).toThrow(
      AuthorizationServerMetadataError,
    );
    expect(() =>
      parseMetadata(JSON.stringify({ ...ok, revocation_endpoint: 'http://evil.example/r' }), META, 'x', false),
    ).toThrow(AuthorizationServerMetadataError);
    expect(() =>
      parseMetadata(JSON.stringify({ issuer: 'https://other.example' }), `${BASE}/meta.json`, 'x', false),
    ).toThrow(IssuerMismatchError);
  });

  it('fetches the metadata once for concurrent managers of one client; a plain-http metadata URL is refused', async () => {
    const f = fakeFetch((req) =>
      req.url.pathname.startsWith('/.well-known')
        ? json(200, { issuer: BASE, device_authorization_endpoint: `${BASE}/d2`, token_endpoint: `${BASE}/t2` })
        : json(200, { device_code: 'dc', user_code: 'ABCD-EFGH', verification_uri: `${BASE}/v`, expires_in: 60 }),
    );
    const ctx = context(f.fetch);
    const def = { ...DEVICE, metadataUrl: '/.well-known/oauth-authorization-server' };
    const a = new DeviceAuthorizationManager(def, ctx, { clientId: 'tv' });
    const b = new DeviceAuthorizationManager(def, ctx, { clientId: 'tv' });
    await Promise.all([a.startDeviceAuthorization(), b.startDeviceAuthorization(), a.discover()]);
    expect(f.requests.filter((r) => r.url.pathname.startsWith('/.well-known'))).toHaveLength(1);
    expect(f.requests.filter((r) => r.url.pathname === '/d2')).toHaveLength(2);
    const insecure = new DeviceAuthorizationManager(
      def,
      { ...ctx, serverUrl: () => 'http://api.example.test' },
      { clientId: 'tv' },
    );
    await expect(insecure.startDeviceAuthorization()).rejects.toBeInstanceOf(InsecureTransportError);
  });
});

describe('RFC 8628 response validation (hostile server)', () => {
  const answer = (body: unknown) => {
    const f = fakeFetch(() => json(200, body));
    return new DeviceAuthorizationManager(DEVICE, context(f.fetch), { clientId: 'tv' }).startDeviceAuthorization();
  };
  const good = { device_code: 'dc', user_code: 'ABCD-EFGH', verification_uri: `${BASE}/v`, expires_in: 60 };

  it('defaults interval to 5 s; refuses javascript: URIs, missing codes, negative or non-numeric times', async () => {
    expect((await answer(good)).interval).toBe(5);
    for (const bad of [
      { ...good, verification_uri: 'javascript:alert(1)' },
      { ...good, verification_uri_complete: 'data:text/html,x' },
      { ...good, device_code: '' },
      { ...good, user_code: 'x'.repeat(65) },
      { ...good, expires_in: -1 },
      { ...good, interval: 'soon' },
      [good],
    ]) {
      await expect(answer(bad)).rejects.toBeInstanceOf(InvalidTokenResponseError);
    }
  });

  it('caps a huge expires_in at one day', async () => {
    expect((await answer({ ...good, expires_in: 1e12 })).expiresIn).toBe(86400);
  });

  it('additionalParams cannot replace protocol parameters', async () => {
    const f = fakeFetch(() => json(200, good));
    const m = new DeviceAuthorizationManager(DEVICE, context(f.fetch), { clientId: 'tv' });
    await expect(m.startDeviceAuthorization({ additionalParams: { client_id: 'other' } })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    const start = await m.startDeviceAuthorization();
    await expect(m.waitForDeviceToken(start, { additionalParams: { device_code: 'x' } })).rejects.toBeInstanceOf(
      ConfigurationError,
    );
    expect(f.requests).toHaveLength(1);
  });
});

describe('careless use', () => {
  it('revokeToken without any revocation endpoint still signs out locally and says so', async () => {
    const f = fakeFetch(() => json(200, {}));
    const m = new DeviceAuthorizationManager(DEVICE, context(f.fetch), {
      clientId: 'tv',
      token: { accessToken: 'at-secret-1', tokenType: 'Bearer', refreshToken: 'rt-secret-1' },
    });
    const error = await m.revokeToken().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TokenRevocationError);
    expect(String((error as Error).message)).not.toContain('secret');
    expect(await m.loadToken()).toBeNull();
    expect(f.requests).toHaveLength(0);
  });

  it('authorizeWithLoopback without the ./node listener explains how to get one (nothing listens)', async () => {
    registerLoopbackListener(null);
    const f = fakeFetch(() => json(200, {}));
    const m = new AuthorizationCodeManager(
      { ...DEVICE, schemeName: 'acg', authorizationUrl: '/authorize', pkce: true, issuer: null },
      context(f.fetch),
      { clientId: 'c', clientAuth: 'none' },
    );
    await expect(m.authorizeWithLoopback({ openBrowser: () => undefined })).rejects.toThrow(/\.\/node/);
    await expect(
      m.authorizeWithLoopback({ path: 'nope', listener: () => Promise.reject(new Error('x')) }),
    ).rejects.toBeInstanceOf(ConfigurationError);
  });
});
