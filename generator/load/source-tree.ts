/**
 * Position-aware views of a source file's text, used by `locate`: navigate by pointer token and
 * get the line/column of a node. JSON is scanned directly (fast on multi-megabyte specs); YAML is
 * re-parsed with a `LineCounter`. Built lazily, only when a location is asked for.
 */
import type { Document, LineCounter, Node } from 'yaml';
import { yamlLib } from './yaml-cache.js';
import { offsetToPos } from './problem.js';
import type { SourceFormat } from './parse.js';
import { YAML_OPTIONS } from './parse.js';

/** Opaque handle on a node; `at` is the offset reported for it (the key for map entries). */
export interface TreeNode {
  at: number;
}

export interface SourceTree {
  root(): TreeNode | undefined;
  child(node: TreeNode, token: string): TreeNode | undefined;
  /** The `$ref` string of the node if it is a reference object. */
  ref(node: TreeNode): string | undefined;
  position(node: TreeNode): { line: number; column: number };
}

export function sourceTree(text: string, format: SourceFormat): SourceTree {
  return format === 'json' ? new JsonTree(text) : new YamlTree(text);
}

// ---------------------------------------------------------------------------------------------
// JSON: a tiny scanner that skips values without building them.

interface JsonNode extends TreeNode {
  /** Offset of the first character of the value. */
  v: number;
}

const WS = new Set([' ', '\t', '\n', '\r']);

class JsonTree implements SourceTree {
  constructor(private readonly text: string) {}

  root(): JsonNode | undefined {
    const v = this.ws(0);
    return v < this.text.length ? { v, at: v } : undefined;
  }

  child(node: TreeNode, token: string): JsonNode | undefined {
    const t = this.text;
    let i = (node as JsonNode).v;
    if (t[i] === '{') {
      i = this.ws(i + 1);
      while (t[i] === '"') {
        const ks = i;
        const ke = this.skipString(i);
        const raw = t.slice(ks + 1, ke - 1);
        const key = raw.includes('\\') ? (JSON.parse(t.slice(ks, ke)) as string) : raw;
        i = this.ws(ke);
        if (t[i] !== ':') return undefined;
        const vs = this.ws(i + 1);
        if (key === token) return { v: vs, at: ks };
        i = this.ws(this.skipValue(vs));
        if (t[i] !== ',') return undefined;
        i = this.ws(i + 1);
      }
      return undefined;
    }
    if (t[i] === '[') {
      if (!/^(0|[1-9]\d*)$/.test(token)) return undefined;
      let n = Number(token);
      i = this.ws(i + 1);
      if (t[i] === ']') return undefined;
      while (i < t.length) {
        if (n === 0) return { v: i, at: i };
        i = this.ws(this.skipValue(i));
        if (t[i] !== ',') return undefined;
        i = this.ws(i + 1);
        n--;
      }
    }
    return undefined;
  }

  ref(node: TreeNode): string | undefined {
    const c = this.child(node, '$ref');
    if (!c || this.text[c.v] !== '"') return undefined;
    return JSON.parse(this.text.slice(c.v, this.skipString(c.v))) as string;
  }

  position(node: TreeNode): { line: number; column: number } {
    return offsetToPos(this.text, node.at);
  }

  private ws(i: number): number {
    const t = this.text;
    while (i < t.length && WS.has(t[i]!)) i++;
    return i;
  }

  /** `i` at an opening quote; returns the offset after the closing quote. */
  private skipString(i: number): number {
    const t = this.text;
    for (let j = i + 1; j < t.length; j++) {
      const c = t.charCodeAt(j);
      if (c === 92) j++;
      else if (c === 34) return j + 1;
    }
    return t.length;
  }

  private skipValue(i: number): number {
    const t = this.text;
    const c = t[i];
    if (c === '"') return this.skipString(i);
    if (c === '{' || c === '[') {
      let depth = 0;
      for (let j = i; j < t.length; j++) {
        const ch = t.charCodeAt(j);
        if (ch === 34) j = this.skipString(j) - 1;
        else if (ch === 123 || ch === 91) depth++;
        else if (ch === 125 || ch === 93) {
          if (--depth === 0) return j + 1;
        }
      }
      return t.length;
    }
    let j = i;
    while (j < t.length && !',}] \t\r\n'.includes(t[j]!)) j++;
    return j;
  }
}

// ---------------------------------------------------------------------------------------------
// YAML: walk the `yaml` AST (aliases resolved), positions from a LineCounter.

interface YamlNode extends TreeNode {
  node: Node | null;
}

class YamlTree implements SourceTree {
  private readonly y = yamlLib();
  private readonly lc: LineCounter = new this.y.LineCounter();
  private readonly doc: Document;

  constructor(text: string) {
    this.doc = this.y.parseDocument(text, { ...YAML_OPTIONS, lineCounter: this.lc });
  }

  root(): YamlNode | undefined {
    const n = this.deref(this.doc.contents);
    return n ? { node: n, at: n.range?.[0] ?? 0 } : undefined;
  }

  child(node: TreeNode, token: string): YamlNode | undefined {
    const n = (node as YamlNode).node;
    const { isMap, isScalar, isSeq } = this.y;
    if (isMap(n)) {
      for (const pair of n.items) {
        const k = pair.key;
        const key = isScalar(k) ? String(k.value) : k;
        if (key !== token) continue;
        const v = this.deref(pair.value as Node | null);
        const at = isScalar(k) ? (k.range?.[0] ?? 0) : (v?.range?.[0] ?? 0);
        return { node: v, at };
      }
      return undefined;
    }
    if (isSeq(n) && /^(0|[1-9]\d*)$/.test(token)) {
      const v = this.deref(n.items[Number(token)] as Node | undefined);
      return v ? { node: v, at: v.range?.[0] ?? 0 } : undefined;
    }
    return undefined;
  }

  ref(node: TreeNode): string | undefined {
    const c = this.child(node, '$ref');
    return c && this.y.isScalar(c.node) && typeof c.node.value === 'string' ? c.node.value : undefined;
  }

  position(node: TreeNode): { line: number; column: number } {
    const p = this.lc.linePos(node.at);
    return { line: p.line, column: p.col };
  }

  private deref(n: Node | null | undefined): Node | null {
    let cur: Node | null | undefined = n;
    for (let i = 0; i < 50 && cur && this.y.isAlias(cur); i++) cur = cur.resolve(this.doc);
    return cur ?? null;
  }
}
