/**
 * Views of the partials that lay out repeated Python blocks (`templates/python/partials/`): the
 * views carry names, escaped literals/docstring text and ruff's layout decisions as booleans; the
 * partials write the code, so a `--templates` overlay can reshape every such block at once.
 */
import { pyDocView, type DocView } from '../escape.js';
import { defFits, fits, wrapAssignment } from '../layout.js';

/** A class constant `NAME = value` (`partials/py_constant.hbs`); `wrap` = value in parentheses on its own line. */
export interface ConstantView {
  name: string;
  /** A Python literal (escaped). */
  value: string;
  wrap: boolean;
}

/** A class-level constant (4 spaces in), with ruff's wrapping decision. */
export function constantView(name: string, value: string): ConstantView {
  return { name, value, wrap: wrapAssignment(4, name, value) };
}

/** A read-only property returning `self._<name>` (`partials/py_property.hbs`). */
export interface PropertyView {
  name: string;
  /** The return annotation (names and typing subscripts only). */
  returns: string;
  /** `def name(self) -> returns:` fits on one line (else `self,` goes on a line of its own). */
  oneLine: boolean;
  /** Its docstring (`partials/py_member_doc.hbs`). */
  doc: DocView;
}

export function propertyView(name: string, returns: string, doc: string): PropertyView {
  return { name, returns, oneLine: defFits(name, ['self'], returns), doc: pyDocView([doc]) };
}

/** A `class Name(Base, ...):` line (`partials/py_class_head.hbs`). */
export interface ClassHeadView {
  name: string;
  /** Base class names (dotted names). */
  bases: string[];
  /** Fits on one line; else ruff puts the bases on a line of their own in the parentheses. */
  oneLine: boolean;
}

export function classHead(name: string, bases: string[]): ClassHeadView {
  return { name, bases, oneLine: fits(`class ${name}(${bases.join(', ')}):`) };
}

/**
 * `for <key>, <value> in ((literal, name), ...):` at 8 spaces (`partials/py_for_pairs.hbs`): the
 * tuple stays on the `for` line when it has at most one pair and fits; else one pair per line,
 * and a pair too long for its line is split one element per line.
 */
export interface ForPairsView {
  key: string;
  value: string;
  oneLine: boolean;
  /** `first` is an escaped literal, `second` a name (`self.x`, `x`, a class). */
  pairs: { first: string; second: string; oneLine: boolean }[];
}

export function forPairs(key: string, value: string, pairs: [string, string][]): ForPairsView {
  const only = pairs.map(([a, b]) => `(${a}, ${b}),`).join('');
  return {
    key,
    value,
    oneLine: pairs.length <= 1 && fits(`        for ${key}, ${value} in (${only}):`),
    pairs: pairs.map(([first, second]) => ({ first, second, oneLine: fits(`            (${first}, ${second}),`) })),
  };
}

/** An annotation ruff may split inside its brackets: `Outer[Inner]` → `Outer[\n    Inner\n]`. */
export interface SplitAnnotation {
  outer: string;
  inner: string;
}

/**
 * A keyword parameter `name: annotation = default,` of a method, 8 spaces in
 * (`partials/py_kwparam.hbs`). When the line is too long and the annotation is a subscript, ruff
 * splits the subscript (`name: Optional[` / `Inner` / `] = default,`); other annotations stay whole.
 */
export interface KwParamView {
  name: string;
  annotation: string;
  default: string;
  oneLine: boolean;
  /** The split annotation when `oneLine` is false. */
  outer: string;
  inner: string;
}

export function kwParam(name: string, annotation: string, split: SplitAnnotation | null, def: string): KwParamView {
  return {
    name,
    annotation,
    default: def,
    oneLine: split === null || fits(`        ${name}: ${annotation} = ${def},`),
    outer: split?.outer ?? '',
    inner: split?.inner ?? '',
  };
}

/** A constructor call `Class(arg, ...)` whose arguments are names or one more such call. */
export interface CallView {
  fn: string;
  /** Each argument: a name (`self._context`), or a nested call laid out on its own line(s). */
  args: { name: string; isCall: boolean; call: CallView | null; oneLine: boolean }[];
}

/**
 * `self._<attribute> = Class(...)` at 8 spaces (`partials/py_construct.hbs`): on one line when it
 * fits, else one argument per line (12 spaces) with a trailing comma, a nested call again on one
 * line when it fits there, else exploded (16 spaces).
 */
export interface ConstructView {
  attribute: string;
  call: CallView;
  oneLine: boolean;
}

export type CallArg = string | { fn: string; args: string[] };

const flat = (a: CallArg): string => (typeof a === 'string' ? a : `${a.fn}(${a.args.join(', ')})`);

export function construct(attribute: string, fn: string, args: CallArg[]): ConstructView {
  const call: CallView = {
    fn,
    args: args.map((a) =>
      typeof a === 'string'
        ? { name: a, isCall: false, call: null, oneLine: true }
        : {
            name: '',
            isCall: true,
            call: { fn: a.fn, args: a.args.map((n) => ({ name: n, isCall: false, call: null, oneLine: true })) },
            oneLine: fits(`            ${flat(a)},`),
          },
    ),
  };
  return { attribute, call, oneLine: fits(`        self._${attribute} = ${fn}(${args.map(flat).join(', ')})`) };
}
