import { describe, expect, it } from 'vitest';
import { GrantgenError } from '../../generator/errors.js';
import { loadSpec } from '../../generator/load/index.js';
import { fx, problemsOf } from './helpers.js';

describe('loadSpec errors: files', () => {
  it('file-missing', async () => {
    const [p, ...rest] = await problemsOf(fx('errors/nope.yaml'));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: 'file-missing', file: fx('errors/nope.yaml'), pointer: '' });
    expect(p!.hint).toMatch(/check the path/i);
  });

  it('file-unreadable (a directory)', async () => {
    const [p] = await problemsOf(fx('errors/a-directory.yaml'));
    expect(p).toMatchObject({ code: 'file-unreadable', file: fx('errors/a-directory.yaml'), pointer: '' });
    expect(p!.message).toMatch(/directory/);
  });

  it('file-binary: NUL bytes and invalid UTF-8', async () => {
    const [bin] = await problemsOf(fx('errors/binary.yaml'));
    expect(bin).toMatchObject({ code: 'file-binary', file: fx('errors/binary.yaml') });
    expect(bin!.message).toMatch(/binary/);
    const [latin] = await problemsOf(fx('errors/latin1.yaml'));
    expect(latin).toMatchObject({ code: 'file-binary' });
    expect(latin!.message).toMatch(/UTF-8/);
  });
});

describe('loadSpec errors: syntax', () => {
  it('yaml-syntax with line and column', async () => {
    const [p] = await problemsOf(fx('errors/bad-syntax.yaml'));
    expect(p).toMatchObject({
      code: 'yaml-syntax',
      file: fx('errors/bad-syntax.yaml'),
      pointer: '',
      line: 8,
      column: 1,
    });
    expect(p!.message).toMatch(/Flow sequence/);
    expect(p!.message).not.toMatch(/\n/);
  });

  it('json-syntax with line and column', async () => {
    const [p] = await problemsOf(fx('errors/bad-syntax.json'));
    expect(p).toMatchObject({
      code: 'json-syntax',
      file: fx('errors/bad-syntax.json'),
      pointer: '',
      line: 3,
      column: 26,
    });
    expect(p!.message).toMatch(/JSON syntax error/);
  });

  it('duplicate-key with the pointer of the repeated key', async () => {
    const [p] = await problemsOf(fx('errors/duplicate-key.yaml'));
    expect(p).toMatchObject({ code: 'duplicate-key', pointer: '/paths/~1pets', line: 9, column: 3 });
    expect(p!.message).toContain('"/pets"');
  });

  it('YAML alias bomb fails fast', async () => {
    const t = performance.now();
    const [p] = await problemsOf(fx('errors/alias-bomb.yaml'));
    expect(performance.now() - t).toBeLessThan(500);
    expect(p).toMatchObject({ code: 'yaml-syntax', file: fx('errors/alias-bomb.yaml') });
    expect(p!.message).toMatch(/alias bomb/);
  });
});

describe('loadSpec errors: version', () => {
  it('not-openapi: no openapi/swagger key', async () => {
    const [p] = await problemsOf(fx('errors/not-openapi.yaml'));
    expect(p).toMatchObject({ code: 'not-openapi', pointer: '' });
    expect(p!.hint).toMatch(/openapi: 3\.1\.0/);
  });

  it('not-openapi: root is not an object', async () => {
    const [p] = await problemsOf(fx('errors/root-array.yaml'));
    expect(p).toMatchObject({ code: 'not-openapi' });
    expect(p!.message).toMatch(/array/);
  });

  it.each([
    ['errors/swagger-1.2.json', '/swaggerVersion', 1, /Swagger 1\.2/],
    ['errors/openapi-4.yaml', '/openapi', 4, /"4\.0\.0"/],
    ['errors/openapi-2.yaml', '/openapi', 1, /"2\.0"/],
  ])('unsupported-version: %s', async (file, pointer, line, msg) => {
    const [p] = await problemsOf(fx(file));
    expect(p).toMatchObject({ code: 'unsupported-version', file: fx(file), pointer, line });
    expect(p!.message).toMatch(msg);
    expect(p!.hint).toContain('OpenAPI 3.0.x, OpenAPI 3.1.x, OpenAPI 3.2.x and Swagger 2.0');
  });

  it('swagger-convert carries the converter message', async () => {
    const [p] = await problemsOf(fx('errors/swagger-bad-info.yaml'));
    expect(p).toMatchObject({ code: 'swagger-convert', file: fx('errors/swagger-bad-info.yaml') });
    expect(p!.message).toMatch(/info must be an object/);
  });
});

describe('loadSpec errors: refs', () => {
  it('ref-missing: reports every broken external ref at once', async () => {
    const problems = await problemsOf(fx('errors/broken-refs.yaml'));
    expect(problems.map((p) => [p.code, p.file, p.pointer, p.line, p.column])).toEqual([
      [
        'ref-missing',
        fx('errors/broken-refs.yaml'),
        '/paths/~1a/get/responses/200/content/application~1json/schema/$ref',
        14,
        17,
      ],
      [
        'ref-missing',
        fx('errors/broken-refs.yaml'),
        '/paths/~1b/get/responses/200/content/application~1json/schema/$ref',
        23,
        17,
      ],
    ]);
    expect(problems[0]!.message).toContain('nope.yaml');
    expect(problems[0]!.message).toMatch(/file not found/);
    expect(problems[1]!.message).toContain('/Missing');
    expect(problems[1]!.message).toContain('target.yaml');
  });

  it('ref-cycle: a $ref chain that never reaches a value', async () => {
    const problems = await problemsOf(fx('errors/ref-loop.yaml'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems[0]).toMatchObject({
      code: 'ref-cycle',
      file: fx('errors/ref-loop.yaml'),
      pointer: '/paths/~1a/get/responses/200/content/application~1json/schema/$ref',
      line: 14,
    });
    expect(problems[0]!.message).toContain('loop-b.yaml#/X');
  });

  it('resolveRef: ref-missing with the referring pointer and its location', async () => {
    const s = await loadSpec(fx('petstore-3.0.yaml'));
    const from = '/paths/~1pets/get/responses/200/content/application~1json/schema/items';
    let err: unknown;
    try {
      s.resolveRef('#/components/schemas/Nope', from);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(GrantgenError);
    const [p] = (err as GrantgenError).problems;
    expect(p).toMatchObject({ code: 'ref-missing', file: fx('petstore-3.0.yaml'), pointer: from, line: 16 });
    expect(p!.message).toContain('/components/schemas/Nope');
  });
});
