/**
 * IR types → Python annotations and (de)serialization expressions. Expressions are final code
 * fragments computed here so templates only print them.
 */
import type { IrApi, IrModel, IrType } from '../../ir/types.js';
import type { PyNames } from './names.js';
import { call, type PyExpr } from './layout.js';

export interface TypeContext {
  ir: IrApi;
  names: PyNames;
  /** Model wire names whose classes the current module imports. */
  used: Set<string>;
  /** `typing` names the emitted annotations use (`List`, `Dict`, `Optional`, `Any`). */
  typing: Set<string>;
  /** `models/_helpers.py` functions the emitted converters use (`list_of`, ...). */
  helpers: Set<string>;
  /**
   * Alias models whose expansion `pyType`/`converter` is inside of: a reference back to one of
   * them (a recursive alias such as an array of itself) becomes `Any` instead of recursing forever.
   */
  expanding: Set<string>;
}

/** A fresh context for one module. */
export function typeContext(ir: IrApi, names: PyNames): TypeContext {
  return { ir, names, used: new Set(), typing: new Set(), helpers: new Set(), expanding: new Set() };
}

function modelOf(ctx: TypeContext, wire: string): IrModel | undefined {
  return ctx.ir.models.find((m) => m.wireName === wire);
}

/**
 * Follow alias models to the type they stand for, with the aliases passed through. An alias that
 * is already being expanded, or a cycle of aliases, stands for any JSON value.
 */
function expand(ctx: TypeContext, raw: IrType): { t: IrType; via: string[] } {
  let t = raw;
  const via: string[] = [];
  while (t.kind === 'ref') {
    const m = modelOf(ctx, t.model);
    if (!m || m.kind !== 'alias' || m.alias === null) break;
    if (ctx.expanding.has(m.wireName) || via.includes(m.wireName)) return { t: { kind: 'any', nullable: true }, via };
    via.push(m.wireName);
    t = { ...m.alias, nullable: t.nullable || m.alias.nullable };
  }
  return { t, via };
}

/** Follow alias models to the type they stand for (cycle-safe). */
export function resolveType(ctx: TypeContext, t: IrType): IrType {
  return expand(ctx, t).t;
}

/** `build(resolved type)` with the aliases passed through marked as being expanded. */
function expanded<R>(ctx: TypeContext, raw: IrType, build: (t: IrType) => R): R {
  const { t, via } = expand(ctx, raw);
  for (const w of via) ctx.expanding.add(w);
  try {
    return build(t);
  } finally {
    for (const w of via) ctx.expanding.delete(w);
  }
}

function isModelRef(ctx: TypeContext, t: IrType): t is { kind: 'ref'; model: string; nullable: boolean } {
  if (t.kind !== 'ref') return false;
  const m = modelOf(ctx, t.model);
  return m !== undefined && m.kind !== 'alias';
}

/** The annotation of a type (without the Optional for non-required properties). */
export function pyType(ctx: TypeContext, raw: IrType): string {
  return expanded(ctx, raw, (t) => annotationOf(ctx, t));
}

function annotationOf(ctx: TypeContext, t: IrType): string {
  let base: string;
  switch (t.kind) {
    case 'primitive':
      base = { string: 'str', integer: 'int', number: 'float', boolean: 'bool' }[t.type];
      break;
    case 'array':
      ctx.typing.add('List');
      base = `List[${pyType(ctx, t.items)}]`;
      break;
    case 'map':
      ctx.typing.add('Dict');
      base = `Dict[str, ${pyType(ctx, t.values)}]`;
      break;
    case 'ref':
      if (isModelRef(ctx, t)) {
        ctx.used.add(t.model);
        base = ctx.names.models.get(t.model)?.className ?? 'Any';
      } else base = 'Any';
      break;
    default:
      base = 'Any';
  }
  if (base === 'Any') ctx.typing.add('Any');
  if (t.nullable && base !== 'Any') ctx.typing.add('Optional');
  return t.nullable && base !== 'Any' ? `Optional[${base}]` : base;
}

/** `Optional[annotation]` unless it already admits None; records the `typing` name it uses. */
export function optionalOf(ctx: TypeContext, annotation: string): string {
  if (annotation.startsWith('Optional[') || annotation === 'Any') return annotation;
  ctx.typing.add('Optional');
  return `Optional[${annotation}]`;
}

/** A `models/_helpers.py` call, recording the import it needs. */
export function helper(ctx: TypeContext, name: string, items: PyExpr[]): PyExpr {
  ctx.helpers.add(name);
  return call(name, items);
}

/**
 * A converter (a Python callable expression) turning JSON data into the type, or null when the
 * JSON value is already the right thing (primitives, any). Uses `models/_helpers.py` combinators.
 */
export function converter(ctx: TypeContext, raw: IrType): PyExpr | null {
  return expanded(ctx, raw, (t) => converterOf(ctx, t));
}

function converterOf(ctx: TypeContext, t: IrType): PyExpr | null {
  let conv: PyExpr | null = null;
  if (t.kind === 'array') {
    const inner = converter(ctx, t.items);
    if (inner !== null) conv = helper(ctx, 'list_of', [inner]);
  } else if (t.kind === 'map') {
    const inner = converter(ctx, t.values);
    if (inner !== null) conv = helper(ctx, 'dict_of', [inner]);
  } else if (t.kind === 'ref' && isModelRef(ctx, t)) {
    const m = modelOf(ctx, t.model) as IrModel;
    const cls = ctx.names.models.get(t.model)?.className ?? 'Any';
    ctx.used.add(t.model);
    conv = m.kind === 'enum' ? cls : `${cls}.from_dictionary`;
  }
  if (conv !== null && t.nullable) conv = helper(ctx, 'optional_of', [conv]);
  return conv;
}

/** A JSON value as Python literal (enum values of spec enums). */
export function pyLiteral(value: string | number | boolean, str: (s: string) => string): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return str(value);
}
