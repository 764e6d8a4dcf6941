/**
 * Careless or hostile input the IR must turn into something every target can emit: lone UTF-16
 * surrogates (unencodable in UTF-8) and enum values that are not of the schema's type.
 */
import { describe, expect, it } from 'vitest';
import { wellFormed, wellFormedDocument } from '../../generator/ir/well-formed.js';
import { ACG, build, oauth, spec } from './helpers.js';

const HIGH = '\ud800';
const LOW = '\udc00';

describe('lone UTF-16 surrogates', () => {
  it('are replaced by U+FFFD in strings; pairs are kept', () => {
    expect(wellFormed(`a${HIGH}b${LOW}c\ud83d\ude00${LOW}${HIGH}`)).toBe('a\ufffdb\ufffdc\ud83d\ude00\ufffd\ufffd');
    expect(wellFormed('plain')).toBe('plain');
  });

  it('leave a clean document untouched (same object) and copy a dirty one without mutating it', () => {
    const clean = { a: ['x', { b: 1 }] };
    expect(wellFormedDocument(clean, () => undefined)).toBe(clean);
    const shared = { s: `v${HIGH}` };
    const dirty: Record<string, unknown> = { [`k${LOW}`]: shared, again: shared };
    Object.defineProperty(dirty, '__proto__', {
      value: { p: 1 },
      enumerable: true,
      configurable: true,
      writable: true,
    });
    const found: string[] = [];
    const out = wellFormedDocument(dirty, (p) => found.push(p)) as Record<string, Record<string, unknown>>;
    expect(out).not.toBe(dirty);
    expect(Object.keys(dirty)).toContain(`k${LOW}`);
    expect(out['k\ufffd']).toEqual({ s: 'v\ufffd' });
    expect(out['again']).toBe(out['k\ufffd']);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(found).toEqual(['/k\ufffd', '/k\ufffd/s']);
  });

  it('survive a cycle in the document', () => {
    const a: Record<string, unknown> = { name: `x${HIGH}` };
    a['self'] = a;
    const out = wellFormedDocument(a, () => undefined);
    expect(out['name']).toBe('x\ufffd');
    expect(out['self']).toBe(out);
  });

  it('reach the IR replaced, each with a lone-surrogate warning naming its pointer', () => {
    const scopes = { [HIGH]: `lone ${HIGH}`, [`read${LOW}`]: 'r', write: 'w' };
    const acg = { ...ACG, flows: { authorizationCode: { ...ACG.flows.authorizationCode, scopes } } };
    const ir = build(
      spec({ info: { title: `T${HIGH}`, version: '1' }, components: { securitySchemes: { oauth: acg } } }),
    );
    expect(ir.title).toBe('T\ufffd');
    const flow = oauth(ir, 'oauth').flows[0] as { scopes: { wireName: string }[] };
    expect(flow.scopes.map((s) => s.wireName).sort()).toEqual(['read\ufffd', 'write', '\ufffd']);
    expect(JSON.stringify({ ...ir, warnings: ir.warnings.map((w) => w.pointer) })).not.toMatch(/\\ud[89a-f]/);
    const warned = ir.warnings.filter((w) => w.code === 'lone-surrogate').map((w) => w.pointer);
    expect(warned).toContain('/info/title');
    expect(warned).toContain('/components/securitySchemes/oauth/flows/authorizationCode/scopes/\ufffd');
    expect(warned).toContain('/components/securitySchemes/oauth/flows/authorizationCode/scopes/read\ufffd');
  });

  it('are warned about one by one up to 10, then counted', () => {
    const props = Object.fromEntries(Array.from({ length: 15 }, (_, i) => [`p${i}`, { description: `d${HIGH}` }]));
    const ir = build(spec({ components: { schemas: { S: { type: 'object', properties: props } } } }));
    const warned = ir.warnings.filter((w) => w.code === 'lone-surrogate');
    expect(warned).toHaveLength(11);
    expect(warned[10]?.message).toContain('5 more');
  });
});

describe('enum values not of the schema type', () => {
  const holder = (enums: Record<string, unknown>) =>
    spec({
      paths: {
        '/h': {
          get: {
            operationId: 'getH',
            responses: {
              '200': {
                description: 'ok',
                content: { 'application/json': { schema: { $ref: '#/components/schemas/H' } } },
              },
            },
          },
        },
      },
      components: {
        schemas: {
          ...enums,
          H: {
            type: 'object',
            properties: Object.fromEntries(Object.keys(enums).map((k) => [k, { $ref: `#/components/schemas/${k}` }])),
          },
        },
      },
    });

  it('are left out of integer, number and boolean enums with a warning naming the JSON pointer', () => {
    const ir = build(
      holder({
        I: { type: 'integer', enum: [1, 'x', 2.5, true, null, 3, 1] },
        N: { type: 'number', enum: [0.5, 'y', false] },
        B: { type: 'boolean', enum: [true, 'no', 0] },
      }),
    );
    const values = (n: string) => ir.models.find((m) => m.wireName === n)?.enumValues;
    expect(values('I')).toEqual([1, 3]);
    expect(values('N')).toEqual([0.5]);
    expect(values('B')).toEqual([true]);
    const warned = ir.warnings.filter((w) => w.code === 'enum-value-type');
    expect(warned.map((w) => w.pointer)).toEqual([
      '/components/schemas/I/enum/1',
      '/components/schemas/I/enum/2',
      '/components/schemas/I/enum/3',
      '/components/schemas/N/enum/1',
      '/components/schemas/N/enum/2',
      '/components/schemas/B/enum/1',
      '/components/schemas/B/enum/2',
    ]);
    expect(warned[0]?.message).toContain('"x" is not an integer');
  });

  it('become text in a string enum (YAML reads unquoted 1 and true as number and boolean)', () => {
    const ir = build(holder({ S: { type: 'string', enum: ['a', 1, true, '1'] } }));
    expect(ir.models.find((m) => m.wireName === 'S')?.enumValues).toEqual(['a', '1', 'true']);
    expect(ir.warnings.filter((w) => w.code === 'enum-value-type').map((w) => w.pointer)).toEqual([
      '/components/schemas/S/enum/1',
      '/components/schemas/S/enum/2',
    ]);
  });

  it('are left out of inline enums too, warned once per place', () => {
    const doc = holder({});
    const h = (doc['components'] as { schemas: Record<string, { properties: Record<string, unknown> }> }).schemas['H'];
    h!.properties['inline'] = { type: 'integer', enum: [7, 'seven'] };
    const ir = build(doc);
    const prop = ir.models.find((m) => m.wireName === 'H')?.properties.find((p) => p.wireName === 'inline');
    expect(prop?.type).toMatchObject({ kind: 'primitive', type: 'integer', enum: [7] });
    expect(ir.warnings.filter((w) => w.code === 'enum-value-type').map((w) => w.pointer)).toEqual([
      '/components/schemas/H/properties/inline/enum/1',
    ]);
  });
});
