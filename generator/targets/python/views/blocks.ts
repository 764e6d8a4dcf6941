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
