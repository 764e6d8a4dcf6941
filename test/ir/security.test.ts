import { describe, expect, it } from 'vitest';
import { ACG, ROPCG, build, oauth, op, problemsOf, spec } from './helpers.js';

const schemes = {
  components: { securitySchemes: { A: ACG, P: ROPCG, key: { type: 'apiKey', in: 'header', name: 'X-Key' } } },
};

describe('security requirements', () => {
  it('falls back to the global security when an operation declares none', () => {
    const ir = build(
      spec({
        ...schemes,
        security: [{ A: ['read'] }],
        paths: { '/a': { get: op() }, '/b': { get: op({ security: [{ P: [] }] }) } },
      }),
    );
    const [a, b] = ir.operations;
    expect(ir.globalSecurity).toEqual({ alternatives: [{ schemes: [{ wireName: 'A', scopes: ['read'] }] }] });
    expect(a?.security).toEqual(ir.globalSecurity);
    expect(a?.securityFromOperation).toBe(false);
    expect(b?.security).toEqual({ alternatives: [{ schemes: [{ wireName: 'P', scopes: [] }] }] });
    expect(b?.securityFromOperation).toBe(true);
  });

  it('treats `security: []` on an operation as no authentication, overriding the global one', () => {
    const ir = build(spec({ ...schemes, security: [{ A: [] }], paths: { '/open': { get: op({ security: [] }) } } }));
    expect(ir.operations[0]?.security).toEqual({ alternatives: [] });
    expect(ir.operations[0]?.securityFromOperation).toBe(true);
  });

  it('uses no authentication when there is neither a global nor an operation requirement', () => {
    const ir = build(spec({ ...schemes, paths: { '/x': { get: op() } } }));
    expect(ir.globalSecurity).toBeNull();
    expect(ir.operations[0]?.security).toEqual({ alternatives: [] });
  });

  it('keeps `[{}]` as one empty alternative (optional authentication)', () => {
    const ir = build(spec({ ...schemes, paths: { '/x': { get: op({ security: [{}, { A: [] }] }) } } }));
    expect(ir.operations[0]?.security.alternatives).toEqual([
      { schemes: [] },
      { schemes: [{ wireName: 'A', scopes: [] }] },
    ]);
  });

  it('keeps the AND/OR structure: alternatives in order, schemes of one alternative in spec order', () => {
    const ir = build(
      spec({
        ...schemes,
        paths: { '/x': { get: op({ security: [{ key: [], A: ['write', 'read'] }, { P: [] }] }) } },
      }),
    );
    expect(ir.operations[0]?.security).toEqual({
      alternatives: [
        {
          schemes: [
            { wireName: 'key', scopes: [] },
            { wireName: 'A', scopes: ['write', 'read'] },
          ],
        },
        { schemes: [{ wireName: 'P', scopes: [] }] },
      ],
    });
  });

  it('reports a requirement naming an unknown scheme with its pointer', () => {
    const ps = problemsOf(spec({ ...schemes, paths: { '/x': { get: op({ security: [{ Nope: [] }] }) } } }));
    expect(ps).toHaveLength(1);
    expect(ps[0]).toMatchObject({
      code: 'security-unknown-scheme',
      pointer: '/paths/~1x/get/security/0/Nope',
      file: 'inline.yaml',
    });
    expect(ps[0]?.message).toContain('"Nope"');
  });

  it('reports a global `security` that is not a list', () => {
    const ps = problemsOf(spec({ ...schemes, security: { A: [] } }));
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([['security-not-array', '/security']]);
  });
});

describe('OAuth flows', () => {
  it('resolves relative URLs against the default environment server, keeping its path prefix', () => {
    const ir = build(
      spec({
        servers: [
          { url: 'https://prod.example/api/v1', 'x-grantgen-environment': 'prod' },
          { url: 'https://test.example/base', 'x-grantgen-environment': 'test', 'x-grantgen-default': true },
        ],
        components: {
          securitySchemes: {
            A: {
              type: 'oauth2',
              flows: {
                authorizationCode: {
                  authorizationUrl: '/oauth/authorize',
                  tokenUrl: 'oauth/token',
                  refreshUrl: '/oauth/refresh',
                  scopes: {},
                },
              },
            },
          },
        },
      }),
    );
    const f = oauth(ir, 'A').flows[0];
    expect(f?.kind).toBe('authorizationCode');
    if (f?.kind !== 'authorizationCode') return;
    expect(f.relative).toBe(true);
    expect(f.tokenUrl).toBe('oauth/token');
    expect(f.resolvedAuthorizationUrl).toBe('https://test.example/base/oauth/authorize');
    expect(f.resolvedTokenUrl).toBe('https://test.example/base/oauth/token');
    expect(f.resolvedRefreshUrl).toBe('https://test.example/base/oauth/refresh');
  });

  it('resolves against the server named by x-grantgen-server and expands server variables', () => {
    const ir = build(
      spec({
        servers: [
          { url: 'https://api.example:{port}/v2', variables: { port: { default: '8443' } } },
          { url: 'https://auth.example/realms/x', 'x-grantgen-server': 'auth', 'x-grantgen-environment': 'server 1' },
        ],
        components: {
          securitySchemes: {
            P: { type: 'oauth2', 'x-grantgen-server': 'auth', flows: { password: { tokenUrl: '/token', scopes: {} } } },
            Q: { type: 'oauth2', flows: { password: { tokenUrl: '/token', scopes: {} } } },
          },
        },
      }),
    );
    expect(ir.environments).toHaveLength(1);
    const p = oauth(ir, 'P').flows[0];
    const q = oauth(ir, 'Q').flows[0];
    expect(p?.serverName).toBe('auth');
    expect(p?.resolvedTokenUrl).toBe('https://auth.example/realms/x/token');
    expect(q?.serverName).toBe('default');
    expect(q?.resolvedTokenUrl).toBe('https://api.example:8443/v2/token');
  });

  it('keeps absolute URLs as they are (relative: false)', () => {
    const f = oauth(build(spec({ components: { securitySchemes: { A: ACG } } })), 'A').flows[0];
    expect(f).toMatchObject({
      relative: false,
      tokenUrl: 'https://auth.example/token',
      resolvedTokenUrl: 'https://auth.example/token',
      refreshUrl: null,
    });
  });

  it('orders flows authorizationCode, password, clientCredentials, implicit whatever the spec order', () => {
    const ir = build(
      spec({
        components: {
          securitySchemes: {
            All: {
              type: 'oauth2',
              flows: {
                implicit: { authorizationUrl: 'https://a.example/auth', scopes: {} },
                clientCredentials: { tokenUrl: 'https://a.example/token', scopes: {} },
                password: { tokenUrl: 'https://a.example/token', scopes: {} },
                authorizationCode: {
                  authorizationUrl: 'https://a.example/auth',
                  tokenUrl: 'https://a.example/token',
                  scopes: {},
                },
              },
            },
          },
        },
      }),
    );
    expect(oauth(ir, 'All').flows.map((f) => f.kind)).toEqual([
      'authorizationCode',
      'password',
      'clientCredentials',
      'implicit',
    ]);
  });

  it('takes scope member hints from x-grantgen-scope-names and keeps scopes in spec order', () => {
    const ir = build(
      spec({
        components: {
          securitySchemes: {
            A: {
              type: 'oauth2',
              flows: {
                authorizationCode: {
                  authorizationUrl: 'https://a.example/auth',
                  tokenUrl: 'https://a.example/token',
                  scopes: { 'z:write': 'Write', 'a:read': 'Read' },
                  'x-grantgen-scope-names': { 'a:read': 'READ_ALL' },
                },
              },
            },
          },
        },
      }),
    );
    expect(oauth(ir, 'A').flows[0]?.scopes).toEqual([
      { wireName: 'z:write', memberHint: null, description: 'Write' },
      { wireName: 'a:read', memberHint: 'READ_ALL', description: 'Read' },
    ]);
  });

  it('defaults PKCE on and reads x-grantgen-pkce / x-grantgen-issuer / x-grantgen-client-auth', () => {
    const ir = build(
      spec({
        components: {
          securitySchemes: {
            A: ACG,
            B: {
              ...ACG,
              'x-grantgen-pkce': false,
              'x-grantgen-issuer': 'https://auth.example',
              'x-grantgen-client-auth': 'client_secret_post',
            },
          },
        },
      }),
    );
    expect(oauth(ir, 'A').flows[0]).toMatchObject({ pkce: true, issuer: null, clientAuth: 'client_secret_basic' });
    expect(oauth(ir, 'B').flows[0]).toMatchObject({
      pkce: false,
      issuer: 'https://auth.example',
      clientAuth: 'client_secret_post',
    });
  });

  it('reports a password flow without tokenUrl at /components/securitySchemes/X/flows/password/tokenUrl', () => {
    const ps = problemsOf(
      spec({ components: { securitySchemes: { X: { type: 'oauth2', flows: { password: { scopes: {} } } } } } }),
    );
    expect(ps).toEqual([
      expect.objectContaining({
        code: 'flow-token-url',
        pointer: '/components/securitySchemes/X/flows/password/tokenUrl',
      }),
    ]);
    expect(ps[0]?.message).toContain('tokenUrl');
  });

  it('reports an authorizationCode flow without authorizationUrl', () => {
    const ps = problemsOf(
      spec({
        components: {
          securitySchemes: { X: { type: 'oauth2', flows: { authorizationCode: { tokenUrl: '/t', scopes: {} } } } },
        },
      }),
    );
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['flow-authorization-url', '/components/securitySchemes/X/flows/authorizationCode/authorizationUrl'],
    ]);
  });

  it.each([
    ['javascript:alert(1)', 'javascript URL'],
    ['https://auth.example/oauth token', 'a space'],
    ['https://auth.example/a/../token', 'a `..` segment'],
    ['../token', 'a relative `..`'],
    ['ftp://auth.example/token', 'a non-http scheme'],
    ['https://auth.example/"><script>', 'markup'],
  ])('rejects tokenUrl %j (%s) with flow-url-invalid', (tokenUrl) => {
    const ps = problemsOf(
      spec({
        components: { securitySchemes: { X: { type: 'oauth2', flows: { password: { tokenUrl, scopes: {} } } } } },
      }),
    );
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['flow-url-invalid', '/components/securitySchemes/X/flows/password/tokenUrl'],
    ]);
  });

  it('reports a non-string tokenUrl as flow-url-type', () => {
    const ps = problemsOf(
      spec({ components: { securitySchemes: { X: { type: 'oauth2', flows: { password: { tokenUrl: 42 } } } } } }),
    );
    expect(ps.map((p) => p.code)).toEqual(['flow-url-type']);
  });

  it('reports `flows` missing or a flow that is not an object', () => {
    expect(
      problemsOf(spec({ components: { securitySchemes: { X: { type: 'oauth2' } } } })).map((p) => [p.code, p.pointer]),
    ).toEqual([['flows-not-object', '/components/securitySchemes/X/flows']]);
    expect(
      problemsOf(spec({ components: { securitySchemes: { X: { type: 'oauth2', flows: { password: 'yes' } } } } })).map(
        (p) => [p.code, p.pointer],
      ),
    ).toEqual([['flow-not-object', '/components/securitySchemes/X/flows/password']]);
  });

  it('reports an unknown x-grantgen-client-auth where it was written (scheme or flow)', () => {
    const flows = { password: { tokenUrl: 'https://a.example/t' } };
    const onScheme = problemsOf(
      spec({ components: { securitySchemes: { X: { type: 'oauth2', 'x-grantgen-client-auth': 'jwt', flows } } } }),
    );
    expect(onScheme.map((p) => [p.code, p.pointer])).toEqual([
      ['flow-client-auth', '/components/securitySchemes/X/x-grantgen-client-auth'],
    ]);
    const onFlow = problemsOf(
      spec({
        components: {
          securitySchemes: {
            X: { type: 'oauth2', flows: { password: { ...flows.password, 'x-grantgen-client-auth': 'jwt' } } },
          },
        },
      }),
    );
    expect(onFlow.map((p) => p.pointer)).toEqual([
      '/components/securitySchemes/X/flows/password/x-grantgen-client-auth',
    ]);
  });

  it('reports an unknown flow name', () => {
    const ps = problemsOf(
      spec({ components: { securitySchemes: { X: { type: 'oauth2', flows: { deviceCode: {} } } } } }),
    );
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['flow-unknown', '/components/securitySchemes/X/flows/deviceCode'],
    ]);
  });
});

describe('security schemes', () => {
  it('reports a securitySchemes entry that is not an object', () => {
    const ps = problemsOf(spec({ components: { securitySchemes: { S: 'oauth2' } } }));
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['security-scheme-not-object', '/components/securitySchemes/S'],
    ]);
  });

  it('reports securitySchemes that is a list', () => {
    const ps = problemsOf(spec({ components: { securitySchemes: [ACG] } }));
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['security-schemes-not-object', '/components/securitySchemes'],
    ]);
  });

  it('reports an unknown scheme type and an apiKey without `in`', () => {
    const ps = problemsOf(
      spec({ components: { securitySchemes: { K: { type: 'apiKey', name: 'k' }, W: { type: 'magic' } } } }),
    );
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['api-key-in', '/components/securitySchemes/K/in'],
      ['security-scheme-type', '/components/securitySchemes/W/type'],
    ]);
  });

  it('keeps non-OAuth schemes as typed entries, sorted by wire name', () => {
    const ir = build(
      spec({
        components: {
          securitySchemes: {
            z: { type: 'http', scheme: 'Bearer', bearerFormat: 'JWT' },
            b: { type: 'http', scheme: 'basic' },
            k: { type: 'apiKey', in: 'query', name: 'api_key' },
            o: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example/.well-known/openid-configuration' },
          },
        },
      }),
    );
    expect(ir.securitySchemes.map((s) => [s.wireName, s.kind])).toEqual([
      ['b', 'http'],
      ['k', 'apiKey'],
      ['o', 'openIdConnect'],
      ['z', 'http'],
    ]);
    expect(ir.securitySchemes[3]).toMatchObject({ scheme: 'bearer', bearerFormat: 'JWT' });
    expect(ir.warnings.map((w) => w.code)).toEqual(['no-oauth-grant']);
  });

  it('collects every problem of a spec at once', () => {
    const ps = problemsOf(
      spec({
        info: {},
        components: {
          securitySchemes: {
            A: { type: 'oauth2', flows: { password: {} } },
            B: { type: 'oauth2', flows: { authorizationCode: { tokenUrl: 'javascript:x' } } },
          },
        },
        security: [{ C: [] }],
      }),
    );
    expect(ps.map((p) => p.code)).toEqual([
      'info-title',
      'flow-token-url',
      'flow-url-invalid',
      'flow-authorization-url',
      'security-unknown-scheme',
    ]);
  });
});
