/**
 * Python credential keywords come from the contract's credential-field catalogue
 * (`generator/targets/shared/contract.ts`, `runtimeNames`), never from a Python-side table: the
 * keywords the static Python runtime's credentials classes really take must be exactly what the
 * catalogue says, and every keyword the generated docs and examples show must be one of them.
 */
import { execFile } from 'node:child_process';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  credentialFields,
  GENERATED_FLOW_KINDS,
  KIND_FACTS,
  type AuthKind,
} from '../../../generator/targets/shared/contract.js';
import { credentialKeyword } from '../../../generator/targets/python/names.js';
import { BASE_CLASSES, DISCOVERY_CREDENTIALS } from '../../../generator/targets/python/views/scheme.js';
import { PYTHON } from '../../python/helpers.js';
import { ROOT } from '../../helpers/cli.js';

const run = promisify(execFile);
const KINDS = Object.keys(KIND_FACTS) as AuthKind[];
/** A golden package: every generated package holds the whole static runtime. */
const GOLDEN = path.join(ROOT, 'generated', 'multiauth-sample', 'python');

const keywords = (kind: AuthKind, scopes: boolean, metadata: boolean): string[] =>
  credentialFields(kind, scopes, metadata)
    .map(credentialKeyword)
    .filter((k): k is string => k !== null)
    .sort();

/** `{ "<module>.<Class>": [keyword parameters of __init__] }` of the static runtime. */
let runtime: Record<string, string[]>;

beforeAll(async () => {
  const pkg = (await readFile(path.join(GOLDEN, 'pyproject.toml'), 'utf8')).match(/^packages = \["([\w]+)"\]/m)?.[1];
  if (pkg === undefined) throw new Error(`no package in ${GOLDEN}`);
  const classes = [
    ...KINDS.map((k) => `${BASE_CLASSES[k].module}.${BASE_CLASSES[k].credentials}`),
    ...Object.values(DISCOVERY_CREDENTIALS).map((c) => `_discovery.${c}`),
  ];
  const script = [
    'import importlib, inspect, json, sys',
    'out = {}',
    'for name in sys.argv[2:]:',
    '    module, cls = name.split(".")',
    '    klass = getattr(importlib.import_module(sys.argv[1] + ".http.auth." + module), cls)',
    // the keywords __init__ takes, following `*args, **kwargs` up to the base class's signature
    '    names = set()',
    '    for k in klass.__mro__:',
    '        if "__init__" not in vars(k): continue',
    '        params = inspect.signature(k.__init__).parameters.values()',
    '        names |= {p.name for p in params if p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) and p.name != "self"}',
    '        if not any(p.kind == p.VAR_KEYWORD for p in params): break',
    '    out[name] = sorted(names)',
    'print(json.dumps(out))',
  ].join('\n');
  const { stdout } = await run(PYTHON, ['-c', script, pkg, ...classes], { cwd: GOLDEN });
  runtime = JSON.parse(stdout) as Record<string, string[]>;
}, 60_000);

describe('python credential keywords come from the contract catalogue', () => {
  it('the catalogue renames PKCE and drops accepted token types for Python only', () => {
    const acg = keywords('authorizationCode', true, false);
    expect(acg).toContain('o_auth_use_pkce');
    expect(acg).not.toContain('o_auth_pkce');
    expect(acg).not.toContain('o_auth_accepted_token_types');
    // a field the catalogue does not rename keeps its semantic name
    expect(acg).toContain('o_auth_redirect_uri');
  });

  for (const kind of KINDS) {
    it(`${kind}: the runtime credentials class takes exactly the catalogue's keywords`, () => {
      const base = runtime[`${BASE_CLASSES[kind].module}.${BASE_CLASSES[kind].credentials}`];
      expect(base, 'class not found in the runtime').toBeDefined();
      const discovery = DISCOVERY_CREDENTIALS[kind];
      // RFC 8414 metadata (`o_auth_discovery`) exists for OAuth flows only
      const full = keywords(kind, true, (GENERATED_FLOW_KINDS as readonly string[]).includes(kind));
      if (discovery === undefined) {
        // no separate discovery class: the base class is the only one, so it takes every field
        // the catalogue lists for the kind (o_auth_discovery included when the kind has it)
        expect(base).toEqual(full);
      } else {
        expect(base).toEqual(keywords(kind, true, false));
        expect(runtime[`_discovery.${discovery}`]).toEqual(full);
      }
    });
  }
});

async function markdownFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...(await markdownFiles(p)));
    else if (/\.(md|py)$/.test(e.name)) out.push(p);
  }
  return out;
}

describe('python docs and examples show only catalogue keywords', () => {
  it('every o_auth_*= keyword in the golden docs/examples is a catalogue keyword', async () => {
    const known = new Set(KINDS.flatMap((k) => keywords(k, true, true)));
    const specs = await readdir(path.join(ROOT, 'generated'));
    let seen = 0;
    for (const spec of specs) {
      for (const sub of ['doc', 'examples', 'README.md']) {
        const p = path.join(ROOT, 'generated', spec, 'python', sub);
        const files = sub.endsWith('.md') ? [p] : await markdownFiles(p).catch(() => []);
        for (const f of files) {
          const text = await readFile(f, 'utf8').catch(() => '');
          // `<scheme>_credentials=` is a client keyword, not a credential field
          for (const m of text.matchAll(/\b(o_auth_\w+)=/g)) {
            if (m[1]?.endsWith('_credentials')) continue;
            seen++;
            expect(known, `${path.relative(ROOT, f)}: ${m[1]}`).toContain(m[1]);
          }
        }
      }
    }
    expect(seen).toBeGreaterThan(20);
  });
});
