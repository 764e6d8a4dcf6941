/**
 * `grantgen.config.yaml`: the list of specs the commands use when given none, plus the package
 * metadata of what they generate. Every key (see README "Configuration"):
 *
 *     specs:
 *       - spec: api.yaml                  # required: path to the OpenAPI 3.x / Swagger 2.0 spec
 *         out: sdk                        # required: each target writes to <out>/<target>
 *         targets: [python, typescript, docs]   # default: every target
 *         packageName: null               # default: from the spec title
 *         packageVersion: null            # default: the spec's info.version when it is X.Y.Z, else 0.1.0
 *         license: null                   # SPDX id; default: none declared
 *         authors: []                     # "Name <email>" strings; default: none
 *         repository: null                # https URL of the source repository; default: none
 *
 * Relative paths are resolved against the folder holding the config file. The metadata keys may
 * also sit at the top level, as defaults for every entry.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readCachedYaml, writeCachedYaml, yamlLib } from './load/yaml-cache.js';
import { GrantgenError } from './errors.js';
import type { TargetJob } from './generate.js';
import { TARGET_NAMES } from './targets/index.js';
import type { PackageMetadata, TargetName } from './targets/target.js';

export const CONFIG_FILE = 'grantgen.config.yaml';

export interface SpecEntry {
  spec: string;
  jobs: TargetJob[];
  packageName: string | null;
  metadata: PackageMetadata;
}

export const EMPTY_METADATA: PackageMetadata = { version: null, license: null, authors: [], repository: null };

function bad(file: string, pointer: string, message: string, hint: string): GrantgenError {
  return GrantgenError.one({ code: 'config-invalid', file, pointer, message, hint });
}

/** A package version every target accepts unchanged: `X.Y.Z`. */
export const VERSION_RE = /^(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})\.(0|[1-9]\d{0,8})$/;
/** An SPDX license expression of plain ids (`MIT`, `Apache-2.0`, `MIT OR Apache-2.0`). */
export const LICENSE_RE = /^[A-Za-z0-9][A-Za-z0-9.+-]*(?: (?:OR|AND|WITH) [A-Za-z0-9][A-Za-z0-9.+-]*)*$/;
const AUTHOR_RE = /^([^<>\n\r"\\]+?)\s*(?:<([^<>\s"\\]+@[^<>\s"\\]+)>)?$/;
const REPOSITORY_RE = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~%/-]*)?$/;

/** Check one metadata value; `where` names it in the error (a flag or a config pointer). */
export function checkMetadata(
  raw: { version?: unknown; license?: unknown; authors?: unknown; repository?: unknown },
  file: string,
  where: (key: string) => string,
  base: PackageMetadata = EMPTY_METADATA,
): PackageMetadata {
  const code = 'metadata-invalid';
  const fail = (key: string, message: string, hint: string): GrantgenError =>
    GrantgenError.one({ code, file, pointer: where(key), message, hint });
  const out: PackageMetadata = { ...base, authors: [...base.authors] };
  if (raw.version !== undefined && raw.version !== null) {
    const v = typeof raw.version === 'number' ? String(raw.version) : raw.version;
    if (typeof v !== 'string' || !VERSION_RE.test(v))
      throw fail(
        'packageVersion',
        `package version ${JSON.stringify(v)} is not X.Y.Z`,
        'give a version like 1.2.3 (the same string is valid for PyPI, npm and Go)',
      );
    out.version = v;
  }
  if (raw.license !== undefined && raw.license !== null) {
    if (typeof raw.license !== 'string' || !LICENSE_RE.test(raw.license))
      throw fail(
        'license',
        `license ${JSON.stringify(raw.license)} is not an SPDX id`,
        'give an SPDX license id such as MIT or Apache-2.0',
      );
    out.license = raw.license;
  }
  if (raw.authors !== undefined && raw.authors !== null) {
    const list = typeof raw.authors === 'string' ? [raw.authors] : raw.authors;
    if (!Array.isArray(list))
      throw fail(
        'authors',
        '`authors` must be a list of "Name <email>" strings',
        'write authors: ["Ada <ada@example.com>"]',
      );
    out.authors = list.map((a: unknown) => {
      const m = typeof a === 'string' ? AUTHOR_RE.exec(a.trim()) : null;
      if (!m || m[1] === undefined)
        throw fail(
          'authors',
          `author ${JSON.stringify(a)} is not "Name" or "Name <email>"`,
          'write an author as "Ada Lovelace <ada@example.com>" (no quotes, backslashes or line breaks)',
        );
      return { name: m[1], email: m[2] ?? null };
    });
  }
  if (raw.repository !== undefined && raw.repository !== null) {
    if (typeof raw.repository !== 'string' || !REPOSITORY_RE.test(raw.repository))
      throw fail(
        'repository',
        `repository ${JSON.stringify(raw.repository)} is not an https URL`,
        'give the https URL of the source repository, e.g. https://github.com/acme/api-sdk',
      );
    out.repository = raw.repository.replace(/\/+$/, '');
  }
  return out;
}

/** The config file that applies in `cwd` (for messages). */
export function configPath(cwd = process.cwd()): string {
  return path.join(cwd, CONFIG_FILE);
}

export async function readConfig(cwd = process.cwd()): Promise<SpecEntry[]> {
  const file = configPath(cwd);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw GrantgenError.one({
      code: 'config-missing',
      file: CONFIG_FILE,
      pointer: '',
      message: `no spec given and no ${CONFIG_FILE} in ${cwd}`,
      hint: 'pass a spec and an output folder (grantgen generate api.yaml --out sdk), or run `grantgen init api.yaml` to write a config here',
    });
  }
  let doc: unknown;
  try {
    doc = readCachedYaml('config', text);
    if (doc === undefined) {
      doc = yamlLib().parse(text) as unknown;
      writeCachedYaml('config', text, doc);
    }
  } catch (e) {
    throw bad(
      CONFIG_FILE,
      '',
      `${CONFIG_FILE} is not valid YAML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`,
      'fix the YAML (a list under `specs:` of `{ spec, out, targets }` entries), or write a fresh one with `grantgen init`',
    );
  }
  const top = (typeof doc === 'object' && doc !== null ? doc : {}) as Record<string, unknown>;
  const specs = top['specs'];
  if (!Array.isArray(specs))
    throw bad(
      CONFIG_FILE,
      '/specs',
      '`specs` must be a list',
      'list entries like `- { spec: api.yaml, out: sdk, targets: [python] }`',
    );
  const defaults = checkMetadata(
    { version: top['packageVersion'], license: top['license'], authors: top['authors'], repository: top['repository'] },
    CONFIG_FILE,
    (k) => `/${k}`,
  );
  return specs.map((e: unknown, i) => {
    const at = `/specs/${i}`;
    const entry = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
    if (typeof entry['spec'] !== 'string' || typeof entry['out'] !== 'string')
      throw bad(CONFIG_FILE, at, 'an entry needs `spec` and `out`', 'give the spec path and the output folder');
    const targets = Array.isArray(entry['targets']) ? (entry['targets'] as unknown[]) : [...TARGET_NAMES];
    for (const t of targets) {
      if (!TARGET_NAMES.includes(t as TargetName))
        throw bad(
          CONFIG_FILE,
          `${at}/targets`,
          `unknown target ${JSON.stringify(t)}`,
          `use ${TARGET_NAMES.join(', ')}`,
        );
    }
    const name = entry['packageName'];
    if (name !== undefined && name !== null && typeof name !== 'string')
      throw bad(CONFIG_FILE, `${at}/packageName`, '`packageName` must be a string', 'give a name like acme-api');
    const metadata = checkMetadata(
      {
        version: entry['packageVersion'],
        license: entry['license'],
        authors: entry['authors'],
        repository: entry['repository'],
      },
      CONFIG_FILE,
      (k) => `${at}/${k}`,
      defaults,
    );
    const out = path.resolve(cwd, entry['out']);
    return {
      spec: path.resolve(cwd, entry['spec']),
      jobs: (targets as TargetName[]).map((t) => ({ target: t, out: path.join(out, t) })),
      packageName: typeof name === 'string' ? name : null,
      metadata,
    };
  });
}
