/** The YAML parse cache returns exactly what the parser returns, and never caches what JSON cannot hold. */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseSpecText } from '../../generator/load/parse.js';
import { readCachedYaml } from '../../generator/load/yaml-cache.js';

describe('YAML parse cache', () => {
  it('a second parse of the same text is served from the cache with the same value', () => {
    const text = `openapi: 3.0.3\ninfo: { title: "cache ${randomUUID()}", version: '1' }\npaths: {}\nlist: [1, 2.5, true, null, "x"]\n`;
    const first = parseSpecText(text, 'a.yaml').value;
    expect(readCachedYaml('spec', text)).toEqual(first);
    expect(parseSpecText(text, 'a.yaml').value).toEqual(first);
  });

  it('values JSON cannot hold (.inf, .nan, -0) are not cached, so they never come back as null', () => {
    const text = `id: ${randomUUID()}\nbig: .inf\nnan: .nan\nzero: -0\n`;
    const value = parseSpecText(text, 'b.yaml').value as Record<string, number>;
    expect(value['big']).toBe(Infinity);
    expect(readCachedYaml('spec', text)).toBeUndefined();
    const again = parseSpecText(text, 'b.yaml').value as Record<string, number>;
    expect(again['big']).toBe(Infinity);
    expect(Number.isNaN(again['nan'])).toBe(true);
  });

  it('a YAML error is reported every time (errors are not cached)', () => {
    const text = `a: 1\na: 2\n# ${randomUUID()}\n`;
    expect(() => parseSpecText(text, 'c.yaml')).toThrow(/duplicate|unique/i);
    expect(() => parseSpecText(text, 'c.yaml')).toThrow(/duplicate|unique/i);
  });
});
