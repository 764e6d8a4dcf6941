/**
 * `locate`: map a JSON pointer of the loaded (3.x shaped, bundled) document back to a file, a
 * pointer in that file and a line/column. Best effort: walks the source files, following `$ref`s
 * across files where the bundled document has inlined content, and stops at the deepest node found.
 */
import { parseRef, splitPointer } from './refs.js';
import { pointerJoin } from '../errors.js';
import type { SourceFormat } from './parse.js';
import { sourceTree, type SourceTree, type TreeNode } from './source-tree.js';

/** A file read by the load stage, kept for lazy location lookups. */
export interface SourceFile {
  absPath: string;
  /** Name used in messages. */
  file: string;
  text: string;
  format: SourceFormat;
}

export interface Location {
  file: string;
  pointer: string;
  line: number;
  column: number;
}

export class Locator {
  private readonly trees = new Map<string, SourceTree>();

  constructor(
    private readonly sources: ReadonlyMap<string, SourceFile>,
    private readonly mainAbs: string,
    /** Maps document pointer tokens to source pointer tokens (identity unless Swagger 2.0). */
    private readonly mapTokens: (tokens: string[]) => string[] = (t) => t,
  ) {}

  /** Location of `pointer` (of the loaded document); `undefined` if the main file cannot be read. */
  locate(pointer: string): Location | undefined {
    const tokens = this.mapTokens(splitPointer(pointer.startsWith('#') ? pointer.slice(1) : pointer));
    const start = this.rootOf(this.mainAbs);
    if (!start) return undefined;
    const end = this.walk(start, tokens, 0);
    const src = this.sources.get(end.abs)!;
    return { file: src.file, pointer: pointerJoin('', ...end.tokens), ...end.tree.position(end.node) };
  }

  /** Position of a pointer written in one source file (no mapping, no ref following). */
  positionIn(abs: string, pointer: string): { line: number; column: number } | undefined {
    const start = this.rootOf(abs);
    if (!start) return undefined;
    let node: TreeNode | undefined = start.node;
    for (const t of splitPointer(pointer)) {
      const c = start.tree.child(node, t);
      if (!c) break;
      node = c;
    }
    return start.tree.position(node);
  }

  private tree(abs: string): SourceTree | undefined {
    let t = this.trees.get(abs);
    if (!t) {
      const src = this.sources.get(abs);
      if (!src) return undefined;
      t = sourceTree(src.text, src.format);
      this.trees.set(abs, t);
    }
    return t;
  }

  private rootOf(abs: string): Cursor | undefined {
    const tree = this.tree(abs);
    const node = tree?.root();
    return tree && node ? { abs, tree, node, tokens: [] } : undefined;
  }

  /** Follow `tokens` from `cur`, jumping through `$ref`s when a token is not found directly. */
  private walk(cur: Cursor, tokens: readonly string[], depth: number): Cursor {
    for (const token of tokens) {
      let next = cur.tree.child(cur.node, token);
      let hops = 0;
      while (!next && hops++ < 16 && depth < 32) {
        const target = this.follow(cur, depth);
        if (!target) break;
        cur = target;
        next = cur.tree.child(cur.node, token);
      }
      if (!next) return cur;
      cur = { ...cur, node: next, tokens: [...cur.tokens, token] };
    }
    return cur;
  }

  private follow(cur: Cursor, depth: number): Cursor | undefined {
    const ref = cur.tree.ref(cur.node);
    if (ref === undefined) return undefined;
    const { abs, tokens } = parseRef(ref, cur.abs);
    const root = this.rootOf(abs);
    if (!root) return undefined;
    return this.walk(root, tokens, depth + 1);
  }
}

interface Cursor {
  abs: string;
  tree: SourceTree;
  node: TreeNode;
  tokens: string[];
}

/**
 * Map pointer tokens of a converted Swagger 2.0 document back to the 2.0 layout:
 * `components/securitySchemes/X/flows/f/k` → `securityDefinitions/X/k`, `components/schemas` →
 * `definitions`, `components/parameters|responses` → `parameters|responses`, `servers` → `host`;
 * paths are unchanged (deeper 3.x-only parts fall back to the nearest existing ancestor).
 */
export function swagger2Tokens(tokens: string[]): string[] {
  const [a, b, name, ...rest] = tokens;
  if (a === 'components' && name !== undefined) {
    if (b === 'securitySchemes') {
      if (rest[0] === 'flows') return ['securityDefinitions', name, ...rest.slice(2)];
      return ['securityDefinitions', name, ...rest];
    }
    if (b === 'schemas') return ['definitions', name, ...rest];
    if (b === 'parameters' || b === 'responses') return [b, name, ...rest];
    return [];
  }
  if (a === 'components')
    return b === 'securitySchemes' ? ['securityDefinitions'] : b === 'schemas' ? ['definitions'] : [];
  if (a === 'servers') return ['host'];
  return tokens;
}
