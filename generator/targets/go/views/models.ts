/** Typed models: structs for objects, defined string/number types with constants for enums. */
import type { IrApi, IrModel, IrType } from '../../../ir/types.js';
import type { NameScope } from '../../../naming/index.js';
import { goDoc, goStr, jsonTag, jsonTagName } from '../escape.js';
import { exportedScope, goExported } from '../names.js';
import { fieldType, goType, omitEmpty, type ModelTable } from '../types.js';

/** Does following alias models from `t` come back to `start` through plain references? */
function aliasCycle(start: string, t: IrType | null, table: ModelTable): boolean {
  const seen = new Set<string>();
  let cur = t;
  while (cur && cur.kind === 'ref') {
    if (cur.model === start || seen.has(cur.model)) return true;
    seen.add(cur.model);
    const m = table.byWire.get(cur.model);
    if (!m || m.kind !== 'alias') return false;
    cur = m.alias;
  }
  return false;
}

function enumBase(m: IrModel): string {
  switch (m.enumType) {
    case 'integer':
      return 'int64';
    case 'number':
      return 'float64';
    case 'boolean':
      return 'bool';
    default:
      return 'string';
  }
}

function literal(v: string | number | boolean, base: string): string | null {
  if (base === 'string') return typeof v === 'string' ? goStr(v) : goStr(String(v));
  if (base === 'int64') return typeof v === 'number' && Number.isSafeInteger(v) ? String(v) : null;
  if (base === 'float64') return typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
  return null;
}

export function modelView(m: IrModel, table: ModelTable, pkg: NameScope) {
  const name = table.names.get(m.wireName) ?? 'Model';
  const doc = goDoc(`${name} is the ${JSON.stringify(m.wireName)} schema.`, m.description);
  if (m.kind === 'object') {
    const scope = exportedScope();
    const fields = m.properties.map((p) => {
      const fname = scope.claim(p.wireName, goExported(p.wireName, 'Field'));
      const type = fieldType(p.type, p.required, table);
      const tagOk = jsonTagName(p.wireName);
      return {
        name: fname,
        type,
        tag: tagOk ? jsonTag(p.wireName, omitEmpty(type, p.required)) : '`json:"-"`',
        doc: goDoc(
          `${fname} is the ${JSON.stringify(p.wireName)} property${p.required ? '' : ' (optional)'}.`,
          tagOk ? '' : 'Its name cannot be a Go JSON field name, so it is not sent or read.',
          p.description,
        ),
      };
    });
    return {
      name,
      doc,
      isStruct: true,
      hasFields: fields.length > 0,
      fields,
      isEnum: false,
      isDefined: false,
      base: '',
      consts: [],
    };
  }
  if (m.kind === 'enum') {
    const base = enumBase(m);
    const seen = new Set<string>();
    const consts = [];
    for (const v of m.enumValues) {
      const lit = literal(v, base);
      if (lit === null || seen.has(lit)) continue;
      seen.add(lit);
      const cname = pkg.claim(`enum:${m.wireName}:${lit}`, `${name}${goExported(String(v), 'Value')}`);
      consts.push({ name: cname, value: lit, doc: goDoc(`${cname} is ${JSON.stringify(String(v))}.`) });
    }
    return {
      name,
      doc,
      isStruct: false,
      hasFields: false,
      fields: [],
      isEnum: consts.length > 0,
      isDefined: true,
      base,
      consts,
    };
  }
  const base = aliasCycle(m.wireName, m.alias, table) || !m.alias ? 'any' : goType(m.alias, table);
  return {
    name,
    doc,
    isStruct: false,
    hasFields: false,
    fields: [],
    isEnum: false,
    isDefined: true,
    base: base === name ? 'any' : base,
    consts: [],
  };
}

export function modelTable(ir: IrApi, names: ReadonlyMap<string, string>): ModelTable {
  return { names, byWire: new Map(ir.models.map((m) => [m.wireName, m])) };
}
