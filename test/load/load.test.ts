/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-argument, @typescript-eslint/no-unsafe-return */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/index.js';
import { fx } from './helpers.js';

// The loaded document is untyped JSON; these tests poke into it directly.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Obj = Record<string, any>;

describe('loadSpec: OpenAPI 3.x', () => {
  it('loads OpenAPI 3.0 YAML, keeping internal refs', async () => {
    const s = await loadSpec(fx('petstore-3.0.yaml'));
    expect(s.file).toBe(fx('petstore-3.0.yaml'));
    expect(s.absPath).toBe(resolve(fx('petstore-3.0.yaml')));
    expect(s.specVersion).toBe('3.0.3');
    expect(s.files).toEqual([resolve(fx('petstore-3.0.yaml'))]);
    const doc = s.document as Obj;
    expect(doc.paths['/pets'].get.responses['200'].content['application/json'].schema.items).toEqual({
      $ref: '#/components/schemas/Pet',
    });
    expect(s.resolveRef('#/components/schemas/Pet', '/paths/~1pets')).toEqual(doc.components.schemas.Pet);
  });

  it('loads OpenAPI 3.1 JSON', async () => {
    const s = await loadSpec(fx('api-3.1.json'));
    expect(s.specVersion).toBe('3.1.0');
    expect((s.document as Obj).components.securitySchemes.Password.flows.password.tokenUrl).toBe('/oauth/token');
  });
});

describe('loadSpec: external refs', () => {
  it('bundles refs to a sibling file, a subfolder, and escaped names (%20, ~1)', async () => {
    const s = await loadSpec(fx('ext/main.yaml'));
    const dir = resolve(fx('ext'));
    expect(s.files).toEqual([
      `${dir}/main.yaml`,
      `${dir}/models/my file.yaml`,
      `${dir}/models/pet.yaml`,
      `${dir}/schemas.yaml`,
    ]);
    const doc = s.document as Obj;
    const schemaOf = (p: string): Obj => doc.paths[p].get.responses['200'].content['application/json'].schema;
    expect(schemaOf('/users').properties.id).toEqual({ type: 'string' });
    expect(schemaOf('/pets').properties.name).toEqual({ type: 'string' });
    expect(schemaOf('/odd')).toEqual({ type: 'integer', format: 'int64' });
    // No external refs remain; internal ones still resolve.
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]*"/g) ?? [];
    for (const r of refs) expect(r).toMatch(/^"\$ref":"#/);
    expect(s.resolveRef(schemaOf('/users').properties.pet.$ref, '/x')).toBe(schemaOf('/pets'));
    expect(s.resolveRef('#/components/schemas/Local', '/x')).toEqual({ type: 'string' });
    expect(s.resolveRef('#/components/schemas/Slash~1Name', '/x')).toEqual({ type: 'string' });
  });

  it('keeps cyclic schema refs inside one file as internal refs', async () => {
    const t = performance.now();
    const s = await loadSpec(fx('cycles/one-file.yaml'));
    expect(performance.now() - t).toBeLessThan(1000);
    const node = (s.document as Obj).components.schemas.Node;
    expect(node.properties.children.items).toEqual({ $ref: '#/components/schemas/Node' });
    expect(s.resolveRef('#/components/schemas/Node', '/x')).toBe(node);
    expect(() => JSON.stringify(s.document)).not.toThrow();
  });

  it('bundles cycles across two files (including back into the main file)', async () => {
    const t = performance.now();
    const s = await loadSpec(fx('cycles/main.yaml'));
    expect(performance.now() - t).toBeLessThan(1000);
    expect(s.files).toHaveLength(2);
    const doc = s.document as Obj;
    const json = JSON.stringify(doc);
    expect(json).not.toMatch(/"\$ref":"[^#]/);
    const tree = doc.paths['/tree'].get.responses['200'].content['application/json'].schema;
    expect(tree.properties.leaves.items).toEqual({ $ref: '#/components/schemas/Leaf' });
    expect(s.resolveRef(tree.properties.subtree.$ref, '/x')).toBe(tree);
    expect(s.resolveRef(doc.components.schemas.Leaf.properties.tree.$ref, '/x')).toBe(tree);
  });

  it('bundles a cycle between two non-main files in different folders', async () => {
    const s = await loadSpec(fx('cycles/three/main.yaml'));
    expect(s.files).toHaveLength(3);
    expect(JSON.stringify(s.document)).not.toMatch(/"\$ref":"[^#]/);
  });
});

describe('loadSpec: Swagger 2.0', () => {
  it('converts OAuth 2 flows, keeping URLs, scopes and x- extensions', async () => {
    const s = await loadSpec(fx('swagger2-oauth.yaml'));
    expect(s.specVersion).toBe('2.0');
    const doc = s.document as Obj;
    expect(doc.openapi).toMatch(/^3\.0\./);
    expect(doc.swagger).toBeUndefined();
    const schemes = doc.components.securitySchemes;
    expect(schemes.OAuthACG.flows).toEqual({
      authorizationCode: {
        // swagger2openapi strips the query string; the loader restores the URL as written.
        authorizationUrl: 'https://auth.example.com/authorize?audience=api',
        tokenUrl: 'https://auth.example.com/token',
        scopes: { read: 'Read things', write: 'Write things' },
        'x-grantgen-pkce': false,
      },
    });
    expect(schemes.OAuthACG['x-grantgen-pkce']).toBe(false);
    expect(schemes.OAuthPassword.flows).toEqual({
      password: {
        tokenUrl: '/oauth/token',
        scopes: { admin: 'Administer' },
        'x-grantgen-client-auth': 'client_secret_post',
      },
    });
    expect(Object.keys(schemes.OAuthApp.flows)).toEqual(['clientCredentials']);
    expect(schemes.OAuthApp.flows.clientCredentials.tokenUrl).toBe('https://auth.example.com/token');
    expect(Object.keys(schemes.OAuthImplicit.flows)).toEqual(['implicit']);
    expect(schemes.OAuthImplicit.flows.implicit.authorizationUrl).toBe('https://auth.example.com/authorize');
    expect(schemes.ApiKey).toEqual({ type: 'apiKey', in: 'header', name: 'X-Api-Key', 'x-note': 'keep me' });
    expect(doc.servers).toEqual([{ url: 'https://api.example.com/v1' }]);
    expect(doc.paths['/things'].get.responses['200'].content['*/*'].schema).toEqual({
      $ref: '#/components/schemas/Thing',
    });
  });
});
