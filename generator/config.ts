/**
 * `grantgen.config.yaml`: the list of specs the commands use when given none.
 *
 *     specs:
 *       - spec: specs/multiauth-sample.yaml
 *         out: generated/multiauth-sample      # each target writes to <out>/<target>
 *         targets: [python, typescript, docs]
 *         packageName: null                    # optional
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'yaml';
import { GrantgenError } from './errors.js';
import type { TargetJob } from './generate.js';
import { TARGET_NAMES } from './targets/index.js';
import type { TargetName } from './targets/target.js';

export const CONFIG_FILE = 'grantgen.config.yaml';

export interface SpecEntry {
  spec: string;
  jobs: TargetJob[];
  packageName: string | null;
}

function bad(file: string, pointer: string, message: string, hint: string): GrantgenError {
  return GrantgenError.one({ code: 'config-invalid', file, pointer, message, hint });
}

export async function readConfig(cwd = process.cwd()): Promise<SpecEntry[]> {
  const file = path.join(cwd, CONFIG_FILE);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw GrantgenError.one({
      code: 'config-missing',
      file: CONFIG_FILE,
      pointer: '',
      message: 'no spec given and no grantgen.config.yaml here',
      hint: 'pass a spec path (grantgen generate api.yaml --out sdk) or run from the folder holding grantgen.config.yaml',
    });
  }
  let doc: unknown;
  try {
    doc = parse(text) as unknown;
  } catch (e) {
    throw bad(
      CONFIG_FILE,
      '',
      `${CONFIG_FILE} is not valid YAML: ${(e instanceof Error ? e.message : String(e)).split('\n')[0] ?? ''}`,
      'fix the YAML (a list under `specs:` of `{ spec, out, targets }` entries)',
    );
  }
  const specs = (doc as { specs?: unknown } | null)?.specs;
  if (!Array.isArray(specs))
    throw bad(
      CONFIG_FILE,
      '/specs',
      '`specs` must be a list',
      'list entries like `- { spec: specs/x.yaml, out: generated/x, targets: [python] }`',
    );
  return specs.map((e: unknown, i) => {
    const at = `/specs/${i}`;
    const entry = (typeof e === 'object' && e !== null ? e : {}) as {
      spec?: unknown;
      out?: unknown;
      targets?: unknown;
      packageName?: unknown;
    };
    if (typeof entry.spec !== 'string' || typeof entry.out !== 'string')
      throw bad(CONFIG_FILE, at, 'an entry needs `spec` and `out`', 'give the spec path and the output folder');
    const targets = Array.isArray(entry.targets) ? entry.targets : ['python', 'typescript', 'docs'];
    for (const t of targets) {
      if (!TARGET_NAMES.includes(t as TargetName))
        throw bad(
          CONFIG_FILE,
          `${at}/targets`,
          `unknown target ${JSON.stringify(t)}`,
          `use ${TARGET_NAMES.join(', ')}`,
        );
    }
    const out = path.resolve(cwd, entry.out);
    return {
      spec: path.resolve(cwd, entry.spec),
      jobs: (targets as TargetName[]).map((t) => ({ target: t, out: path.join(out, t) })),
      packageName: typeof entry.packageName === 'string' ? entry.packageName : null,
    };
  });
}
