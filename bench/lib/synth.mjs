/** Synthetic OpenAPI 3.0 specs with N operations: ACG + ROPCG, a few models, tags over 20 controllers. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const METHODS = ['get', 'post', 'put', 'delete'];
const CONTROLLERS = 20;

function models() {
  return {
    Item: {
      type: 'object',
      required: ['id', 'name'],
      properties: {
        id: { type: 'integer', format: 'int64' },
        name: { type: 'string' },
        tags: { type: 'array', items: { type: 'string' } },
        status: { $ref: '#/components/schemas/Status' },
        owner: { $ref: '#/components/schemas/User' },
      },
    },
    ItemInput: { type: 'object', required: ['name'], properties: { name: { type: 'string' }, status: { $ref: '#/components/schemas/Status' } } },
    User: { type: 'object', properties: { id: { type: 'integer' }, email: { type: 'string', format: 'email' }, created_at: { type: 'string', format: 'date-time' } } },
    Status: { type: 'string', enum: ['active', 'archived', 'deleted'] },
    Page: { type: 'object', properties: { items: { type: 'array', items: { $ref: '#/components/schemas/Item' } }, next: { type: 'string', nullable: true } } },
    Error: { type: 'object', required: ['code'], properties: { code: { type: 'string' }, message: { type: 'string' } } },
  };
}

function operation(i) {
  const method = METHODS[i % METHODS.length];
  const tag = `Controller${i % CONTROLLERS}`;
  const op = {
    tags: [tag],
    operationId: `${method}Resource${i}`,
    summary: `Operation ${i} (${method.toUpperCase()})`,
    description: `Synthetic operation number ${i}.`,
    security: i % 3 === 0 ? [{ OAuthACG: ['items.read'] }, { OAuthROPCG: [] }] : i % 3 === 1 ? [{ OAuthACG: ['items.write'] }] : [{ OAuthROPCG: [] }],
    parameters: [
      { name: 'id', in: 'path', required: true, schema: { type: 'integer' } },
      { name: 'verbose', in: 'query', required: false, schema: { type: 'boolean' } },
    ],
    responses: {
      200: { description: 'OK', content: { 'application/json': { schema: { $ref: i % 2 ? '#/components/schemas/Item' : '#/components/schemas/Page' } } } },
      default: { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
    },
  };
  if (method === 'post' || method === 'put')
    op.requestBody = { required: true, content: { 'application/json': { schema: { $ref: '#/components/schemas/ItemInput' } } } };
  return { path: `/c${i % CONTROLLERS}/r${i}/{id}`, method, op };
}

export function synthSpec(n) {
  const paths = {};
  for (let i = 0; i < n; i++) {
    const { path: p, method, op } = operation(i);
    (paths[p] ??= {})[method] = op;
  }
  return {
    openapi: '3.0.3',
    info: { title: `Synthetic ${n}`, version: '1.0.0', description: `Synthetic spec with ${n} operations.` },
    servers: [{ url: 'https://api.example.com/v1' }],
    tags: Array.from({ length: CONTROLLERS }, (_, i) => ({ name: `Controller${i}` })),
    paths,
    components: {
      schemas: models(),
      securitySchemes: {
        OAuthACG: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.example.com/authorize',
              tokenUrl: 'https://auth.example.com/token',
              refreshUrl: 'https://auth.example.com/token',
              scopes: { 'items.read': 'Read items', 'items.write': 'Write items' },
            },
          },
        },
        OAuthROPCG: { type: 'oauth2', flows: { password: { tokenUrl: 'https://auth.example.com/token', scopes: {} } } },
      },
    },
  };
}

/** Write the spec to <dir>/synthetic-<n>.json and return its path. */
export function writeSynthSpec(dir, n) {
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `synthetic-${n}.json`);
  writeFileSync(file, JSON.stringify(synthSpec(n), null, 2));
  return file;
}
