/** The base spec the diff tests mutate, one change kind at a time. */

export type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const petRef = { $ref: '#/components/schemas/Pet' };

export function base(): Doc {
  return {
    openapi: '3.0.3',
    info: { title: 'Pet Store', version: '1.0.0', description: 'Pets.' },
    servers: [
      {
        url: 'https://{region}.example.com/v1',
        description: 'production',
        variables: { region: { default: 'eu', enum: ['eu', 'us'] } },
      },
      { url: 'https://sandbox.example.com/v1', description: 'sandbox' },
    ],
    security: [{ petAuth: ['read:pets'] }],
    tags: [{ name: 'pets' }],
    paths: {
      '/pets': {
        get: {
          operationId: 'listPets',
          tags: ['pets'],
          summary: 'List pets',
          parameters: [
            { name: 'limit', in: 'query', schema: { type: 'integer' }, description: 'How many.' },
            { name: 'status', in: 'query', schema: { type: 'string', enum: ['available', 'sold'] } },
          ],
          responses: {
            '200': {
              description: 'ok',
              content: { 'application/json': { schema: { type: 'array', items: petRef } } },
            },
          },
        },
        post: {
          operationId: 'createPet',
          tags: ['pets'],
          requestBody: {
            required: true,
            content: { 'application/json': { schema: { $ref: '#/components/schemas/NewPet' } } },
          },
          responses: { '201': { description: 'made', content: { 'application/json': { schema: petRef } } } },
        },
      },
      '/pets/{petId}': {
        get: {
          operationId: 'getPet',
          tags: ['pets'],
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: petRef } } } },
        },
        delete: {
          operationId: 'deletePet',
          tags: ['pets'],
          parameters: [{ name: 'petId', in: 'path', required: true, schema: { type: 'string' } }],
          responses: { '204': { description: 'gone' } },
        },
      },
    },
    components: {
      schemas: {
        Pet: {
          type: 'object',
          description: 'A pet.',
          required: ['id', 'name'],
          properties: {
            id: { type: 'integer' },
            name: { type: 'string' },
            tag: { type: 'string' },
            status: { $ref: '#/components/schemas/Status' },
          },
        },
        NewPet: {
          type: 'object',
          required: ['name'],
          properties: {
            name: { type: 'string' },
            tag: { type: 'string' },
            kind: { type: 'string', enum: ['dog', 'cat'] },
            size: { $ref: '#/components/schemas/Size' },
          },
        },
        Status: { type: 'string', enum: ['available', 'sold'] },
        Size: { type: 'string', enum: ['small', 'large'] },
      },
      securitySchemes: {
        petAuth: {
          type: 'oauth2',
          flows: {
            authorizationCode: {
              authorizationUrl: 'https://auth.example.com/authorize',
              tokenUrl: 'https://auth.example.com/token',
              scopes: { 'read:pets': 'read', 'write:pets': 'write' },
            },
            password: { tokenUrl: 'https://auth.example.com/token', scopes: { 'read:pets': 'read' } },
          },
        },
        apiKey: { type: 'apiKey', in: 'header', name: 'X-API-Key' },
      },
    },
  };
}
