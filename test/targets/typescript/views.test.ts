/** TypeScript target views: managers per flow, imports from use, operation servers, doc pages. */
import { describe, expect, it } from 'vitest';
import { buildViews, planTypeScript } from '../../../generator/targets/typescript/plan.js';
import { multiFlowIr, passwordAndBearerIr } from '../fixtures.js';

describe('typescript views', () => {
  it('a multi-flow scheme gets <scheme><Flow> managers grouped under the scheme wire name', () => {
    const { root } = buildViews(multiFlowIr(), 'pkg', 'inline');
    expect(root.flows.map((f) => f.accessor)).toEqual(['oauth2AuthorizationCode', 'oauth2Password']);
    expect(root.oauthSchemes).toEqual([
      { schemeWire: '"oauth2"', managers: 'this.oauth2AuthorizationCode, this.oauth2Password' },
    ]);
  });

  it('auth.ts imports only the managers it extends; client.ts only the schemes it builds', () => {
    const { root } = buildViews(passwordAndBearerIr(), 'pkg', 'inline');
    expect(root.oauthImports).toEqual(['PasswordManager', 'type ClientAuthMethod', 'type OAuthContext']);
    expect(root.schemeImports).toEqual(['BearerTokenScheme', 'OAuthScheme', 'type AuthScheme']);
  });

  it('a spec without OAuth imports no OAuth runtime at all', () => {
    const ir = passwordAndBearerIr();
    ir.securitySchemes = ir.securitySchemes.filter((s) => s.kind !== 'oauth2');
    const { root } = buildViews(ir, 'pkg', 'inline');
    expect(root.hasOAuthImports).toBe(false);
    expect(root.schemeImports).toEqual(['BearerTokenScheme', 'type AuthScheme']);
  });

  it('each operation names its own server', () => {
    const { controllers } = buildViews(multiFlowIr(), 'pkg', 'inline');
    const server = (tag: string): string | undefined =>
      controllers.find((c) => c.tag === tag)?.view.operations[0]?.server;
    expect(server('Files')).toBe('"files"');
    expect(server('Users')).toBe('"default"');
  });

  it('a controller without model types does not import models', () => {
    const { controllers } = buildViews(passwordAndBearerIr(), 'pkg', 'inline');
    expect(controllers.map((c) => c.view.usesModels)).toEqual([false]);
  });

  it('doc pages for every flow and simple scheme', () => {
    const plan = planTypeScript(passwordAndBearerIr(), { packageName: 'pkg', specName: 'inline' });
    const docs = plan.files.filter((f) => f.path.startsWith('doc/auth/'));
    expect(docs.map((f) => [f.path, 'template' in f ? f.template : ''])).toEqual([
      ['doc/auth/oauth-2-resource-owner-credentials-grant.md', 'doc/password.md.hbs'],
      ['doc/auth/bearer-token.md', 'doc/credentials.md.hbs'],
    ]);
  });
});
