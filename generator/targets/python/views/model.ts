/** Views of `models/<model>.py`: object models (`model.py.hbs`) and enums (`enum_model.py.hbs`). */
import type { IrApi, IrModel } from '../../../ir/types.js';
import { pyDocView, pyStr, type DocView } from '../escape.js';
import { call, fits, kw, layout, type PyExpr } from '../layout.js';
import { enumMemberNames, modelPropertyNames, type ModelNames, type PyNames } from '../names.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import {
  classHead,
  constantView,
  forPairs,
  type ClassHeadView,
  type ConstantView,
  type ForPairsView,
} from './blocks.js';
import { converter, helper, optionalOf, pyLiteral, pyType, typeContext } from '../types.js';

/** `templates/python/enum_model.py.hbs`. */
export interface EnumModelView {
  isEnum: true;
  className: string;
  head: ClassHeadView;
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
  /** `return f"<Class>(...)"` in `__repr__` fits on one line (else ruff parenthesizes it). */
  reprOneLine: boolean;
  moduleDoc: DocView;
  classDoc: DocView;
  /** The module's import block (models it refers to are imported at the end, see `modelImports`). */
  imports: ImportBlockView;
  /** Models this one refers to (imported at the end of the module). */
  modelImports: ModelNames[];
  hasImports: boolean;
  /** `_WIRE_NAMES`: the properties' wire names as string literals; `oneLine` = `(...,)` fits on a line. */
  wireNames: { items: string[]; oneLine: boolean };
  /** `__init__` parameters (required first) and the attributes they set. */
  props: { name: string; annotation: string; required: boolean }[];
  hasProps: boolean;
  /** The keyword arguments of `from_dictionary`'s `cls(...)`, laid out by layout.ts at 12 spaces. */
  fromDictBody: string;
  /** `to_dictionary`'s `for key, value in (...)`: wire literal and attribute of each property. */
  toPairs: ForPairsView;
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
      head: classHead(n.className, base.split(', ')),
      moduleDoc: pyDocView([`${n.className}: values of ${m.wireName}.`]),
      classDoc: pyDocView([m.description || `The ${m.wireName} model.`]),
      base,
      members: m.enumValues.map((v) => constantView(memberNames.get(String(v)) as string, pyLiteral(v, pyStr))),
    };
  }
  const propNames = modelPropertyNames(m);
  const ordered = [...m.properties.filter((p) => p.required), ...m.properties.filter((p) => !p.required)];
  const props: ObjectModelView['props'] = [];
  const fromArgs: PyExpr[] = [];
  const pairs: [string, string][] = [];
  const attrDocs: string[] = [];
  for (const p of ordered) {
    const name = propNames.get(p.wireName) as string;
    const t = pyType(ctx, p.type);
    const annotation = p.required ? t : optionalOf(ctx, t);
    props.push({ name, annotation, required: p.required });
    const conv = converter(ctx, p.type);
    const wire = pyStr(p.wireName);
    const raw: PyExpr = p.required ? helper(ctx, 'require', ['dictionary', wire]) : call('dictionary.get', [wire]);
    let value: PyExpr = raw;
    if (conv !== null) value = helper(ctx, p.required ? 'convert' : 'optional', [raw, conv]);
    fromArgs.push(kw(name, value));
    pairs.push([wire, `self.${name}`]);
    if (p.description) attrDocs.push(`${name}: ${p.description}`);
  }
  // a frozenset: `extra()` tells "no unknown fields" with one subset test
  fromArgs.push(kw('additional_properties', call('extra', ['dictionary', '_WIRE_NAME_SET'])));
  const modelImports = [...ctx.used]
    .filter((w) => w !== m.wireName)
    .sort()
    .map((w) => names.models.get(w) as ModelNames);
  const body = fromArgs.map((a) => layout(a, 12, '', ',')).join('\n');
  const wireLiterals = m.properties.map((p) => pyStr(p.wireName));
  // the template's own code uses these besides what the fields need
  const imports = new PyImports()
    .add('__future__', 'annotations')
    .add('typing', 'Any', 'Dict', 'FrozenSet', 'Mapping', 'Optional', ...ctx.typing)
    .add('._helpers', 'check_object', 'extra', 'to_json', ...ctx.helpers);
  return {
    isEnum: false,
    className: n.className,
    reprOneLine: fits(`        return f"${n.className}({self.to_dictionary()!r})"`),
    moduleDoc: pyDocView([`${n.className}: the ${m.wireName} model.`]),
    classDoc: pyDocView([
      m.description || `The ${m.wireName} model.`,
      attrDocs.length ? 'Attributes:\n' + attrDocs.map((d) => '    ' + d.replace(/\n/g, ' ')).join('\n') : '',
    ]),
    imports: imports.view(),
    modelImports,
    hasImports: modelImports.length > 0,
    wireNames: {
      items: wireLiterals,
      // ruff keeps a one-element tuple on one line when it fits; more elements are exploded
      oneLine: wireLiterals.length === 0 || (wireLiterals.length === 1 && fits(`_WIRE_NAMES = (${wireLiterals[0]},)`)),
    },
    props,
    hasProps: m.properties.length > 0,
    fromDictBody: body,
    toPairs: forPairs('key', 'value', pairs),
    hasToPairs: pairs.length > 0,
  };
}
