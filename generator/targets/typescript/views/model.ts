/** Views of the declarations in `src/models.ts` (`src/models.ts.hbs`): interfaces, enums and aliases. */
import type { IrModel, IrType } from '../../../ir/types.js';
import { NameScope, TS_RESERVED, tsName } from '../../../naming/index.js';
import { tsDoc, tsKey, tsStr } from '../escape.js';
import { tsType } from '../types.js';

export interface ModelPropertyView {
  key: string;
  optionalMark: string;
  type: string;
  undefinedType: string;
  doc: string[];
}

export interface ModelView {
  name: string;
  doc: string[];
  isObject: boolean;
  isEnum: boolean;
  isAlias: boolean;
  properties: ModelPropertyView[];
  additional: boolean;
  members: { name: string; value: string; doc: string[] }[];
  alias: string;
}

export function modelView(m: IrModel, names: ReadonlyMap<string, string>): ModelView {
  const base: ModelView = {
    name: names.get(m.wireName) ?? 'Model',
    doc: tsDoc(m.description),
    isObject: false,
    isEnum: false,
    isAlias: false,
    properties: [],
    additional: false,
    members: [],
    alias: '',
  };
  if (m.kind === 'object') {
    return {
      ...base,
      isObject: true,
      properties: m.properties.map((p) => ({
        key: tsKey(p.wireName),
        optionalMark: p.required ? '' : '?',
        type: tsType(p.type, names),
        undefinedType: p.required ? '' : ' | undefined',
        doc: tsDoc(p.description),
      })),
      additional: m.additionalProperties,
    };
  }
  if (m.kind === 'enum' && m.enumType !== 'boolean' && m.enumValues.length > 0) {
    const scope = new NameScope({ reserved: TS_RESERVED, separator: '' });
    return {
      ...base,
      isEnum: true,
      members: [...new Set(m.enumValues.map(String))].map((v) => {
        const raw = m.enumValues.find((x) => String(x) === v)!;
        return {
          name: scope.claim(v, tsName(v, 'pascal', 'value')),
          value: typeof raw === 'string' ? tsStr(raw) : String(raw),
          doc: [],
        };
      }),
    };
  }
  const aliasType: IrType =
    m.kind === 'enum'
      ? // boolean enums, and enums left with no value valid for their type (a plain primitive)
        { kind: 'primitive', type: m.enumType, format: '', enum: m.enumValues, nullable: false }
      : (m.alias ?? { kind: 'any', nullable: false });
  return { ...base, isAlias: true, alias: tsType(aliasType, names) };
}
