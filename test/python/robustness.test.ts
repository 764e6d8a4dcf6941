/**
 * Careless-user and hostile specs whose generated Python used to crash the generator or fail at
 * import or run time: recursive schemas (an array of itself: stack overflow in the generator),
 * lone UTF-16 surrogates (UnicodeEncodeError when the SDK encoded a scope), integer enums listing
 * a string (ValueError on import). Each package must pass mypy --strict and run the checks below.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatePython, PYTHON, REPO, tempDir, tool, type PySdk } from './helpers.js';

const HOSTILE = path.join(REPO, 'specs/hostile');
const sdks = new Map<string, PySdk>();

beforeAll(async () => {
  if (!existsSync(PYTHON)) throw new Error('.venv missing: run `node test/setup/prepare.mjs`');
  const root = await tempDir('py-robust-');
  for (const name of ['ref-recursive-schemas', 'str-lone-surrogate', 'ident-enum-wrong-type'])
    sdks.set(name, await generatePython(path.join(HOSTILE, `${name}.yaml`), root));
}, 300_000);

async function python(name: string, code: string): Promise<string> {
  const sdk = sdks.get(name) as PySdk;
  await tool(
    PYTHON,
    ['-m', 'mypy', '--strict', '--no-incremental', '--cache-dir', '/dev/null', sdk.packageName],
    sdk.dir,
  );
  return (await tool(PYTHON, ['-c', code.replaceAll('PKG', sdk.packageName)], sdk.dir)).trim();
}

describe('generated Python for careless and hostile specs', () => {
  it('recursive schemas: nested values round-trip through the models', async () => {
    const out = await python(
      'ref-recursive-schemas',
      [
        'import json',
        'from PKG import Tree',
        "data = {'id': 'a', 'children': [{'id': 'b', 'nested': [[[]], []], 'ping': [[[[]]]]}],",
        "        'forest': [{'id': 'c'}], 'json': {'k': [1, 'x', None]}}",
        't = Tree.from_dictionary(data)',
        'assert t.children is not None and t.children[0].id_ == "b"',
        'assert t.forest is not None and t.forest[0].id_ == "c"',
        'print(json.dumps(t.to_dictionary(), sort_keys=True))',
      ].join('\n'),
    );
    expect(JSON.parse(out)).toEqual({
      id: 'a',
      children: [{ id: 'b', nested: [[[]], []], ping: [[[[]]]] }],
      forest: [{ id: 'c' }],
      json: { k: [1, 'x', null] },
    });
  });

  it('lone surrogates: the authorization URL encodes every scope (U+FFFD), models round-trip', async () => {
    const out = await python(
      'str-lone-surrogate',
      [
        'import PKG as p',
        'scopes = list(p.OAuthScopeOAuthEnum)',
        "creds = p.OAuthCredentials(o_auth_client_id='a', o_auth_client_secret='b',",
        "    o_auth_redirect_uri='https://app.example.com/cb', o_auth_scopes=scopes)",
        'client = p.HostilestrlonesurrogateClient(o_auth_credentials=creds)',
        'print(client.o_auth.get_authorization_url())',
        "print(p.Thing.from_dictionary({'id\\ufffd': 'x', 'kind': 'a\\ufffd'}).to_dictionary())",
      ].join('\n'),
    );
    const [url, model] = out.split('\n');
    const scope = new URL(url ?? '').searchParams.get('scope');
    expect(scope?.split(' ').sort()).toEqual(['read\ufffd', 'write', '\ufffd', '\ufffd\ufffd']);
    expect(model).toBe("{'id\ufffd': 'x', 'kind': 'a\ufffd'}");
  });

  it('enums with values not of their type: import, only the valid members, wire values map to them', async () => {
    const out = await python(
      'ident-enum-wrong-type',
      [
        'import PKG as p',
        'from PKG.models.level_enum import LevelEnum',
        'from PKG.models.name_enum import NameEnum',
        'from PKG.models.nothing_enum import NothingEnum',
        'print([m.value for m in LevelEnum], [m.value for m in NameEnum], len(list(NothingEnum)))',
        "h = p.Holder.from_dictionary({'level': 3, 'name': '1'})",
        'print(h.level is LevelEnum.VALUE_3, h.name is NameEnum.VALUE_1)',
      ].join('\n'),
    );
    expect(out.split('\n')).toEqual(["[1, 3] ['a', '1', 'false', '2.5'] 0", 'True True']);
  });
});
