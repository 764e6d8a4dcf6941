/**
 * Names under fuzzing (issue 6 §9): ≥ 10,000 random strings per target, every casing style. Each
 * generated name must be a valid, non-reserved identifier, and `assignNames` must give distinct
 * names within a scope and the same mapping whatever order the wire names come in.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type CaseStyle,
  PYTHON_RESERVED,
  TS_RESERVED,
  assignNames,
  isValidPyName,
  isValidTsName,
  pyName,
  tsName,
} from '../../generator/naming/index.js';

const STYLES: CaseStyle[] = ['snake', 'pascal', 'camel', 'screaming', 'flat'];
const RUNS = 10_000;

/** Keywords, builtins and template names of both targets, in several spellings. */
const RESERVED_SAMPLES = [...PYTHON_RESERVED, ...TS_RESERVED].flatMap((w) => [
  w,
  w.toUpperCase(),
  `__${w}__`,
  `${w}_`,
  `_${w}`,
]);

const wire: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }), // any code point, incl. astral and lone surrogates
  fc.string({ unit: fc.constantFrom(...'aZ09_-.:/ $é日\u0301\u2028'), maxLength: 30 }),
  fc.constantFrom(...RESERVED_SAMPLES),
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.string({ maxLength: 8 })).map(([n, s]) => `${n}${s}`),
  fc.string({ unit: 'grapheme-ascii', minLength: 60, maxLength: 500 }),
);

const TARGETS = [
  { name: 'python', make: pyName, valid: isValidPyName, reserved: PYTHON_RESERVED },
  { name: 'typescript', make: tsName, valid: isValidTsName, reserved: TS_RESERVED },
] as const;

describe.each(TARGETS)('$name names under fuzzing', ({ make, valid, reserved }) => {
  it(`every name of every style is a valid non-reserved identifier (${RUNS} strings)`, () => {
    fc.assert(
      fc.property(wire, (raw) => {
        for (const style of STYLES) {
          const name = make(raw, style);
          if (!valid(name) || reserved.has(name)) throw new Error(`${style}(${JSON.stringify(raw)}) = ${name}`);
          if (make(raw, style) !== name) throw new Error('not deterministic');
        }
      }),
      { numRuns: RUNS },
    );
  });

  it(`assignNames is distinct within a scope and order-independent (${RUNS / 10} scopes)`, () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(wire, { minLength: 1, maxLength: 30 }),
        fc.constantFrom(...STYLES),
        fc.integer(),
        (wires, style, seed) => {
          const opts = { reserved, separator: style === 'pascal' || style === 'camel' ? '' : '_' };
          const a = assignNames(wires, (w) => make(w, style), opts);
          const shuffled = shuffle(wires, seed);
          const b = assignNames(shuffled, (w) => make(w, style), opts);
          expect(Object.fromEntries(b)).toEqual(Object.fromEntries(a));
          const names = [...a.values()];
          expect(new Set(names).size).toBe(names.length);
          expect(a.size).toBe(wires.length);
          for (const n of names) expect(valid(n)).toBe(true);
        },
      ),
      { numRuns: RUNS / 10 },
    );
  });
});

function shuffle<T>(xs: T[], seed: number): T[] {
  const out = [...xs];
  let s = seed >>> 0 || 1;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) >>> 0;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
