/** The target-neutral decisions: managers per flow, names keys, doc slugs, warnings. */
import { describe, expect, it } from 'vitest';
import {
  authContract,
  credentialFields,
  GENERATED_FLOW_KINDS,
  KIND_FACTS,
} from '../../../generator/targets/shared/contract.js';
import { build, spec } from '../../ir/helpers.js';
import { multiFlowIr, passwordAndBearerIr } from '../fixtures.js';

describe('authContract', () => {
  it('one manager per flow of a multi-flow scheme, named <scheme> <flow>', () => {
    const c = authContract(multiFlowIr());
    expect(c.units.map((u) => [u.namingKey, u.kind, u.multiFlow])).toEqual([
      ['oauth2 authorizationCode', 'authorizationCode', true],
      ['oauth2 password', 'password', true],
    ]);
    expect(c.units.map((u) => u.docSlug)).toEqual([
      'oauth-2-authorization-code-grant',
      'oauth-2-resource-owner-credentials-grant',
    ]);
  });

  it('a single-flow scheme keeps the scheme name as its naming key', () => {
    const c = authContract(passwordAndBearerIr());
    expect(c.units.map((u) => [u.namingKey, u.kind, u.multiFlow])).toEqual([
      ['pw', 'password', false],
      ['token', 'bearer', false],
    ]);
  });

  it('skips an implicit flow with a warning citing RFC 9700 and naming the replacement', () => {
    const c = authContract(
      multiFlowIr({ implicit: { authorizationUrl: 'https://auth.example/authorize', scopes: {} } }),
    );
    expect(c.units.some((u) => u.kind === ('implicit' as string))).toBe(false);
    expect(c.warnings.join('\n')).toMatch(
      /oauth2: the implicit flow is not generated \(RFC 9700.*authorization code flow with PKCE/,
    );
  });

  it('warns about a scheme it cannot generate (hostile: http digest, openIdConnect) and makes no manager', () => {
    const ir = build(
      spec({
        components: {
          securitySchemes: {
            dig: { type: 'http', scheme: 'digest' },
            oidc: { type: 'openIdConnect', openIdConnectUrl: 'https://id.example/.well-known/openid-configuration' },
          },
        },
      }),
    );
    const c = authContract(ir);
    expect(c.units).toEqual([]);
    expect(c.warnings).toHaveLength(2);
    expect(c.warnings[0]).toMatch(/^security scheme dig: HTTP digest is not supported/);
    expect(c.warnings[1]).toMatch(/^security scheme oidc: openIdConnect is not supported/);
  });

  it('two schemes of one kind get distinct doc slugs (suffixed with their naming keys)', () => {
    const acg = (url: string) => ({
      type: 'oauth2',
      flows: { authorizationCode: { authorizationUrl: url, tokenUrl: url, scopes: {} } },
    });
    const ir = build(
      spec({
        components: { securitySchemes: { Alpha: acg('https://a.example/x'), alpha: acg('https://b.example/x') } },
      }),
    );
    const slugs = authContract(ir).units.map((u) => u.docSlug);
    expect(new Set(slugs).size).toBe(2);
    expect(slugs[0]).toMatch(/^oauth-2-authorization-code-grant-alpha/);
  });
});

describe('KIND_FACTS', () => {
  it('every generated flow kind has a title, a doc slug and client id/secret fields', () => {
    for (const kind of GENERATED_FLOW_KINDS) {
      const facts = KIND_FACTS[kind];
      expect(facts.title).toMatch(/^OAuth 2 /);
      expect(facts.docSlug).toMatch(/^oauth-2-[a-z-]+$/);
      expect(credentialFields(kind, false).map((f) => f.semantic)).toEqual(
        expect.arrayContaining(['o_auth_client_id', 'o_auth_client_secret', 'o_auth_token']),
      );
    }
  });

  it('the scopes field exists only when the flow has scopes', () => {
    expect(credentialFields('password', false).some((f) => f.value === 'scopes')).toBe(false);
    expect(credentialFields('password', true).some((f) => f.value === 'scopes')).toBe(true);
  });
});
