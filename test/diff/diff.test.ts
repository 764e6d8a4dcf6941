/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-assignment, @typescript-eslint/no-unsafe-call, @typescript-eslint/no-unsafe-return --
   the rows edit a spec document (untyped JSON) in place; each edit is one short line. */
/**
 * `grantgen diff`: one row per change kind. Each row mutates a base spec, and the diff must report
 * the change with the oasdiff rule of that spec change and oasdiff's classification (ERR/WARN →
 * breaking, INFO → feature, documentation → fix; `SDK:` rows are where the SDK loses a symbol that
 * oasdiff calls INFO), named as the symbol a user of each SDK writes.
 */
import { describe, expect, it } from 'vitest';
import { type Change, diffIr } from '../../generator/diff/compare.js';
import { buildIr } from '../../generator/ir/build.js';
import type { IrApi } from '../../generator/ir/types.js';
import { type Doc, base, petRef } from './base.js';

const build = (d: Doc): IrApi => buildIr({ file: 'inline.yaml', document: d, specVersion: '3.0.3' });

function run(mutateNew: (d: Doc) => void, mutateOld?: (d: Doc) => void): { bump: string; changes: Change[] } {
  const a = base();
  mutateOld?.(a);
  const b = structuredClone(a);
  mutateNew(b);
  return diffIr(build(a), build(b));
}

const S = base().components.schemas as Doc;
const pets = (d: Doc): Doc => d.paths['/pets'];
const listParams = (d: Doc): Doc[] => pets(d).get.parameters;
const owners = (d: Doc): void => {
  d.tags.push({ name: 'owners' });
  d.paths['/owners'] = {
    get: {
      operationId: 'listOwners',
      tags: ['owners'],
      responses: { '200': { description: 'ok', content: { 'application/json': { schema: { type: 'string' } } } } },
    },
  };
};

interface Row {
  what: string;
  mutate: (d: Doc) => void;
  old?: (d: Doc) => void;
  kind: Change['kind'];
  /** The oasdiff rule id (or `SDK:` note) the message carries. */
  rule: string;
  python: string;
  typescript: string;
}

// Python names the request body argument `body_2`: `body` is taken by the generated runtime.
const ROWS: Row[] = [
  // Operations
  {
    what: 'operation added',
    mutate: owners,
    kind: 'feature',
    rule: 'endpoint-added',
    python: 'client.owners.list_owners()',
    typescript: 'client.owners.listOwners()',
  },
  {
    what: 'operation removed',
    mutate: (d) => delete d.paths['/pets/{petId}'].delete,
    kind: 'breaking',
    rule: 'api-removed-without-deprecation',
    python: 'client.pets.delete_pet()',
    typescript: 'client.pets.deletePet()',
  },
  {
    what: 'deprecated operation removed',
    old: (d) => (d.paths['/pets/{petId}'].delete.deprecated = true),
    mutate: (d) => delete d.paths['/pets/{petId}'].delete,
    kind: 'breaking',
    rule: 'api-removed-with-deprecation; SDK: method removed',
    python: 'client.pets.delete_pet()',
    typescript: 'client.pets.deletePet()',
  },
  {
    what: 'operation deprecated',
    mutate: (d) => (pets(d).get.deprecated = true),
    kind: 'feature',
    rule: 'endpoint-deprecated',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  {
    what: 'operation reactivated',
    old: (d) => (pets(d).get.deprecated = true),
    mutate: (d) => (pets(d).get.deprecated = false),
    kind: 'feature',
    rule: 'endpoint-reactivated',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  {
    what: 'operationId changed',
    mutate: (d) => (pets(d).get.operationId = 'findPets'),
    kind: 'breaking',
    rule: 'api-operation-id-updated',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  {
    what: 'tag changed',
    mutate: (d) => {
      d.tags.push({ name: 'animals' });
      pets(d).get.tags = ['animals'];
    },
    kind: 'breaking',
    rule: 'api-tag-updated',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  {
    what: 'operation summary changed',
    mutate: (d) => (pets(d).get.summary = 'All the pets'),
    kind: 'fix',
    rule: 'summary or description changed',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  {
    what: 'operation security alternative added',
    mutate: (d) => (pets(d).get.security = [{ petAuth: ['read:pets'] }, { apiKey: [] }]),
    kind: 'feature',
    rule: 'api-security-added',
    python: 'client.pets.list_pets()',
    typescript: 'client.pets.listPets()',
  },
  // Parameters
  {
    what: 'required parameter added',
    mutate: (d) => listParams(d).push({ name: 'owner', in: 'query', required: true, schema: { type: 'string' } }),
    kind: 'breaking',
    rule: 'new-required-request-parameter',
    python: 'client.pets.list_pets(owner=)',
    typescript: 'client.pets.listPets({ owner })',
  },
  {
    what: 'optional parameter added',
    mutate: (d) => listParams(d).push({ name: 'sort-by', in: 'query', schema: { type: 'string' } }),
    kind: 'feature',
    rule: 'new-optional-request-parameter',
    python: 'client.pets.list_pets(sort_by=)',
    typescript: 'client.pets.listPets({ sortBy })',
  },
  {
    what: 'parameter removed',
    mutate: (d) => listParams(d).shift(),
    kind: 'breaking',
    rule: 'request-parameter-removed',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter became required',
    mutate: (d) => (listParams(d)[0]!.required = true),
    kind: 'breaking',
    rule: 'request-parameter-became-required',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter became optional',
    old: (d) => (listParams(d)[0]!.required = true),
    mutate: (d) => (listParams(d)[0]!.required = false),
    kind: 'feature',
    rule: 'request-parameter-became-optional',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter type changed',
    mutate: (d) => (listParams(d)[0]!.schema = { type: 'string' }),
    kind: 'breaking',
    rule: 'request-parameter-type-changed',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter enum value added',
    mutate: (d) => listParams(d)[1]!.schema.enum.push('pending'),
    kind: 'feature',
    rule: 'request-parameter-enum-value-added',
    python: 'client.pets.list_pets(status=)',
    typescript: 'client.pets.listPets({ status })',
  },
  {
    what: 'parameter enum value removed',
    mutate: (d) => listParams(d)[1]!.schema.enum.pop(),
    kind: 'breaking',
    rule: 'request-parameter-enum-value-removed',
    python: 'client.pets.list_pets(status=)',
    typescript: 'client.pets.listPets({ status })',
  },
  {
    what: 'parameter became an enum',
    mutate: (d) => (listParams(d)[0]!.schema = { type: 'integer', enum: [10, 20] }),
    kind: 'breaking',
    rule: 'request-parameter-became-enum',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter became nullable',
    mutate: (d) => (listParams(d)[0]!.schema.nullable = true),
    kind: 'feature',
    rule: 'request-parameter-became-nullable',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter deprecated',
    mutate: (d) => (listParams(d)[0]!.deprecated = true),
    kind: 'feature',
    rule: 'request-parameter-deprecated',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  {
    what: 'parameter description changed',
    mutate: (d) => (listParams(d)[0]!.description = 'How many pets.'),
    kind: 'fix',
    rule: 'description changed',
    python: 'client.pets.list_pets(limit=)',
    typescript: 'client.pets.listPets({ limit })',
  },
  // Request body
  {
    what: 'required request body added',
    mutate: (d) =>
      (d.paths['/pets/{petId}'].delete.requestBody = {
        required: true,
        content: { 'application/json': { schema: { type: 'string' } } },
      }),
    kind: 'breaking',
    rule: 'added-required-request-body',
    python: 'client.pets.delete_pet(body_2=)',
    typescript: 'client.pets.deletePet({ body })',
  },
  {
    what: 'optional request body added',
    mutate: (d) =>
      (d.paths['/pets/{petId}'].delete.requestBody = {
        content: { 'application/json': { schema: { type: 'string' } } },
      }),
    kind: 'feature',
    rule: 'added-optional-request-body',
    python: 'client.pets.delete_pet(body_2=)',
    typescript: 'client.pets.deletePet({ body })',
  },
  {
    what: 'request body removed',
    mutate: (d) => delete pets(d).post.requestBody,
    kind: 'breaking',
    rule: 'request-body-removed',
    python: 'client.pets.create_pet(body_2=)',
    typescript: 'client.pets.createPet({ body })',
  },
  {
    what: 'request body became optional',
    mutate: (d) => (pets(d).post.requestBody.required = false),
    kind: 'feature',
    rule: 'request-body-became-optional',
    python: 'client.pets.create_pet(body_2=)',
    typescript: 'client.pets.createPet({ body })',
  },
  {
    what: 'request body became required',
    old: (d) => (pets(d).post.requestBody.required = false),
    mutate: (d) => (pets(d).post.requestBody.required = true),
    kind: 'breaking',
    rule: 'request-body-became-required',
    python: 'client.pets.create_pet(body_2=)',
    typescript: 'client.pets.createPet({ body })',
  },
  {
    what: 'request body media type changed',
    mutate: (d) =>
      (pets(d).post.requestBody.content = {
        'application/x-www-form-urlencoded': pets(d).post.requestBody.content['application/json'],
      }),
    kind: 'breaking',
    rule: 'request-body-media-type-removed',
    python: 'client.pets.create_pet(body_2=)',
    typescript: 'client.pets.createPet({ body })',
  },
  {
    what: 'request body type changed',
    mutate: (d) => (pets(d).post.requestBody.content['application/json'].schema = { type: 'string' }),
    kind: 'breaking',
    rule: 'request-body-type-changed',
    python: 'client.pets.create_pet(body_2=)',
    typescript: 'client.pets.createPet({ body })',
  },
  // Request properties (NewPet is only sent)
  {
    what: 'required request property added',
    mutate: (d) => {
      d.components.schemas.NewPet.properties.age = { type: 'integer' };
      d.components.schemas.NewPet.required.push('age');
    },
    kind: 'breaking',
    rule: 'new-required-request-property',
    python: 'NewPet.age',
    typescript: 'NewPet.age',
  },
  {
    what: 'optional request property added',
    mutate: (d) => (d.components.schemas.NewPet.properties['birth-date'] = { type: 'string' }),
    kind: 'feature',
    rule: 'new-optional-request-property',
    python: 'NewPet.birth_date',
    typescript: 'NewPet["birth-date"]',
  },
  {
    what: 'request property removed',
    mutate: (d) => delete d.components.schemas.NewPet.properties.tag,
    kind: 'breaking',
    rule: 'request-property-removed',
    python: 'NewPet.tag',
    typescript: 'NewPet.tag',
  },
  {
    what: 'request property became required',
    mutate: (d) => d.components.schemas.NewPet.required.push('tag'),
    kind: 'breaking',
    rule: 'request-property-became-required',
    python: 'NewPet.tag',
    typescript: 'NewPet.tag',
  },
  {
    what: 'request property became optional',
    mutate: (d) => (d.components.schemas.NewPet.required = []),
    kind: 'feature',
    rule: 'request-property-became-optional',
    python: 'NewPet.name',
    typescript: 'NewPet.name',
  },
  {
    what: 'request property type changed',
    mutate: (d) => (d.components.schemas.NewPet.properties.tag = { type: 'array', items: { type: 'string' } }),
    kind: 'breaking',
    rule: 'request-property-type-changed',
    python: 'NewPet.tag',
    typescript: 'NewPet.tag',
  },
  {
    what: 'request property enum value added',
    mutate: (d) => d.components.schemas.NewPet.properties.kind.enum.push('bird'),
    kind: 'feature',
    rule: 'request-property-enum-value-added',
    python: 'NewPet.kind',
    typescript: 'NewPet.kind',
  },
  {
    what: 'request property enum value removed',
    mutate: (d) => d.components.schemas.NewPet.properties.kind.enum.pop(),
    kind: 'breaking',
    rule: 'request-property-enum-value-removed',
    python: 'NewPet.kind',
    typescript: 'NewPet.kind',
  },
  {
    what: 'request enum model value added',
    mutate: (d) => d.components.schemas.Size.enum.push('medium'),
    kind: 'feature',
    rule: 'request-property-enum-value-added',
    python: 'SizeEnum.MEDIUM',
    typescript: 'SizeEnum.Medium',
  },
  {
    what: 'request enum model value removed',
    mutate: (d) => d.components.schemas.Size.enum.pop(),
    kind: 'breaking',
    rule: 'request-property-enum-value-removed',
    python: 'SizeEnum.LARGE',
    typescript: 'SizeEnum.Large',
  },
  // Responses and response properties (Pet is only received)
  {
    what: 'response property added',
    mutate: (d) => (d.components.schemas.Pet.properties.age = { type: 'integer' }),
    kind: 'feature',
    rule: 'response-optional-property-added',
    python: 'Pet.age',
    typescript: 'Pet.age',
  },
  {
    what: 'required response property removed',
    mutate: (d) => {
      delete d.components.schemas.Pet.properties.name;
      d.components.schemas.Pet.required = ['id'];
    },
    kind: 'breaking',
    rule: 'response-required-property-removed',
    python: 'Pet.name',
    typescript: 'Pet.name',
  },
  {
    what: 'optional response property removed',
    mutate: (d) => delete d.components.schemas.Pet.properties.tag,
    kind: 'breaking',
    rule: 'response-optional-property-removed',
    python: 'Pet.tag',
    typescript: 'Pet.tag',
  },
  {
    what: 'response property became optional',
    mutate: (d) => (d.components.schemas.Pet.required = ['id']),
    kind: 'breaking',
    rule: 'response-property-became-optional',
    python: 'Pet.name',
    typescript: 'Pet.name',
  },
  {
    what: 'response property became required',
    mutate: (d) => d.components.schemas.Pet.required.push('tag'),
    kind: 'feature',
    rule: 'response-property-became-required',
    python: 'Pet.tag',
    typescript: 'Pet.tag',
  },
  {
    what: 'response property became nullable',
    mutate: (d) => (d.components.schemas.Pet.properties.tag.nullable = true),
    kind: 'breaking',
    rule: 'response-property-became-nullable',
    python: 'Pet.tag',
    typescript: 'Pet.tag',
  },
  {
    what: 'response property type changed',
    mutate: (d) => (d.components.schemas.Pet.properties.id = { type: 'string' }),
    kind: 'breaking',
    rule: 'response-property-type-changed',
    python: 'Pet.id_',
    typescript: 'Pet.id',
  },
  {
    what: 'response enum value added',
    mutate: (d) => d.components.schemas.Status.enum.push('pending'),
    kind: 'breaking',
    rule: 'response-property-enum-value-added',
    python: 'StatusEnum.PENDING',
    typescript: 'StatusEnum.Pending',
  },
  {
    what: 'response enum value removed',
    mutate: (d) => d.components.schemas.Status.enum.pop(),
    kind: 'breaking',
    rule: 'SDK: enum member removed',
    python: 'StatusEnum.SOLD',
    typescript: 'StatusEnum.Sold',
  },
  {
    what: 'response body type changed',
    mutate: (d) =>
      (d.paths['/pets/{petId}'].get.responses['200'].content['application/json'].schema = { type: 'string' }),
    kind: 'breaking',
    rule: 'response-body-type-changed',
    python: 'client.pets.get_pet()',
    typescript: 'client.pets.getPet()',
  },
  {
    what: 'success status changed',
    mutate: (d) => {
      const g = d.paths['/pets/{petId}'].get;
      g.responses = { '202': g.responses['200'] };
    },
    kind: 'breaking',
    rule: 'response-success-status-removed',
    python: 'client.pets.get_pet()',
    typescript: 'client.pets.getPet()',
  },
  {
    what: 'response media type changed',
    mutate: (d) => {
      const r = d.paths['/pets/{petId}'].get.responses['200'];
      r.content = { 'application/xml': r.content['application/json'] };
    },
    kind: 'breaking',
    rule: 'response-media-type-removed',
    python: 'client.pets.get_pet()',
    typescript: 'client.pets.getPet()',
  },
  {
    what: 'response description changed',
    mutate: (d) => (d.paths['/pets/{petId}'].get.responses['200'].description = 'the pet'),
    kind: 'fix',
    rule: 'response description changed',
    python: 'client.pets.get_pet()',
    typescript: 'client.pets.getPet()',
  },
  // Models
  {
    what: 'model added',
    mutate: (d) => {
      owners(d);
      d.components.schemas.Owner = { type: 'object', properties: { id: { type: 'string' } } };
      d.paths['/owners'].get.responses['200'].content['application/json'].schema = {
        $ref: '#/components/schemas/Owner',
      };
    },
    kind: 'feature',
    rule: 'components-schema-added',
    python: 'Owner',
    typescript: 'Owner',
  },
  {
    what: 'model removed',
    mutate: (d) => {
      delete d.components.schemas.Size;
      delete d.components.schemas.NewPet.properties.size;
    },
    kind: 'breaking',
    rule: 'api-schema-removed',
    python: 'SizeEnum',
    typescript: 'SizeEnum',
  },
  {
    what: 'model description changed',
    mutate: (d) => (d.components.schemas.Pet.description = 'A pet, described.'),
    kind: 'fix',
    rule: 'description changed',
    python: 'Pet',
    typescript: 'Pet',
  },
  // Security
  {
    what: 'security scheme added',
    mutate: (d) => (d.components.securitySchemes.basic = { type: 'http', scheme: 'basic' }),
    kind: 'feature',
    rule: 'api-components-security-added',
    python: 'BasicCredentials',
    typescript: 'BasicCredentials',
  },
  {
    what: 'security scheme removed',
    mutate: (d) => delete d.components.securitySchemes.apiKey,
    kind: 'breaking',
    rule: 'SDK: credentials removed',
    python: 'ApiKeyCredentials',
    typescript: 'ApiKeyCredentials',
  },
  {
    what: 'OAuth flow added',
    mutate: (d) =>
      (d.components.securitySchemes.petAuth.flows.clientCredentials = {
        tokenUrl: 'https://auth.example.com/token',
        scopes: {},
      }),
    kind: 'feature',
    rule: 'api-components-security-added',
    python: 'PetAuthClientCredentials',
    typescript: 'PetAuthClientCredentials',
  },
  {
    what: 'OAuth flow removed',
    mutate: (d) => delete d.components.securitySchemes.petAuth.flows.password,
    kind: 'breaking',
    rule: 'SDK: flow removed',
    python: 'PetAuthPassword',
    typescript: 'PetAuthPassword',
  },
  {
    what: 'scope added',
    mutate: (d) => (d.components.securitySchemes.petAuth.flows.authorizationCode.scopes['admin:pets'] = 'admin'),
    kind: 'feature',
    rule: 'api-security-component-oauth-scope-added',
    python: 'OAuthScopePetAuthAuthorizationCodeEnum.ADMIN_PETS',
    typescript: 'OAuthScopePetAuthAuthorizationCodeEnum.AdminPets',
  },
  {
    what: 'scope removed',
    mutate: (d) => delete d.components.securitySchemes.petAuth.flows.authorizationCode.scopes['write:pets'],
    kind: 'breaking',
    rule: 'SDK: scope member removed',
    python: 'OAuthScopePetAuthAuthorizationCodeEnum.WRITE_PETS',
    typescript: 'OAuthScopePetAuthAuthorizationCodeEnum.WritePets',
  },
  {
    what: 'token URL changed',
    mutate: (d) => (d.components.securitySchemes.petAuth.flows.password.tokenUrl = 'https://login.example.com/token'),
    kind: 'fix',
    rule: 'api-security-component-oauth-token-url-changed',
    python: 'PetAuthPassword',
    typescript: 'PetAuthPassword',
  },
  // Servers and package
  {
    what: 'environment added',
    mutate: (d) => d.servers.push({ url: 'https://staging.example.com/v1', description: 'staging' }),
    kind: 'feature',
    rule: 'environment "staging" added',
    python: 'Environment.STAGING',
    typescript: 'Environment.Staging',
  },
  {
    what: 'environment removed',
    mutate: (d) => d.servers.pop(),
    kind: 'breaking',
    rule: 'SDK: environment member removed',
    python: 'Environment.SANDBOX',
    typescript: 'Environment.Sandbox',
  },
  {
    what: 'default environment changed',
    mutate: (d) => (d.servers[1]['x-grantgen-default'] = true),
    kind: 'breaking',
    rule: 'SDK: calls go elsewhere by default',
    python: 'Environment.SANDBOX',
    typescript: 'Environment.Sandbox',
  },
  {
    what: 'server URL changed',
    mutate: (d) => (d.servers[1].url = 'https://sandbox2.example.com/v1'),
    kind: 'fix',
    rule: 'server URLs changed',
    python: 'Environment.SANDBOX',
    typescript: 'Environment.Sandbox',
  },
  {
    what: 'server variable added',
    mutate: (d) => {
      d.servers[0].url = 'https://{region}.example.com/{basePath}';
      d.servers[0].variables.basePath = { default: 'v1' };
    },
    kind: 'feature',
    rule: 'server variable "basePath" added',
    python: 'Configuration(base_path=)',
    typescript: 'new PetstoreClient({ basePath })',
  },
  {
    what: 'server variable removed',
    mutate: (d) => {
      d.servers[0] = { url: 'https://eu.example.com/v1', description: 'production' };
    },
    kind: 'breaking',
    rule: 'SDK: option removed',
    python: 'Configuration(region=)',
    typescript: 'new PetstoreClient({ region })',
  },
  {
    what: 'server variable default changed',
    mutate: (d) => (d.servers[0].variables.region.default = 'us'),
    kind: 'fix',
    rule: 'default changed',
    python: 'Configuration(region=)',
    typescript: 'new PetstoreClient({ region })',
  },
  {
    what: 'package renamed',
    mutate: (d) => (d.info.title = 'Animal Store'),
    kind: 'breaking',
    rule: 'SDK: package name changed',
    python: 'petstore → animalstore',
    typescript: 'petstore → animalstore',
  },
  {
    what: 'API description changed',
    mutate: (d) => (d.info.description = 'All about pets.'),
    kind: 'fix',
    rule: 'API description changed',
    python: 'petstore',
    typescript: 'petstore',
  },
];

describe('grantgen diff: change kinds', () => {
  it('covers at least 25 change kinds, each with its own row', () => {
    expect(new Set(ROWS.map((r) => r.what)).size).toBe(ROWS.length);
    expect(ROWS.length).toBeGreaterThanOrEqual(25);
  });

  it.each(ROWS)('$what → $kind ($rule)', (row) => {
    const r = run(row.mutate, row.old);
    const hit = r.changes.find((c) => c.message.includes(row.rule) && c.python === row.python);
    expect(hit, JSON.stringify(r.changes, null, 2)).toBeDefined();
    expect(hit).toEqual({
      kind: row.kind,
      message: expect.any(String),
      python: row.python,
      typescript: row.typescript,
    });
    const strongest = r.changes.some((c) => c.kind === 'breaking')
      ? 'major'
      : r.changes.some((c) => c.kind === 'feature')
        ? 'minor'
        : 'patch';
    expect(r.bump).toBe(strongest);
    if (row.kind === 'breaking') expect(r.bump).toBe('major');
  });

  it('identical specs: bump none, no changes', () => {
    expect(run(() => undefined)).toEqual({ bump: 'none', changes: [] });
  });

  it('a documentation-only change is a patch', () => {
    const r = run((d) => {
      d.info.description = 'New words.';
      pets(d).get.summary = 'Lists pets';
      d.components.schemas.Pet.description = 'Described.';
    });
    expect(r.bump).toBe('patch');
    expect(r.changes.map((c) => c.kind)).toEqual(['fix', 'fix', 'fix']);
  });

  it('features only: minor; breaking first in the list', () => {
    expect(run((d) => listParams(d).push({ name: 'q', in: 'query', schema: { type: 'string' } })).bump).toBe('minor');
    const mixed = run((d) => {
      owners(d);
      listParams(d).shift();
    });
    expect(mixed.bump).toBe('major');
    expect(mixed.changes.map((c) => c.kind)).toEqual(['breaking', 'feature']);
  });

  it('a model both sent and received gets the stricter classification', () => {
    const r = run(
      (d) => (d.components.schemas.Pet.properties.age = { type: 'integer' }),
      (d) => (pets(d).post.requestBody.content['application/json'].schema = petRef),
    );
    // adding an optional property: feature either way
    expect(r.changes.find((c) => c.python === 'Pet.age')?.kind).toBe('feature');
    const req = run(
      (d) => (d.components.schemas.Pet.required = ['id', 'name', 'tag']),
      (d) => (pets(d).post.requestBody.content['application/json'].schema = petRef),
    );
    // optional → required: breaking for what is sent, though a feature for what is received
    expect(req.changes.find((c) => c.python === 'Pet.tag')?.kind).toBe('breaking');
  });

  it('S (the base) is used unchanged by every row', () => {
    expect(Object.keys(S).sort()).toEqual(['NewPet', 'Pet', 'Size', 'Status']);
  });
});
