/**
 * Lone UTF-16 surrogates (`"\ud800"` in a JSON or YAML spec) cannot be encoded in UTF-8: a
 * generated file cannot hold them, and an SDK that kept them as escapes (`"\ud800"` in Python)
 * would fail at run time when it encodes the string (URL, header, JSON, log). Every string and
 * key of the document gets them replaced by U+FFFD before the IR is built, once, so every target
 * sees the same well-formed text.
 */
import { pointerJoin } from '../errors.js';

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const HAS_LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** `s` with every lone surrogate replaced by U+FFFD. */
export function wellFormed(s: string): string {
  return s.replace(LONE_SURROGATE, '\ufffd');
}

function visit(value: unknown, seen: Set<object>): boolean {
  if (typeof value === 'string') return HAS_LONE_SURROGATE.test(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return false;
  seen.add(value);
  if (Array.isArray(value)) return value.some((v) => visit(v, seen));
  return Object.entries(value).some(([k, v]) => HAS_LONE_SURROGATE.test(k) || visit(v, seen));
}

/**
 * The document with lone surrogates replaced (the same object when it has none; shared and
 * circular subtrees stay shared). `found(pointer)` is called for each replaced string or key.
 */
export function wellFormedDocument<T>(document: T, found: (pointer: string) => void): T {
  if (!visit(document, new Set())) return document;
  const copies = new Map<object, unknown>();
  const copy = (value: unknown, pointer: string): unknown => {
    if (typeof value === 'string') {
      if (!HAS_LONE_SURROGATE.test(value)) return value;
      found(pointer);
      return wellFormed(value);
    }
    if (typeof value !== 'object' || value === null) return value;
    const done = copies.get(value);
    if (done !== undefined) return done;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      copies.set(value, out);
      value.forEach((v, i) => out.push(copy(v, pointerJoin(pointer, i))));
      return out;
    }
    const out: Record<string, unknown> = {};
    copies.set(value, out);
    for (const [k, v] of Object.entries(value)) {
      const key = HAS_LONE_SURROGATE.test(k) ? wellFormed(k) : k;
      if (key !== k) found(pointerJoin(pointer, key));
      // two keys that differ only in their lone surrogates: the first one wins
      if (!Object.hasOwn(out, key)) {
        // defineProperty: a `__proto__` key stays an own property, as JSON.parse makes it
        const item = copy(v, pointerJoin(pointer, key));
        Object.defineProperty(out, key, { value: item, enumerable: true, writable: true, configurable: true });
      }
    }
    return out;
  };
  return copy(document, '') as T;
}
