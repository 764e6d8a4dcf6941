import { describe, expect, it } from 'vitest';
import { loadSpec } from '../../generator/load/index.js';
import { fx } from './helpers.js';

describe('locate', () => {
  it('finds a security scheme in YAML', async () => {
    const s = await loadSpec(fx('petstore-3.0.yaml'));
    expect(s.locate('/components/securitySchemes/OAuthACG')).toEqual({
      file: fx('petstore-3.0.yaml'),
      pointer: '/components/securitySchemes/OAuthACG',
      line: 20,
      column: 5,
    });
    expect(s.locate('/components/securitySchemes/OAuthACG/flows/authorizationCode/tokenUrl')).toMatchObject({
      line: 25,
      column: 11,
    });
    // Missing places fall back to the deepest existing ancestor.
    expect(s.locate('/components/securitySchemes/Nope')).toMatchObject({
      pointer: '/components/securitySchemes',
      line: 19,
      column: 3,
    });
  });

  it('finds places in JSON', async () => {
    const s = await loadSpec(fx('api-3.1.json'));
    expect(s.locate('/components/securitySchemes/Password/flows/password/tokenUrl')).toEqual({
      file: fx('api-3.1.json'),
      pointer: '/components/securitySchemes/Password/flows/password/tokenUrl',
      line: 9,
      column: 34,
    });
  });

  it('maps Swagger 2.0 pointers back to the 2.0 places', async () => {
    const s = await loadSpec(fx('swagger2-oauth.yaml'));
    expect(s.locate('/components/securitySchemes/OAuthPassword')).toEqual({
      file: fx('swagger2-oauth.yaml'),
      pointer: '/securityDefinitions/OAuthPassword',
      line: 18,
      column: 3,
    });
    expect(s.locate('/components/securitySchemes/OAuthPassword/flows/password/tokenUrl')).toMatchObject({
      pointer: '/securityDefinitions/OAuthPassword/tokenUrl',
      line: 21,
      column: 5,
    });
    expect(s.locate('/components/schemas/Thing/properties/id')).toMatchObject({
      pointer: '/definitions/Thing/properties/id',
      line: 55,
    });
    expect(s.locate('/paths/~1things/get')).toMatchObject({ pointer: '/paths/~1things/get', line: 42 });
  });

  it('follows bundled external refs into the file they came from', async () => {
    const s = await loadSpec(fx('ext/main.yaml'));
    expect(s.locate('/paths/~1odd/get/responses/200/content/application~1json/schema/format')).toEqual({
      file: fx('ext/models/my file.yaml'),
      pointer: '/defs/a~1b/format',
      line: 4,
      column: 5,
    });
    expect(s.locate('/paths/~1users/get/responses/200/content/application~1json/schema/properties/id')).toMatchObject({
      file: fx('ext/schemas.yaml'),
      pointer: '/User/properties/id',
      line: 4,
    });
  });
});
