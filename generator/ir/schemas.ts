/**
 * JSON Schema → IrType, lazily: only schemas reachable from operations become models. `$ref`s to
 * `components/schemas/X` become `{ kind: 'ref', model: 'X' }`, so cycles never recurse.
 */
import { type BuildContext, isObject, str } from './context.js';
import type { IrModel, IrType } from './types.js';

const SCHEMA_PREFIX = '#/components/schemas/';

export class SchemaReducer {
  /** Model names seen but not yet built. */
  private readonly pending: string[] = [];
  private readonly models = new Map<string, IrModel>();
  /** Pointers of `enum` values already warned about (an inline schema is reduced once per use). */
  private readonly warnedEnums = new Set<string>();
  constructor(private readonly ctx: BuildContext) {}

  /**
   * The `enum` values of a schema of primitive `type` that are valid for that type (an integer
   * enum listing `"x"`, `2.5` or `true` would make invalid enum classes); each one left out is
   * warned about with its JSON pointer (numbers and booleans of a string enum become their text).
   * `null` is left out silently (it means nullable).
   */
  private enumValues(
    values: unknown,
    type: 'string' | 'integer' | 'number' | 'boolean',
    at: string,
  ): (string | number | boolean)[] {
    if (!Array.isArray(values)) return [];
    const valid = (v: unknown): v is string | number | boolean =>
      type === 'string'
        ? typeof v === 'string'
        : type === 'boolean'
          ? typeof v === 'boolean'
          : typeof v === 'number' && (type === 'integer' ? Number.isSafeInteger(v) : Number.isFinite(v));
    const out: (string | number | boolean)[] = [];
    values.forEach((v, i) => {
      if (valid(v)) {
        if (!out.includes(v)) out.push(v);
        return;
      }
      if (v === null) return;
      // a string enum listing 1 or true (YAML reads unquoted `1`, `true` as such) means "1", "true"
      const coerced = type === 'string' && (typeof v === 'number' || typeof v === 'boolean') ? String(v) : null;
      if (coerced !== null && !out.includes(coerced)) out.push(coerced);
      const pointer = this.ctx.ptr(at, 'enum', i);
      if (this.warnedEnums.has(pointer)) return;
      this.warnedEnums.add(pointer);
      const shown = typeof v === 'number' ? String(v) : (JSON.stringify(v) ?? String(v));
      this.ctx.warn(
        'enum-value-type',
        pointer,
        coerced !== null
          ? `enum value ${shown} is not a string (the schema's type); generated as the string ${JSON.stringify(coerced)}`
          : `enum value ${shown} is not ${type === 'integer' ? 'an' : 'a'} ${type} (the schema's type); left out of the generated enum`,
      );
    });
    return out;
  }

  type(schema: unknown, at: string, depth = 0): IrType {
    if (depth > 64) return { kind: 'any', nullable: false };
    if (isObject(schema) && typeof schema['$ref'] === 'string' && schema['$ref'].startsWith(SCHEMA_PREFIX)) {
      const name = decodeToken(schema['$ref'].slice(SCHEMA_PREFIX.length));
      if (name.includes('/')) {
        const r = this.ctx.deref(schema, at);
        return r ? this.type(r.value, r.pointer, depth + 1) : { kind: 'any', nullable: false };
      }
      if (this.ctx.lookup(schema['$ref']) === undefined) {
        this.ctx.problem(
          'ref-missing',
          at,
          `$ref "${schema['$ref']}" points at nothing`,
          'fix the JSON pointer or add the missing schema',
        );
        return { kind: 'any', nullable: false };
      }
      if (!this.models.has(name) && !this.pending.includes(name)) this.pending.push(name);
      return { kind: 'ref', model: name, nullable: false };
    }
    const r = this.ctx.deref(schema, at);
    if (!r || !isObject(r.value)) return { kind: 'any', nullable: false };
    const s = r.value;
    let nullable = s['nullable'] === true;
    let type = s['type'];
    if (Array.isArray(type)) {
      nullable ||= type.includes('null');
      const rest = type.filter((t) => t !== 'null');
      type = rest.length === 1 ? rest[0] : undefined;
    }
    const variants = s['oneOf'] ?? s['anyOf'];
    if (Array.isArray(variants) && variants.length > 0) {
      const vs = variants.map((v, i) =>
        this.type(v, this.ctx.ptr(r.pointer, s['oneOf'] ? 'oneOf' : 'anyOf', i), depth + 1),
      );
      return vs.length === 1 ? { ...(vs[0] as IrType), nullable } : { kind: 'union', variants: vs, nullable };
    }
    if (Array.isArray(s['allOf']) && s['allOf'].length === 1) {
      return { ...this.type(s['allOf'][0], this.ctx.ptr(r.pointer, 'allOf', 0), depth + 1), nullable };
    }
    switch (type) {
      case 'string':
      case 'integer':
      case 'number':
      case 'boolean':
        return {
          kind: 'primitive',
          type,
          format: str(s['format']),
          enum: this.enumValues(s['enum'], type, r.pointer),
          nullable,
        };
      case 'array':
        return { kind: 'array', items: this.type(s['items'], this.ctx.ptr(r.pointer, 'items'), depth + 1), nullable };
      case 'object':
      case undefined:
        if (isObject(s['additionalProperties']) && !isObject(s['properties'])) {
          return {
            kind: 'map',
            values: this.type(s['additionalProperties'], this.ctx.ptr(r.pointer, 'additionalProperties'), depth + 1),
            nullable,
          };
        }
        return { kind: 'any', nullable };
      default:
        return { kind: 'any', nullable };
    }
  }

  /** Build every model reachable so far (and what those reach). Sorted by wire name. */
  drain(): IrModel[] {
    while (this.pending.length > 0) {
      const name = this.pending.shift() as string;
      if (this.models.has(name)) continue;
      this.models.set(name, this.model(name));
    }
    return [...this.models.values()].sort((a, b) => (a.wireName < b.wireName ? -1 : a.wireName > b.wireName ? 1 : 0));
  }

  /** Ask for a named model explicitly (e.g. a schema used only as a server variable type). */
  request(name: string): void {
    if (!this.models.has(name) && !this.pending.includes(name)) this.pending.push(name);
  }

  private model(name: string): IrModel {
    const at = this.ctx.ptr('/components/schemas', name);
    const r = this.ctx.deref(this.ctx.lookup('#' + at), at);
    const s = r && isObject(r.value) ? r.value : {};
    const base = { wireName: name, description: str(s['description']), source: { pointer: at } };
    if (
      Array.isArray(s['enum']) &&
      (s['type'] === 'string' || s['type'] === 'integer' || s['type'] === 'number' || s['type'] === 'boolean')
    ) {
      return {
        ...base,
        kind: 'enum',
        properties: [],
        enumValues: this.enumValues(s['enum'], s['type'], r?.pointer ?? at),
        enumType: s['type'],
        alias: null,
        additionalProperties: false,
      };
    }
    if (isObject(s['properties']) || s['type'] === 'object') {
      const props = isObject(s['properties']) ? s['properties'] : {};
      const required = new Set(
        Array.isArray(s['required']) ? s['required'].filter((x): x is string => typeof x === 'string') : [],
      );
      return {
        ...base,
        kind: 'object',
        properties: Object.entries(props).map(([p, ps]) => ({
          wireName: p,
          description: isObject(ps) ? str(ps['description']) : '',
          required: required.has(p),
          type: this.type(ps, this.ctx.ptr(at, 'properties', p)),
        })),
        enumValues: [],
        enumType: 'string',
        alias: null,
        additionalProperties: s['additionalProperties'] !== false,
      };
    }
    return {
      ...base,
      kind: 'alias',
      properties: [],
      enumValues: [],
      enumType: 'string',
      alias: this.type({ ...s }, at),
      additionalProperties: false,
    };
  }
}

function decodeToken(t: string): string {
  let d = t;
  try {
    d = decodeURIComponent(t);
  } catch {
    /* keep raw */
  }
  return d.replace(/~1/g, '/').replace(/~0/g, '~');
}
