import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/index.js';
import { buildIr, checkIr } from '../../generator/ir/build.js';
import { deriveOperationId } from '../../generator/ir/operations.js';
import { build, oauth, op, problemsOf, spec } from './helpers.js';

const json = (ref: string): Record<string, unknown> => ({
  '200': { description: 'ok', content: { 'application/json': { schema: { $ref: ref } } } },
});

describe('schemas and models', () => {
  it('builds schema $ref cycles (A → B → A) without hanging', () => {
    const ir = build(
      spec({
        paths: { '/a': { get: { responses: json('#/components/schemas/A') } } },
        components: {
          schemas: {
            A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' } } },
            B: {
              type: 'object',
              properties: {
                a: { $ref: '#/components/schemas/A' },
                self: { type: 'array', items: { $ref: '#/components/schemas/B' } },
              },
            },
          },
        },
      }),
    );
    expect(ir.models.map((m) => m.wireName)).toEqual(['A', 'B']);
    expect(ir.models[1]?.properties.map((p) => p.type)).toEqual([
      { kind: 'ref', model: 'A', nullable: false },
      { kind: 'array', items: { kind: 'ref', model: 'B', nullable: false }, nullable: false },
    ]);
  });

  it('reports a $ref chain that loops (non-schema refs) as ref-cycle at the $ref closing the loop', () => {
    const ps = problemsOf(
      spec({
        paths: { '/a': { get: op({ parameters: [{ $ref: '#/components/parameters/P' }] }) } },
        components: {
          parameters: { P: { $ref: '#/components/parameters/Q' }, Q: { $ref: '#/components/parameters/P' } },
        },
      }),
    );
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([['ref-cycle', '/components/parameters/Q']]);
  });

  it('reports a $ref to a missing schema with the pointer of the referring place', () => {
    const ps = problemsOf(spec({ paths: { '/a': { get: { responses: json('#/components/schemas/Nope') } } } }));
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([
      ['ref-missing', '/paths/~1a/get/responses/200/content/application~1json/schema'],
    ]);
  });

  it('makes models only of schemas reachable from operations, sorted by wire name', () => {
    const ir = build(
      spec({
        paths: {
          '/z': { get: { responses: json('#/components/schemas/Zebra') } },
          '/a': {
            post: op({
              requestBody: { content: { 'application/json': { schema: { $ref: '#/components/schemas/Apple' } } } },
            }),
          },
        },
        components: {
          schemas: {
            Zebra: { type: 'object', properties: { tag: { $ref: '#/components/schemas/Tag' } } },
            Apple: { type: 'string', enum: ['red', 'green'] },
            Tag: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] },
            Unused: { type: 'object' },
          },
        },
      }),
    );
    expect(ir.models.map((m) => [m.wireName, m.kind])).toEqual([
      ['Apple', 'enum'],
      ['Tag', 'object'],
      ['Zebra', 'object'],
    ]);
    expect(ir.models[0]?.enumValues).toEqual(['red', 'green']);
    expect(ir.models[1]?.properties[0]).toMatchObject({ wireName: 'name', required: true });
  });
});

describe('operations', () => {
  it('derives an operationId from method and path when missing', () => {
    const ir = build(spec({ paths: { '/users/{id}/keys': { get: op(), delete: op({ operationId: 'dropKeys' }) } } }));
    expect(ir.operations.map((o) => [o.method, o.operationId, o.operationIdFromSpec])).toEqual([
      ['delete', 'dropKeys', true],
      ['get', 'get users id keys', false],
    ]);
    expect(deriveOperationId('post', '/v1/a-b.c')).toBe('post v1 a b c');
  });

  it('sorts operations by tag, path, method and puts path parameters first in path order', () => {
    const ir = build(
      spec({
        paths: {
          '/b/{y}/{x}': {
            parameters: [{ name: 'x', in: 'path', required: true, schema: { type: 'string' } }],
            get: op({
              tags: ['t2'],
              parameters: [
                { name: 'q', in: 'query', schema: { type: 'integer' } },
                { name: 'y', in: 'path', required: true, schema: { type: 'string' } },
              ],
            }),
          },
          '/a': { post: op({ tags: ['t2'] }), get: op({ tags: ['t1'] }) },
        },
      }),
    );
    expect(ir.operations.map((o) => `${o.tag} ${o.method} ${o.path}`)).toEqual([
      't1 get /a',
      't2 post /a',
      't2 get /b/{y}/{x}',
    ]);
    expect(ir.operations[2]?.parameters.map((p) => `${p.in}:${p.wireName}`)).toEqual(['path:y', 'path:x', 'query:q']);
    expect(ir.tags.map((t) => t.wireName)).toEqual(['t1', 't2']);
  });

  it('reports a parameter without `in`', () => {
    const ps = problemsOf(spec({ paths: { '/a': { get: op({ parameters: [{ name: 'q' }] }) } } }));
    expect(ps.map((p) => [p.code, p.pointer])).toEqual([['parameter-invalid', '/paths/~1a/get/parameters/0']]);
  });

  it('reports `paths` that is a list', () => {
    expect(problemsOf(spec({ paths: [] })).map((p) => [p.code, p.pointer])).toEqual([['paths-not-object', '/paths']]);
  });
});

describe('environments', () => {
  it('reads the environment × server grid from x-grantgen-environment / -server / -default', () => {
    const ir = build(
      spec({
        servers: [
          { url: 'https://api.prod', description: 'Production', 'x-grantgen-environment': 'production' },
          { url: 'https://auth.prod', 'x-grantgen-environment': 'production', 'x-grantgen-server': 'auth' },
          { url: 'http://localhost:3000', 'x-grantgen-environment': 'testing', 'x-grantgen-default': true },
        ],
      }),
    );
    expect(ir.serverNames).toEqual(['default', 'auth']);
    expect(ir.environments).toEqual([
      {
        wireName: 'production',
        description: 'Production',
        isDefault: false,
        servers: [
          { serverName: 'default', url: 'https://api.prod' },
          { serverName: 'auth', url: 'https://auth.prod' },
        ],
      },
      {
        wireName: 'testing',
        description: '',
        isDefault: true,
        servers: [
          { serverName: 'default', url: 'http://localhost:3000' },
          { serverName: 'auth', url: 'http://localhost:3000' },
        ],
      },
    ]);
  });

  it('makes each plain server its own environment (first one default) and never returns none', () => {
    const ir = build(spec({ servers: [{ url: 'https://a' }, { url: 'https://b', description: 'B' }] }));
    expect(ir.environments.map((e) => [e.wireName, e.isDefault])).toEqual([
      ['server 1', true],
      ['B', false],
    ]);
    const none = build(spec());
    expect(none.environments).toEqual([
      { wireName: 'default', description: '', isDefault: true, servers: [{ serverName: 'default', url: '/' }] },
    ]);
  });

  it('reports servers that is not a list, a server without url, a variable without default', () => {
    expect(problemsOf(spec({ servers: { url: 'x' } })).map((p) => [p.code, p.pointer])).toEqual([
      ['servers-not-array', '/servers'],
    ]);
    expect(
      problemsOf(
        spec({ servers: [{ description: 'x' }, { url: 'https://{h}', variables: { h: { enum: ['a'] } } }] }),
      ).map((p) => [p.code, p.pointer]),
    ).toEqual([
      ['server-url', '/servers/0'],
      ['server-variable-default', '/servers/1/variables/h'],
    ]);
  });
});

describe('documents and files', () => {
  it('reports a missing info.title', () => {
    expect(problemsOf({ openapi: '3.0.3', info: { version: '1' }, paths: {} }).map((p) => [p.code, p.pointer])).toEqual(
      [['info-title', '/info/title']],
    );
  });

  it('checkIr returns the IR and every problem instead of throwing', () => {
    const { ir, problems } = checkIr({
      file: 'x.yaml',
      specVersion: '3.1.0',
      document: spec({ servers: 'nope', paths: [] }),
    });
    expect(ir.specVersion).toBe('3.1.0');
    expect(problems.map((p) => p.code)).toEqual(['servers-not-array', 'paths-not-object']);
  });

  it('adds line and column from the loader to IR problems (file-based spec)', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = await mkdtemp(path.join(os.tmpdir(), 'grantgen-ir-'));
    const file = path.join(dir, 'api.yaml');
    await writeFile(
      file,
      [
        'openapi: 3.0.3',
        'info: { title: T, version: "1" }',
        'paths: {}',
        'components:',
        '  securitySchemes:',
        '    X:',
        '      type: oauth2',
        '      flows:',
        '        password:',
        '          tokenUrl: "javascript:alert(1)"',
        '        authorizationCode:',
        '          authorizationUrl: https://a.example/authorize',
        '',
      ].join('\n'),
    );
    const loaded = await loadSpec(file);
    const { problems } = checkIr(loaded);
    expect(problems).toEqual([
      // a missing field keeps its own pointer (what to add) and the line of its parent
      expect.objectContaining({
        code: 'flow-token-url',
        pointer: '/components/securitySchemes/X/flows/authorizationCode/tokenUrl',
        line: 11,
      }),
      expect.objectContaining({
        code: 'flow-url-invalid',
        pointer: '/components/securitySchemes/X/flows/password/tokenUrl',
        line: 10,
      }),
    ]);
  });

  it('turns Swagger 2.0 accessCode and password flows into authorizationCode and password (specs/swagger2-both.yaml)', async () => {
    const loaded = await loadSpec('specs/swagger2-both.yaml');
    const ir = buildIr(loaded);
    expect(ir.specVersion).toBe('2.0');
    expect(oauth(ir, 'notesCode').flows.map((f) => f.kind)).toEqual(['authorizationCode']);
    expect(oauth(ir, 'notesPassword').flows.map((f) => f.kind)).toEqual(['password']);
    expect(oauth(ir, 'notesCode').flows[0]).toMatchObject({
      authorizationUrl: 'https://notes.example/oauth/authorize',
      tokenUrl: 'https://notes.example/oauth/token',
    });
    expect(ir.environments[0]?.servers[0]?.url).toBe('https://notes.example/api');
  });
});
