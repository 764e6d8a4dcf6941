/** Python target views: managers per flow, FlowChoice, operation servers, imports from use. */
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../../generator/targets/python/plan.js';
import { authContract } from '../../../generator/targets/shared/contract.js';
import type { ImportBlockView } from '../../../generator/targets/python/imports.js';
import { multiFlowIr, passwordAndBearerIr, viewAt } from '../fixtures.js';

const options = { packageName: 'pkg', specName: 'inline' };

/** `module → imported names` of a view's import block (`partials/py_imports.hbs`). */
function imported(view: Record<string, unknown>): Map<string, string[]> {
  const block = view['imports'] as ImportBlockView;
  expect(block.sections.length).toBeGreaterThan(0);
  return new Map(block.sections.flatMap((s) => s.lines).map((l) => [l.module, l.names]));
}

describe('python views', () => {
  it('a multi-flow scheme gets <scheme>_<flow> managers, credentials and keywords', () => {
    const plan = buildPlan(multiFlowIr(), options);
    const paths = plan.files.map((f) => f.path);
    expect(paths).toEqual(
      expect.arrayContaining(['pkg/http/auth/oauth2_authorization_code.py', 'pkg/http/auth/oauth2_password.py']),
    );
    const client = viewAt(plan, 'pkg/pkg_client.py');
    const schemes = client['schemes'] as { accessor: string; credentialsClass: string; kwarg: string }[];
    expect(schemes.map((s) => [s.accessor, s.credentialsClass, s.kwarg])).toEqual([
      ['oauth2_authorization_code', 'Oauth2AuthorizationCodeCredentials', 'oauth2_authorization_code_credentials'],
      ['oauth2_password', 'Oauth2PasswordCredentials', 'oauth2_password_credentials'],
    ]);
  });

  it('registers the flows of one scheme under its wire name as one FlowChoice, after the last flow', () => {
    const client = viewAt(buildPlan(multiFlowIr(), options), 'pkg/pkg_client.py');
    const schemes = client['schemes'] as { authorizer: string; hasAuthorizer: boolean }[];
    expect(schemes.map((s) => s.hasAuthorizer)).toEqual([false, true]);
    expect(schemes[1]?.authorizer).toContain('self._context.authorizers["oauth2"] = FlowChoice(');
    expect(imported(client).get('.http.auth._security')).toEqual(['FlowChoice']);
  });

  it('a single-flow scheme is registered directly and FlowChoice is not imported', () => {
    const client = viewAt(buildPlan(passwordAndBearerIr(), options), 'pkg/pkg_client.py');
    const schemes = client['schemes'] as { authorizer: string }[];
    expect(schemes.map((s) => s.authorizer.trim())).toEqual([
      'self._context.authorizers["pw"] = self._pw',
      'self._context.authorizers["token"] = self._token',
    ]);
    const names = [...imported(client).values()].flat();
    const managers = (client['schemes'] as { managerClass: string }[]).map((s) => s.managerClass);
    expect(managers.length).toBe(2);
    expect(names).toEqual(expect.arrayContaining(managers));
    expect(names).not.toContain('FlowChoice');
  });

  it('each operation names its own server (path-level servers here)', () => {
    const plan = buildPlan(multiFlowIr(), options);
    const files = viewAt(plan, 'pkg/controllers/files_controller.py');
    const users = viewAt(plan, 'pkg/controllers/users_controller.py');
    const server = (v: Record<string, unknown>): string =>
      (v['operations'] as { serverLiteral: string }[])[0]?.serverLiteral ?? '';
    expect(server(files)).toBe('"files"');
    expect(server(users)).toBe('"default"');
  });

  it('imports only what the module uses: a text-only controller imports no models and no model_body', () => {
    const users = viewAt(buildPlan(passwordAndBearerIr(), options), 'pkg/controllers/users_controller.py');
    const imports = imported(users);
    expect(imports.get('.base_controller')).toContain('json_body');
    expect([...imports.values()].flat()).not.toContain('model_body');
    expect([...imports.keys()].filter((m) => m.startsWith('..models.'))).toEqual([]);
    expect(imports.get('typing') ?? []).not.toContain('List');
  });

  it('auth doc pages for every manager, titles from the contract', () => {
    const ir = passwordAndBearerIr();
    const plan = buildPlan(ir, options);
    const docs = plan.files.filter((f) => f.path.startsWith('doc/auth/')).map((f) => f.path);
    expect(docs).toEqual(authContract(ir).units.map((u) => `doc/auth/${u.docSlug}.md`));
  });

  it('passes the contract warnings on (implicit flow)', () => {
    const plan = buildPlan(
      multiFlowIr({ implicit: { authorizationUrl: 'https://auth.example/authorize', scopes: {} } }),
      options,
    );
    expect(plan.warnings.join('\n')).toContain('RFC 9700');
  });
});
