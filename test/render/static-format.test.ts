/**
 * Static runtime files are copied verbatim (not formatted at generation time), so they must
 * already be formatted exactly as the target's formatter would format them.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { describe, expect, it } from 'vitest';
import { PRETTIER_OPTIONS } from '../../generator/targets/typescript/index.js';

const DIR = path.resolve(import.meta.dirname, '../../templates/typescript/static/src');

describe('TypeScript static runtime', () => {
  it.each(readdirSync(DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts')))(
    '%s is already prettier-formatted',
    async (file) => {
      const p = path.join(DIR, file);
      const content = readFileSync(p, 'utf8');
      expect(await prettier.format(content, { ...PRETTIER_OPTIONS, filepath: p })).toBe(content);
    },
  );
});
