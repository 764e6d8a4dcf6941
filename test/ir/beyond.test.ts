/**
 * OpenAPI 3.2 input: the version is accepted, the `deviceAuthorization` flow, `oauth2MetadataUrl`
 * and `x-revocation-url` reach the IR, and 3.2 features the SDKs cannot honour are named in warnings.
 */
import { describe, expect, it } from 'vitest';
import { GrantgenError } from '../../generator/errors.js';
import { buildIr } from '../../generator/ir/build.js';
import { loadSpec } from '../../generator/load/index.js';
import { detectVersion } from '../../generator/load/version.js';
import { op, oauth } from './helpers.js';

function build32(extra: Record<string, unknown>) {
  const document = { openapi: '3.2.0', info: { title: 'T', version: '1' }, paths: {}, ...extra };
  return buildIr({ file: 'inline.yaml', document, specVersion: '3.2.0' });
}
function problems32(extra: Record<string, unknown>) {
  try {
    build32(extra);
  } catch (e) {
    expect(e).toBeInstanceOf(GrantgenError);
    return (e as GrantgenError).problems;
  }
  throw new Error('expected the build to fail');
}
const scheme = (s: Record<string, unknown>) => ({ components: { securitySchemes: { s } } });

describe('OpenAPI 3.2 version', () => {
  it('accepts 3.2.x strings and still refuses 3.3 and a bare number', () => {
    const pos = () => undefined;
    expect(detectVersion({ openapi: '3.2.0' }, 'a.yaml', pos)).toBe('3.2.0');
    expect(detectVersion({ openapi: '3.2.1' }, 'a.yaml', pos)).toBe('3.2.1');
    expect(() => detectVersion({ openapi: '3.3.0' }, 'a.yaml', pos)).toThrow(/3\.3\.0/);
    expect(() => detectVersion({ openapi: 3.2 }, 'a.yaml', pos)).toThrow(GrantgenError);
    try {
      detectVersion({ openapi: 3.2 }, 'a.yaml', pos);
    } catch (e) {
      expect((e as GrantgenError).problems[0]?.hint).toContain('"3.2.0"');
    }
  });

  it('loads the golden 3.2 spec with its OAuth additions and only the expected warnings', async () => {
    const spec = await loadSpec('specs/device-flow-3.2.yaml');
    expect(spec.specVersion).toBe('3.2.0');
    const ir = buildIr(spec);
    expect(ir.warnings.map((w) => w.code).sort()).toEqual(['openapi-3.2-query-method', 'openapi-3.2-self']);
    expect(ir.operations.map((o) => o.operationId)).toEqual(['getMe', 'ping']);
    expect(oauth(ir, 'tv').flows.map((f) => f.kind)).toEqual(['deviceAuthorization']);
    expect(oauth(ir, 'oauth2').flows.map((f) => f.kind)).toEqual(['authorizationCode', 'deviceAuthorization']);
    expect(oauth(ir, 'sso').metadataUrl).toBe('/.well-known/oauth-authorization-server');
    expect(oauth(ir, 'sso').resolvedMetadataUrl).toBe('http://localhost:3000/.well-known/oauth-authorization-server');
  });
});

describe('deviceAuthorization flow', () => {
  const device = (flow: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    scheme({ type: 'oauth2', ...extra, flows: { deviceAuthorization: flow } });

  it('builds URLs (relative ones resolved against the server), scopes and client auth', () => {
    const ir = build32({
      servers: [{ url: 'https://api.example/v1' }],
      ...device(
        {
          deviceAuthorizationUrl: '/device/code',
          tokenUrl: 'https://auth.example/token',
          scopes: { read: 'Read' },
          'x-revocation-url': '/revoke',
        },
        { 'x-grantgen-client-auth': 'none' },
      ),
    });
    const f = oauth(ir, 's').flows[0];
    expect(f).toMatchObject({
      kind: 'deviceAuthorization',
      deviceAuthorizationUrl: '/device/code',
      resolvedDeviceAuthorizationUrl: 'https://api.example/v1/device/code',
      tokenUrl: 'https://auth.example/token',
      relative: true,
      clientAuth: 'none',
      revocationUrl: '/revoke',
      resolvedRevocationUrl: 'https://api.example/v1/revoke',
    });
    expect(f?.scopes.map((s) => s.wireName)).toEqual(['read']);
    expect(ir.warnings.map((w) => w.code)).not.toContain('no-oauth-grant');
  });

  it('needs deviceAuthorizationUrl and tokenUrl unless the scheme has oauth2MetadataUrl', () => {
    const p = problems32(device({ scopes: {} }));
    expect(p.map((x) => x.code).sort()).toEqual(['flow-device-authorization-url', 'flow-token-url']);
    expect(p.find((x) => x.code === 'flow-device-authorization-url')?.pointer).toBe(
      '/components/securitySchemes/s/flows/deviceAuthorization/deviceAuthorizationUrl',
    );
    const ir = build32(
      device({ scopes: {} }, { oauth2MetadataUrl: 'https://auth.example/.well-known/oauth-authorization-server' }),
    );
    expect(oauth(ir, 's').flows[0]).toMatchObject({ deviceAuthorizationUrl: '', tokenUrl: '' });
  });

  it('rejects non-http(s) URLs in deviceAuthorizationUrl, oauth2MetadataUrl and x-revocation-url', () => {
    const p = problems32(
      device(
        { deviceAuthorizationUrl: 'javascript:alert(1)', tokenUrl: '/t', 'x-revocation-url': 'file:///etc/passwd' },
        { oauth2MetadataUrl: 'ftp://x/meta' },
      ),
    );
    expect(p.map((x) => x.pointer).sort()).toEqual([
      '/components/securitySchemes/s/flows/deviceAuthorization/deviceAuthorizationUrl',
      '/components/securitySchemes/s/flows/deviceAuthorization/x-revocation-url',
      '/components/securitySchemes/s/oauth2MetadataUrl',
    ]);
    expect(
      problems32(device({ deviceAuthorizationUrl: '/d', tokenUrl: '/t' }, { oauth2MetadataUrl: 42 }))[0]?.code,
    ).toBe('flow-url-type');
  });

  it('x-revocation-url on the scheme applies to every flow; the flow one wins', () => {
    const ir = build32(
      scheme({
        type: 'oauth2',
        'x-revocation-url': 'https://auth.example/revoke',
        flows: {
          authorizationCode: { authorizationUrl: 'https://a/authorize', tokenUrl: 'https://a/token', scopes: {} },
          deviceAuthorization: {
            deviceAuthorizationUrl: 'https://a/device',
            tokenUrl: 'https://a/token',
            'x-revocation-url': 'https://a/other-revoke',
          },
        },
      }),
    );
    expect(oauth(ir, 's').flows.map((f) => (f.kind === 'implicit' ? null : f.revocationUrl))).toEqual([
      'https://auth.example/revoke',
      'https://a/other-revoke',
    ]);
    expect(oauth(ir, 's').metadataUrl).toBeNull();
  });
});

describe('OpenAPI 3.2 features the SDKs do not generate are warned about', () => {
  it('QUERY operations, additionalOperations, querystring parameters, itemSchema and $self', () => {
    const ir = build32({
      $self: 'https://example.test/api.yaml',
      paths: {
        '/a': {
          get: op({
            parameters: [
              { name: 'q', in: 'querystring', content: { 'application/x-www-form-urlencoded': { schema: {} } } },
              { name: 'x', in: 'query', schema: { type: 'string' } },
            ],
            responses: {
              '200': { description: 'events', content: { 'text/event-stream': { itemSchema: { type: 'string' } } } },
            },
          }),
          query: op(),
          additionalOperations: { COPY: op() },
        },
      },
    });
    expect(ir.warnings.map((w) => w.code).sort()).toEqual([
      'no-oauth-grant',
      'openapi-3.2-additional-operation',
      'openapi-3.2-item-schema',
      'openapi-3.2-query-method',
      'openapi-3.2-querystring',
      'openapi-3.2-self',
    ]);
    expect(ir.warnings.find((w) => w.code === 'openapi-3.2-additional-operation')?.message).toContain('COPY /a');
    expect(ir.operations.map((o) => `${o.method} ${o.path}`)).toEqual(['get /a']);
    expect(ir.operations[0]?.parameters.map((p) => p.wireName)).toEqual(['x']);
  });

  it('accepts the 3.2 additions that do not affect the SDKs without any warning', () => {
    const ir = build32({
      servers: [{ url: 'https://a.example', name: 'main' }],
      tags: [{ name: 't', summary: 'T', parent: 'root', kind: 'nav' }, { name: 'root' }],
      paths: { '/a': { get: op({ tags: ['t'], responses: { '200': { description: 'ok', summary: 'OK' } } }) } },
      components: {
        mediaTypes: { json: { schema: { type: 'string' } } },
        securitySchemes: {
          s: {
            type: 'oauth2',
            deprecated: true,
            flows: { password: { tokenUrl: 'https://a.example/token', scopes: {} } },
          },
        },
      },
    });
    expect(ir.warnings).toEqual([]);
  });
});
