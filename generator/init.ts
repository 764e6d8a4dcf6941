/**
 * `grantgen init [spec]`: write a commented `grantgen.config.yaml` in the current folder (and, with
 * `--ci github`, optional GitHub Actions workflows). Never overwrites a file without `--force`.
 */
import { access, mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { CONFIG_FILE, VERSION_RE } from './config.js';
import { GrantgenError } from './errors.js';
import { loadIr } from './generate.js';
import { TARGET_NAMES } from './targets/index.js';
import type { TargetName } from './targets/target.js';

export interface InitOptions {
  spec: string | undefined;
  out: string;
  targets: TargetName[];
  force: boolean;
  ci: 'github' | undefined;
}

const CANDIDATES = ['openapi', 'swagger', 'api', 'spec'].flatMap((b) =>
  ['yaml', 'yml', 'json'].map((e) => `${b}.${e}`),
);

async function exists(p: string): Promise<boolean> {
  return access(p).then(
    () => true,
    () => false,
  );
}

/** A YAML scalar for any string (JSON strings are valid YAML). */
const y = (s: string): string => (/^[A-Za-z0-9_./-]+$/.test(s) && !/^[0-9.]+$/.test(s) ? s : JSON.stringify(s));

export function configText(o: { spec: string; out: string; targets: readonly string[]; version: string }): string {
  const all = o.targets.length === TARGET_NAMES.length;
  return `# grantgen configuration. \`grantgen generate\`, \`check\` and \`watch\` read this file when run
# without a spec argument, from the folder holding it. Paths are relative to this folder.
# Command-line flags (--package-version, --license, --author, --repository) override these keys.
specs:
  - spec: ${y(o.spec)}            # OpenAPI 3.0/3.1 or Swagger 2.0 spec (YAML or JSON)
    out: ${y(o.out)}              # each target writes to ${o.out}/<target>; files you add there are kept
    targets: [${o.targets.join(', ')}]${all ? '   # default: every target' : ''}
    # packageName: my-api         # default: derived from the spec's info.title
    packageVersion: ${o.version}          # X.Y.Z, the same for every SDK (default: info.version if X.Y.Z, else 0.1.0)
    # license: MIT                # SPDX id; default: no license is declared
    # authors:                    # "Name" or "Name <email>"; default: none
    #   - Ada Lovelace <ada@example.com>
    # repository: https://github.com/you/your-sdk   # https URL; default: none
`;
}

export function publishWorkflow(out: string, targets: readonly string[]): string {
  const py = targets.includes('python');
  const ts = targets.includes('typescript');
  return `# Written by \`grantgen init --ci github\`. Publishes the generated SDKs when a release is published.
# PyPI: add this repository as a trusted publisher of your project (no token needed).
# npm: add an NPM_TOKEN secret (an automation token); --provenance needs id-token: write.
name: Publish SDKs
on:
  release:
    types: [published]
permissions:
  contents: read
  id-token: write
jobs:${
    py
      ? `
  python:
    runs-on: ubuntu-latest
    environment: pypi
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: '3.12'
      - run: python -m pip install build twine
      - run: python -m build ${y(`${out}/python`)}
      - run: python -m twine check --strict ${y(`${out}/python/dist/*`)}
      - uses: pypa/gh-action-pypi-publish@release/v1
        with:
          packages-dir: ${y(`${out}/python/dist`)}`
      : ''
  }${
    ts
      ? `
  typescript:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: '20'
          registry-url: 'https://registry.npmjs.org'
      - run: npm install
        working-directory: ${y(`${out}/typescript`)}
      - run: npm publish --provenance --access public
        working-directory: ${y(`${out}/typescript`)}
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}`
      : ''
  }
`;
}

export function regenerateWorkflow(spec: string): string {
  return `# Written by \`grantgen init --ci github\`. When the spec changes on the default branch, regenerate
# the SDKs, show the SDK-level changes (grantgen diff) and open a pull request with the result.
# Set the repository variable GRANTGEN_PACKAGE to where grantgen installs from (a .tgz URL or a
# git URL of grantgen); grantgen is not installed from the npm registry by name.
name: Regenerate SDKs
on:
  push:
    branches: [main]
    paths: [${y(spec)}, grantgen.config.yaml]
  workflow_dispatch: {}
permissions:
  contents: write
  pull-requests: write
jobs:
  regenerate:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 2
      - uses: actions/setup-node@v4
        with:
          node-version: '20'
      - name: Install grantgen
        env:
          GRANTGEN_PACKAGE: \${{ vars.GRANTGEN_PACKAGE }}
        run: |
          test -n "$GRANTGEN_PACKAGE" || { echo "::error::set the repository variable GRANTGEN_PACKAGE (a .tgz or git URL of grantgen)"; exit 1; }
          npm install -g "$GRANTGEN_PACKAGE"
      - name: Regenerate
        run: grantgen generate
      - name: SDK changes
        run: |
          if git show HEAD~1:${y(spec)} > "$RUNNER_TEMP/old-spec" 2>/dev/null; then
            grantgen diff "$RUNNER_TEMP/old-spec" ${y(spec)} --markdown > "$RUNNER_TEMP/changes.md"
          else
            echo "First version of the spec." > "$RUNNER_TEMP/changes.md"
          fi
      - name: Open a pull request
        env:
          GH_TOKEN: \${{ github.token }}
        run: |
          git diff --quiet && exit 0
          branch="grantgen/regenerate-\${{ github.sha }}"
          git config user.name "github-actions[bot]"
          git config user.email "github-actions[bot]@users.noreply.github.com"
          git switch -c "$branch"
          git add -A
          git commit -m "Regenerate SDKs"
          git push origin "$branch"
          gh pr create --title "Regenerate SDKs" --body-file "$RUNNER_TEMP/changes.md"
`;
}

async function writeNew(file: string, text: string, force: boolean): Promise<void> {
  if (!force && (await exists(file)))
    throw GrantgenError.one({
      code: 'init-exists',
      file: path.relative(process.cwd(), file) || file,
      pointer: '',
      message: 'already exists; grantgen init never overwrites a file',
      hint: 'edit that file, or run grantgen init again with --force to replace it',
    });
  await mkdir(path.dirname(file), { recursive: true });
  const tmp = `${file}.grantgen-${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, file);
}

/** Returns the files written (relative to cwd). */
export async function init(o: InitOptions, cwd = process.cwd()): Promise<{ written: string[]; spec: string }> {
  let spec = o.spec;
  let version = '0.1.0';
  if (spec === undefined) {
    const here = new Set(await readdir(cwd));
    spec = CANDIDATES.find((c) => here.has(c));
    if (spec === undefined)
      throw GrantgenError.one({
        code: 'init-no-spec',
        file: cwd,
        pointer: '',
        message: `no spec given and none of ${CANDIDATES.slice(0, 3).join(', ')}, ... here`,
        hint: 'name your spec: grantgen init path/to/openapi.yaml',
      });
  }
  // The spec must load: a config pointing at a broken spec helps nobody.
  const { ir } = await loadIr(path.resolve(cwd, spec));
  if (VERSION_RE.test(ir.version)) version = ir.version;
  const rel = path.relative(cwd, path.resolve(cwd, spec)).split(path.sep).join('/');
  if (o.ci === 'github')
    for (const [what, value] of [
      ['spec path', rel],
      ['--out', o.out],
    ] as const)
      if (!/^[A-Za-z0-9_./-]+$/.test(value) || value.split('/').includes('..'))
        throw GrantgenError.one({
          code: 'init-unsafe-path',
          file: value,
          pointer: '',
          message: `the ${what} has characters the workflow files cannot quote safely`,
          hint: 'use a path of letters, digits, `_`, `.`, `-` and `/` inside this folder for --ci github',
        });
  const files: [string, string][] = [[CONFIG_FILE, configText({ spec: rel, out: o.out, targets: o.targets, version })]];
  if (o.ci === 'github') {
    files.push(['.github/workflows/grantgen-publish.yml', publishWorkflow(o.out, o.targets)]);
    files.push(['.github/workflows/grantgen-regenerate.yml', regenerateWorkflow(rel)]);
  }
  // Check every file first, so a refusal writes nothing.
  if (!o.force)
    for (const [f] of files) if (await exists(path.join(cwd, f))) await writeNew(path.join(cwd, f), '', false);
  for (const [f, text] of files) await writeNew(path.join(cwd, f), text, o.force);
  return { written: files.map(([f]) => f), spec: rel };
}
