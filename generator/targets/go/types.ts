/** IrType → Go type expressions. Model references go through the package's model names. */
import type { IrModel, IrType } from '../../ir/types.js';

export interface ModelTable {
  /** wire name → Go type name */
  names: ReadonlyMap<string, string>;
  /** wire name → model */
  byWire: ReadonlyMap<string, IrModel>;
}

/** The Go type of a value (not a struct field: see fieldType). */
export function goType(t: IrType, models: ModelTable): string {
  switch (t.kind) {
    case 'primitive':
      switch (t.type) {
        case 'string':
          return 'string';
        case 'integer':
          return t.format === 'int32' ? 'int32' : 'int64';
        case 'number':
          return t.format === 'float' ? 'float32' : 'float64';
        case 'boolean':
          return 'bool';
      }
      return 'any';
    case 'array':
      return `[]${goType(t.items, models)}`;
    case 'map':
      return `map[string]${goType(t.values, models)}`;
    case 'ref':
      return models.names.get(t.model) ?? 'any';
    default:
      return 'any';
  }
}

/** Is this Go type nil-able on its own (slice, map, interface)? */
function nilable(goT: string): boolean {
  return goT.startsWith('[]') || goT.startsWith('map[') || goT === 'any';
}

/**
 * The type of a struct field or parameter: optional and nullable values are pointers (nil =
 * absent), slices/maps/any stay as they are, and references to non-enum models are always pointers
 * (no recursive value types, whatever cycles the spec has).
 */
export function fieldType(t: IrType, required: boolean, models: ModelTable): string {
  const base = goType(t, models);
  if (nilable(base)) return base;
  if (t.kind === 'ref') {
    const m = models.byWire.get(t.model);
    if (m && m.kind !== 'enum') return `*${base}`;
  }
  return required && !t.nullable ? base : `*${base}`;
}

/** Whether a field of this type is left out of JSON when empty (`omitempty`). */
export function omitEmpty(goFieldType: string, required: boolean): boolean {
  return !required || goFieldType.startsWith('*');
}
