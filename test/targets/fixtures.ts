/** Small inline specs for the target view tests. */
import { build, spec } from '../ir/helpers.js';
import type { IrApi } from '../../generator/ir/types.js';
import type { PlannedFile, TargetPlan } from '../../generator/targets/target.js';

const ok = { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } };

/** One `oauth2` scheme with authorizationCode + password (+ an implicit flow when asked). */
export function multiFlowIr(extraFlows: Record<string, unknown> = {}): IrApi {
  return build(
    spec({
      servers: [{ url: 'https://api.example' }],
      security: [{ oauth2: [] }],
      paths: {
        '/me': { get: { operationId: 'getMe', tags: ['Users'], responses: ok } },
        '/files': {
          servers: [{ url: 'https://files.example', 'x-grantgen-server': 'files' }],
          get: { operationId: 'listFiles', tags: ['Files'], responses: ok },
        },
      },
      components: {
        securitySchemes: {
          oauth2: {
            type: 'oauth2',
            flows: {
              authorizationCode: {
                authorizationUrl: 'https://auth.example/authorize',
                tokenUrl: 'https://auth.example/token',
                scopes: { read: 'Read' },
              },
              password: { tokenUrl: 'https://auth.example/token', scopes: {} },
              ...extraFlows,
            },
          },
        },
      },
    }),
  );
}

/** One password-only scheme and one bearer scheme. */
export function passwordAndBearerIr(): IrApi {
  return build(
    spec({
      servers: [{ url: 'https://api.example' }],
      security: [{ pw: [] }, { token: [] }],
      paths: { '/me': { get: { operationId: 'getMe', tags: ['Users'], responses: ok } } },
      components: {
        securitySchemes: {
          pw: { type: 'oauth2', flows: { password: { tokenUrl: 'https://auth.example/token', scopes: {} } } },
          token: { type: 'http', scheme: 'bearer' },
        },
      },
    }),
  );
}

/** The view of the planned file at `path` (a rendered one). */
export function viewAt(plan: TargetPlan, path: string): Record<string, unknown> {
  const f: PlannedFile | undefined = plan.files.find((x) => x.path === path);
  if (!f || !('template' in f))
    throw new Error(`no rendered file ${path}: ${plan.files.map((x) => x.path).join(', ')}`);
  return f.view as Record<string, unknown>;
}
