/** Which server each operation calls: operation `servers` > path `servers` > document `servers`. */
import { describe, expect, it } from 'vitest';
import type { IrApi } from '../../generator/ir/types.js';
import { build, problemsOf, spec } from './helpers.js';

const ok = { responses: { '200': { description: 'ok' } } };

const twoEnvs = [
  { url: 'https://api.example', 'x-grantgen-environment': 'production' },
  { url: 'https://sandbox.example', 'x-grantgen-environment': 'sandbox' },
];

function serverOf(ir: IrApi, operationId: string): string {
  const op = ir.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return op.server;
}

function urls(ir: IrApi, server: string): Record<string, string> {
  return Object.fromEntries(
    ir.environments.map((e) => [e.wireName, e.servers.find((s) => s.serverName === server)?.url ?? '(none)']),
  );
}

describe('operation servers', () => {
  it('operation servers win over path servers, which win over the document servers', () => {
    const ir = build(
      spec({
        servers: twoEnvs,
        paths: {
          '/plain': { get: { ...ok, operationId: 'plain' } },
          '/reports': {
            servers: [{ url: 'https://reports.example' }],
            get: { ...ok, operationId: 'pathLevel' },
            post: { ...ok, operationId: 'opLevel', servers: [{ url: 'https://uploads.example' }] },
          },
        },
      }),
    );
    expect(serverOf(ir, 'plain')).toBe('default');
    expect(serverOf(ir, 'pathLevel')).toBe('/reports');
    expect(serverOf(ir, 'opLevel')).toBe('opLevel');
    expect(urls(ir, '/reports')).toEqual({ production: 'https://reports.example', sandbox: 'https://reports.example' });
    expect(urls(ir, 'opLevel')).toEqual({ production: 'https://uploads.example', sandbox: 'https://uploads.example' });
    expect(ir.serverNames).toEqual(['default', '/reports', 'opLevel']);
  });

  it('maps each entry of an operation server list to its environment, the first one elsewhere', () => {
    const ir = build(
      spec({
        servers: [...twoEnvs, { url: 'https://staging.example', 'x-grantgen-environment': 'staging' }],
        paths: {
          '/x': {
            get: {
              ...ok,
              operationId: 'x',
              servers: [
                { url: 'https://files.example', 'x-grantgen-environment': 'production', 'x-grantgen-server': 'files' },
                { url: 'https://files.sandbox.example', 'x-grantgen-environment': 'sandbox' },
              ],
            },
          },
        },
      }),
    );
    expect(serverOf(ir, 'x')).toBe('files');
    expect(urls(ir, 'files')).toEqual({
      production: 'https://files.example',
      sandbox: 'https://files.sandbox.example',
      staging: 'https://files.example',
    });
  });

  it('one server for the same list declared on several paths; a path whose operations all override adds none', () => {
    const shared = [{ url: 'https://reports.example/{region}', variables: { region: { default: 'eu' } } }];
    const ir = build(
      spec({
        servers: twoEnvs,
        paths: {
          '/a': { servers: shared, get: { ...ok, operationId: 'a' } },
          '/b': { servers: shared, get: { ...ok, operationId: 'b' } },
          '/c': {
            servers: [{ url: 'https://never.example' }],
            get: { ...ok, operationId: 'c', servers: [{ url: 'https://own.example' }] },
          },
        },
      }),
    );
    expect(serverOf(ir, 'a')).toBe(serverOf(ir, 'b'));
    expect(ir.serverNames).toEqual(['default', '/a', 'c']);
    expect(JSON.stringify(ir.environments)).not.toContain('never.example');
    // the list's own variables become server variables (the document has none)
    expect(ir.serverVariables.map((v) => [v.wireName, v.default])).toEqual([['region', 'eu']]);
  });

  it('a server name already taken (hostile x-grantgen-server: auth) gets a counter, never replaces it', () => {
    const ir = build(
      spec({
        servers: [
          { url: 'https://api.example', 'x-grantgen-environment': 'prod' },
          { url: 'https://auth.example', 'x-grantgen-environment': 'prod', 'x-grantgen-server': 'auth' },
        ],
        paths: {
          '/x': {
            get: { ...ok, operationId: 'x', servers: [{ url: 'https://evil.example', 'x-grantgen-server': 'auth' }] },
          },
        },
      }),
    );
    expect(serverOf(ir, 'x')).toBe('auth 2');
    expect(urls(ir, 'auth')).toEqual({ prod: 'https://auth.example' });
    expect(urls(ir, 'auth 2')).toEqual({ prod: 'https://evil.example' });
  });

  it('a non-http operation server URL is a problem, not a silent fallback', () => {
    const problems = problemsOf(
      spec({ paths: { '/x': { get: { ...ok, servers: [{ url: 'javascript:alert(1)' }] } } } }),
    );
    expect(problems.map((p) => p.code)).toContain('server-url-invalid');
    expect(problems.find((p) => p.code === 'server-url-invalid')?.pointer).toBe('/paths/~1x/get/servers/0/url');
  });
});
