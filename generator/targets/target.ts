/**
 * What a target is: a view-model builder (IR → plain data, every name final, every string escaped
 * for where it lands) plus a folder of Handlebars templates (`templates/<name>/`) and static files
 * copied verbatim (`templates/<name>/static/`).
 */
import type { IrApi } from '../ir/types.js';

export type TargetName = 'python' | 'typescript' | 'go' | 'docs';

export interface TargetOptions {
  /** `--package-name`, or null to derive it from the spec title. */
  packageName: string | null;
  /** Spec file name without extension, e.g. `multiauth-sample` (for headers and docs). */
  specName: string;
  /** Package metadata from `--package-version`/`--license`/`--author`/`--repository` or the config. */
  metadata?: PackageMetadata;
}

/** Package metadata, the same for every target (already validated; null/[] = not given). */
export interface PackageMetadata {
  /** `X.Y.Z`, or null for the spec's `info.version` when it is `X.Y.Z`, else `0.1.0`. */
  version: string | null;
  /** SPDX expression; null = declare no license. */
  license: string | null;
  authors: { name: string; email: string | null }[];
  /** https URL of the source repository. */
  repository: string | null;
}

/** One output file, path relative to the target's output folder, always with `/` separators. */
export type PlannedFile =
  /** Render `templates/<target>/<template>` (e.g. `client.py.hbs`) with `view`. */
  | { path: string; template: string; view: object }
  /** Copy `templates/<target>/static/<staticFile>` verbatim. */
  | { path: string; staticFile: string }
  /** Literal content computed in code (rare: e.g. `py.typed`). */
  | { path: string; content: string };

export interface TargetPlan {
  files: PlannedFile[];
  /** Problems worth telling the user (e.g. "no ACG/ROPCG flow"), already worded. */
  warnings: string[];
}

export interface Target {
  name: TargetName;
  /** Build every file of the output from the IR; must be deterministic. */
  plan(ir: IrApi, options: TargetOptions): TargetPlan;
  /** Run after rendering (not on static files), e.g. prettier for TypeScript. Must be deterministic. */
  format?(path: string, content: string): Promise<string>;
  /** Identity of the formatter and its options (part of the format cache key). */
  formatterId?: string;
  /**
   * Optional: cut a rendered file into parts that `format` formats independently, the formatted parts
   * joined by a blank line being exactly `format` of the whole file. Each part is cached on its own,
   * so an edit that touches one part re-formats only that part (watch latency, issue 11 §5). Return
   * null to format the file whole. The promise is checked by test/render/format-parts.test.ts.
   */
  formatParts?(path: string, content: string): string[] | null;
}
