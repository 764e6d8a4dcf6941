import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { basicAuthorization, formEncode } from '../../../templates/typescript/static/src/runtime/form.js';
import {
  codeChallengeS256,
  generateCodeVerifier,
  generateState,
  isValidCodeVerifier,
  sha256,
} from '../../../templates/typescript/static/src/runtime/pkce.js';
import { redact, redactDeep, redactUrl } from '../../../templates/typescript/static/src/runtime/redact.js';
import {
  fillServerTemplate,
  isLoopbackHost,
  joinUrl,
  requireSecureUrl,
} from '../../../templates/typescript/static/src/runtime/url.js';
import { ConfigurationError } from '../../../templates/typescript/static/src/runtime/errors.js';

describe('pkce', () => {
  it('matches the FIPS 180-2 "abc" vector and node:crypto for the challenge', () => {
    expect(Buffer.from(sha256(new TextEncoder().encode('abc'))).toString('hex')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const v = generateCodeVerifier();
    expect(codeChallengeS256(v)).toBe(createHash('sha256').update(v).digest('base64url'));
  });
  it('sha256 agrees with node:crypto on random inputs', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const ours = Buffer.from(sha256(bytes)).toString('hex');
        expect(ours).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 500 },
    );
  });
  it('makes 43-char unreserved verifiers and distinct states', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const v = generateCodeVerifier();
      expect(v).toHaveLength(43);
      expect(isValidCodeVerifier(v)).toBe(true);
      seen.add(generateState());
    }
    expect(seen.size).toBe(200);
  });
});

describe('form and basic auth', () => {
  it('form-urlencodes id and secret before base64 (RFC 6749 2.3.1)', () => {
    const header = basicAuthorization('odd:client%id', 's3cr3t:with%odd&chars');
    const decoded = Buffer.from(header.slice('Basic '.length), 'base64').toString('utf8');
    expect(decoded).toBe('odd%3Aclient%25id:s3cr3t%3Awith%25odd%26chars');
    const [id, secret] = decoded.split(':').map((s) => decodeURIComponent(s.replace(/\+/g, ' ')));
    expect([id, secret]).toEqual(['odd:client%id', 's3cr3t:with%odd&chars']);
  });
  it('skips undefined values and keeps order', () => {
    expect(
      formEncode([
        ['a', '1'],
        ['b', undefined],
        ['c', 'x y&z'],
      ]),
    ).toBe('a=1&c=x+y%26z');
  });
});

describe('urls', () => {
  it('joins spec paths onto server URLs with a path', () => {
    expect(joinUrl('http://localhost:3000/oauth2/auth-server', '/request_token')).toBe(
      'http://localhost:3000/oauth2/auth-server/request_token',
    );
    expect(joinUrl('http://h/', 'https://other/x')).toBe('https://other/x');
    expect(fillServerTemplate('http://h:{suites}', { suites: '2' })).toBe('http://h:2');
  });
  it('requires https except for loopback hosts', () => {
    expect(isLoopbackHost('127.1.2.3')).toBe(true);
    expect(isLoopbackHost('[::1]')).toBe(true);
    expect(isLoopbackHost('localhost')).toBe(true);
    expect(isLoopbackHost('127.0.0.1.evil.com')).toBe(false);
    expect(() => requireSecureUrl('http://example.com/token', 'token URL', false)).toThrow(ConfigurationError);
    expect(requireSecureUrl('http://example.com/token', 'token URL', true).host).toBe('example.com');
    expect(requireSecureUrl('https://example.com/token', 'token URL', false).protocol).toBe('https:');
    expect(() => requireSecureUrl('javascript:alert(1)', 'token URL', true)).toThrow(ConfigurationError);
  });
});

describe('redaction', () => {
  it('shows at most the last 4 characters of tokens, nothing of secrets', () => {
    expect(redact('abcdefghijkl1234')).toBe('***1234');
    expect(redact('short')).toBe('***');
    expect(
      redactDeep({ access_token: 'aaaaaaaaaaaaaaaa', nested: { clientSecret: 'bbbbbbbbbbbbbbbbb', name: 'x' } }),
    ).toEqual({ access_token: '***aaaa', nested: { clientSecret: '***', name: 'x' } });
    expect(redactUrl('http://h/cb?code=abcdefghijklmnop&state=s')).toBe('http://h/cb?code=***mnop&state=s');
  });
});
