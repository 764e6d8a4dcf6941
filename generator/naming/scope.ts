/**
 * Deterministic collision resolution inside one naming scope (a module, a class, an enum, a
 * parameter list). Names are assigned in sorted order of wire names, so the same set of wire names
 * always produces the same identifiers, whatever order the spec lists them in.
 */

export interface ScopeOptions {
  /** Names that are never handed out as they are (keywords, builtins, template locals). */
  reserved: ReadonlySet<string>;
  /** How a collision counter is attached: `name` + sep + n (e.g. `_` for snake case, `` for Pascal). */
  separator: string;
  /** Compare case-insensitively (file names on case-insensitive file systems, Python modules). */
  caseInsensitive?: boolean;
}

export class NameScope {
  private readonly byKey = new Map<string, string>();
  private readonly wireToName = new Map<string, string>();
  constructor(private readonly options: ScopeOptions) {}

  private key(name: string): string {
    return this.options.caseInsensitive ? name.toLowerCase() : name;
  }

  /** Is `name` free (not reserved, not taken)? */
  isFree(name: string): boolean {
    return !this.options.reserved.has(name) && !this.byKey.has(this.key(name));
  }

  /** Mark a name as used (e.g. a fixed runtime name) without a wire name. */
  reserve(name: string): void {
    this.byKey.set(this.key(name), name);
  }

  /**
   * Give `wire` the name `candidate`, or `candidate` + separator + 2, 3, ... when taken. The same
   * wire name always gets the same result within a scope.
   */
  claim(wire: string, candidate: string): string {
    const existing = this.wireToName.get(wire);
    if (existing !== undefined) return existing;
    let name = candidate;
    for (let n = 2; !this.isFree(name); n++) name = `${candidate}${this.options.separator}${n}`;
    this.byKey.set(this.key(name), name);
    this.wireToName.set(wire, name);
    return name;
  }
}

/**
 * Name every wire string of one scope: sorts the wire names (code-unit order), then claims each.
 * Returns wire → identifier.
 */
export function assignNames(
  wires: Iterable<string>,
  toCandidate: (wire: string) => string,
  options: ScopeOptions,
  preclaimed: Iterable<string> = [],
): Map<string, string> {
  const scope = new NameScope(options);
  for (const p of preclaimed) scope.reserve(p);
  const sorted = [...new Set(wires)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Map<string, string>();
  for (const w of sorted) out.set(w, scope.claim(w, toCandidate(w)));
  return out;
}
