/** Views of `models/<model>.py`: object models (`model.py.hbs`) and enums (`enum_model.py.hbs`). */
import type { IrApi, IrModel } from '../../../ir/types.js';
import { pyDocView, pyStr, type DocView } from '../escape.js';
import { call, kw, layout, tuple, type PyExpr } from '../layout.js';
import { enumMemberNames, modelPropertyNames, type ModelNames, type PyNames } from '../names.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import { constantView, type ConstantView } from './blocks.js';
import { converter, helper, optionalOf, pyLiteral, pyType, typeContext } from '../types.js';

/** `templates/python/enum_model.py.hbs`. */
export interface EnumModelView {
  isEnum: true;
  className: string;
  moduleDoc: DocView;
  classDoc: DocView;
  /** `str, Enum` and the like. */
  base: string;
  /** `NAME = value` per enum value (`partials/py_constant.hbs`). */
  members: ConstantView[];
}

/** `templates/python/model.py.hbs`. */
export interface ObjectModelView {
  isEnum: false;
  className: string;
  moduleDoc: DocView;
  classDoc: DocView;
  /** The module's import block (models it refers to are imported at the end, see `modelImports`). */
  imports: ImportBlockView;
  /** Models this one refers to (imported at the end of the module). */
  modelImports: ModelNames[];
  hasImports: boolean;
  wireNames: string;
  params: string[];
  assigns: string[];
  hasProps: boolean;
  fromDictBody: string;
  toPairs: string;
  hasToPairs: boolean;
}

export type ModelView = EnumModelView | ObjectModelView;

export function modelView(ir: IrApi, names: PyNames, m: IrModel): ModelView {
  const n = names.models.get(m.wireName) as ModelNames;
  const ctx = typeContext(ir, names);
  if (m.kind === 'enum') {
    const base = { string: 'str, Enum', integer: 'int, Enum', number: 'float, Enum', boolean: 'Enum' }[m.enumType];
    const memberNames = enumMemberNames(m);
    return {
      isEnum: true,
      className: n.className,
      moduleDoc: pyDocView([`${n.className}: values of ${m.wireName}.`]),
      classDoc: pyDocView([m.description || `The ${m.wireName} model.`]),
      base,
      members: m.enumValues.map((v) => constantView(memberNames.get(String(v)) as string, pyLiteral(v, pyStr))),
    };
  }
  const propNames = modelPropertyNames(m);
  const ordered = [...m.properties.filter((p) => p.required), ...m.properties.filter((p) => !p.required)];
  const params: string[] = [];
  const assigns: string[] = [];
  const fromArgs: PyExpr[] = [];
  const toPairs: PyExpr[] = [];
  const attrDocs: string[] = [];
  for (const p of ordered) {
    const name = propNames.get(p.wireName) as string;
    const t = pyType(ctx, p.type);
    const annotation = p.required ? t : optionalOf(ctx, t);
    params.push(layout(`${name}: ${annotation}${p.required ? '' : ' = None'}`, 8, '', ','));
    assigns.push(`        self.${name} = ${name}`);
    const conv = converter(ctx, p.type);
    const wire = pyStr(p.wireName);
    const raw: PyExpr = p.required ? helper(ctx, 'require', ['dictionary', wire]) : call('dictionary.get', [wire]);
    let value: PyExpr = raw;
    if (conv !== null) value = helper(ctx, p.required ? 'convert' : 'optional', [raw, conv]);
    fromArgs.push(kw(name, value));
    toPairs.push(tuple([wire, `self.${name}`]));
    if (p.description) attrDocs.push(`${name}: ${p.description}`);
  }
  fromArgs.push(kw('additional_properties', call('extra', ['dictionary', '_WIRE_NAMES'])));
  const modelImports = [...ctx.used]
    .filter((w) => w !== m.wireName)
    .sort()
    .map((w) => names.models.get(w) as ModelNames);
  const body = fromArgs.map((a) => layout(a, 12, '', ',')).join('\n');
  // the template's own code uses these besides what the fields need
  const imports = new PyImports()
    .add('__future__', 'annotations')
    .add('typing', 'Any', 'Dict', 'FrozenSet', 'Mapping', 'Optional', ...ctx.typing)
    .add('._helpers', 'check_object', 'extra', 'to_json', ...ctx.helpers);
  return {
    isEnum: false,
    className: n.className,
    moduleDoc: pyDocView([`${n.className}: the ${m.wireName} model.`]),
    classDoc: pyDocView([
      m.description || `The ${m.wireName} model.`,
      attrDocs.length ? 'Attributes:\n' + attrDocs.map((d) => '    ' + d.replace(/\n/g, ' ')).join('\n') : '',
    ]),
    imports: imports.view(),
    modelImports,
    hasImports: modelImports.length > 0,
    // a frozenset: `extra()` tells "no unknown fields" with one subset test
    wireNames: layout(
      call('frozenset', [
        tuple(
          m.properties.map((p) => pyStr(p.wireName)),
          m.properties.length > 0,
        ),
      ]),
      0,
      '_WIRE_NAMES: FrozenSet[str] = ',
    ),
    params,
    assigns,
    hasProps: m.properties.length > 0,
    fromDictBody: body,
    toPairs: layout(tuple(toPairs, true), 8, 'for key, value in ', ':'),
    hasToPairs: toPairs.length > 0,
  };
}
