/* eslint-disable @typescript-eslint/no-unsafe-member-access, @typescript-eslint/no-unsafe-call --
   the rows edit a spec document (untyped JSON) in place; each edit is one short line. */
/** `grantgen diff` on the command line: the table, `--json`, `--markdown`, `--fail-on`, hostile text. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, stackLines, tmpDir } from '../helpers/cli.js';
import { base } from './base.js';

let dir: string;
let oldSpec: string;

async function spec(name: string, mutate: (d: ReturnType<typeof base>) => void): Promise<string> {
  const d = base();
  mutate(d);
  const file = path.join(dir, name);
  await writeFile(file, stringify(d));
  return file;
}

beforeAll(async () => {
  await ensureBuilt();
  dir = await tmpDir('grantgen-diff-');
  oldSpec = await spec('old.yaml', () => undefined);
});

describe('grantgen diff (CLI)', () => {
  it('--json prints exactly { bump, changes: [{ kind, message, python, typescript }] }', async () => {
    const next = await spec('json.yaml', (d) => {
      d.paths['/pets'].get.parameters.shift();
      d.info.description = 'More.';
    });
    const r = await runCli(['diff', oldSpec, next, '--json'], dir);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const j = JSON.parse(r.stdout) as { bump: string; changes: Record<string, string>[] };
    expect(Object.keys(j)).toEqual(['bump', 'changes']);
    expect(j.bump).toBe('major');
    expect(j.changes).toEqual([
      {
        kind: 'breaking',
        message: 'GET /pets: query parameter "limit" removed [request-parameter-removed]',
        python: 'client.pets.list_pets(limit=)',
        typescript: 'client.pets.listPets({ limit })',
      },
      { kind: 'fix', message: 'API description changed', python: 'petstore', typescript: 'petstore' },
    ]);
  });

  it('the table has a header, one row per change and the bump', async () => {
    const next = await spec('table.yaml', (d) => (d.components.schemas.Pet.properties.age = { type: 'integer' }));
    const r = await runCli(['diff', oldSpec, next], dir);
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KIND +PYTHON +TYPESCRIPT +CHANGE$/);
    expect(lines[1]).toMatch(/^feature +Pet\.age +Pet\.age +model "Pet": property "age" added, optional/);
    expect(lines.at(-1)).toBe('1 change(s): 0 breaking, 1 feature, 0 fix; bump: minor');
  });

  it('identical specs: "bump: none"; --fail-on breaking exits 0', async () => {
    const same = await spec('same.yaml', () => undefined);
    const r = await runCli(['diff', oldSpec, same, '--fail-on', 'breaking'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bump: none');
    expect(JSON.parse((await runCli(['diff', oldSpec, same, '--json'], dir)).stdout)).toEqual({
      bump: 'none',
      changes: [],
    });
  });

  it('--fail-on breaking exits 1 on a breaking change, 0 on features only', async () => {
    const breaking = await spec('breaking.yaml', (d) => delete d.paths['/pets/{petId}'].delete);
    const r = await runCli(['diff', oldSpec, breaking, '--fail-on', 'breaking'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--fail-on breaking');
    const feature = await spec('feature.yaml', (d) => (d.components.schemas.Pet.properties.age = { type: 'integer' }));
    expect((await runCli(['diff', oldSpec, feature, '--fail-on', 'breaking'], dir)).code).toBe(0);
    expect((await runCli(['diff', oldSpec, feature, '--fail-on', 'feature'], dir)).code).toBe(1);
  });

  it('--markdown writes a CHANGELOG section grouped by kind', async () => {
    const next = await spec('md.yaml', (d) => {
      delete d.paths['/pets/{petId}'].delete;
      d.components.schemas.Pet.properties.age = { type: 'integer' };
      d.info.description = 'x';
    });
    const r = await runCli(['diff', oldSpec, next, '--markdown', '--title', '2.0.0'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /^## 2\.0\.0 \(major\)\n\n### Breaking changes\n\n- DELETE \/pets\/\\\{petId\\\}: operation removed/,
    );
    expect(r.stdout).toContain('(Python `client.pets.delete_pet()`, TypeScript `client.pets.deletePet()`)');
    expect(r.stdout).toContain('### Features\n');
    expect(r.stdout).toContain('### Fixes\n');
    expect(r.stdout.indexOf('### Breaking')).toBeLessThan(r.stdout.indexOf('### Features'));
  });

  it('hostile spec strings cannot inject Markdown, HTML or terminal escapes', async () => {
    const evil = '</li><script>alert(1)</script>\n## Injected\u001b[2J';
    const a = await spec('evil-old.yaml', (d) => (d.components.schemas.Pet.properties[evil] = { type: 'string' }));
    const b = await spec('evil-new.yaml', () => undefined);
    const md = await runCli(['diff', a, b, '--markdown'], dir);
    expect(md.code).toBe(0);
    const outsideCode = md.stdout.replace(/(`+).*?\1/g, '');
    expect(outsideCode).not.toContain('<');
    expect(md.stdout).not.toMatch(/^## Injected/m);
    expect(md.stdout).not.toContain('\u001b');
    const table = await runCli(['diff', a, b], dir);
    expect(table.stdout).not.toContain('\u001b');
    expect(table.stdout.split('\n').filter((l) => l.startsWith('breaking'))).toHaveLength(1);
  });

  it('a broken spec exits 2 with its file, a fix hint and no stack trace', async () => {
    const broken = path.join(dir, 'broken.yaml');
    await writeFile(broken, 'openapi: 3.0.3\ninfo: [\n');
    const r = await runCli(['diff', oldSpec, broken], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('broken.yaml');
    expect(r.stderr).toContain('fix: ');
    expect(stackLines(r.stderr)).toEqual([]);
  });
});
