/** IR types → TypeScript type expressions (model references through the assigned names). */
import type { IrType } from '../../ir/types.js';
import { tsStr } from './escape.js';

export function tsType(t: IrType, modelNames: ReadonlyMap<string, string>): string {
  const base = ((): string => {
    switch (t.kind) {
      case 'primitive': {
        if (t.enum.length > 0) {
          return t.enum.map((v) => (typeof v === 'string' ? tsStr(v) : String(v))).join(' | ');
        }
        return t.type === 'integer' || t.type === 'number' ? 'number' : t.type;
      }
      case 'array':
        return `Array<${tsType(t.items, modelNames)}>`;
      case 'map':
        // an object type, not Record<>: a schema that is a map of itself stays a valid alias
        return `{ [key: string]: ${tsType(t.values, modelNames)} }`;
      case 'ref':
        return modelNames.get(t.model) ?? 'unknown';
      case 'union': {
        const parts = [...new Set(t.variants.map((v) => tsType(v, modelNames)))];
        return parts.length === 0 ? 'unknown' : parts.map((p) => `(${p})`).join(' | ');
      }
      case 'any':
        return 'unknown';
    }
  })();
  return t.nullable && base !== 'unknown' ? `(${base}) | null` : base;
}
