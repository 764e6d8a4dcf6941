#!/usr/bin/env node
/** The `grantgen` command: parses arguments with commander and calls `commands.ts`. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, Option } from 'commander';
import { PACKAGE_ROOT } from './package-root.js';
import {
  processIo,
  reportError,
  runCheck,
  runDiff,
  runGenerate,
  runIr,
  runValidate,
  type SpecSelection,
} from './commands.js';
import { TARGET_NAMES } from './targets/index.js';
import type { TargetName } from './targets/target.js';

const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string };

interface CommonFlags {
  target: TargetName | 'all';
  out?: string;
  packageName?: string;
  templates?: string[];
  quiet?: boolean;
  json?: boolean;
  packageVersion?: string;
  license?: string;
  author?: string[];
  repository?: string;
}

function selection(specs: string[], flags: CommonFlags): SpecSelection {
  return {
    specs,
    target: flags.target,
    out: flags.out,
    packageName: flags.packageName ?? null,
    templates: flags.templates ?? [],
    packageVersion: flags.packageVersion,
    license: flags.license,
    authors: flags.author,
    repository: flags.repository,
  };
}

function output(flags: CommonFlags): { quiet: boolean; json: boolean } {
  return { quiet: flags.quiet === true, json: flags.json === true };
}

function withCommon(cmd: Command): Command {
  return cmd
    .addOption(new Option('-t, --target <target>', 'what to generate').choices([...TARGET_NAMES, 'all']).default('all'))
    .option('-o, --out <dir>', 'output folder (required with a spec argument)')
    .option('--package-name <name>', 'package name (default: from the spec title)')
    .option('--package-version <x.y.z>', 'version of every generated package (default: info.version if X.Y.Z)')
    .option('--license <spdx>', 'SPDX license of the generated packages (default: none declared)')
    .option(
      '--author <"Name <email>">',
      'author of the generated packages (repeatable)',
      (v: string, prev: string[] = []) => [...prev, v],
    )
    .option('--repository <url>', 'https URL of the SDK source repository')
    .option('--templates <dir...>', 'folders overlaying the built-in templates file by file (<dir>/<target>/...)')
    .option('-q, --quiet', 'print only errors')
    .option('--json', 'machine-readable output on stdout');
}

const program = new Command()
  .name('grantgen')
  .description('Generate SDKs whose OAuth 2 works, from an OpenAPI 3.0/3.1/3.2 or Swagger 2.0 spec.')
  .version(pkg.version)
  .configureOutput({
    outputError: (str, write) =>
      write(`${str.trimEnd()}\n  fix: see \`grantgen --help\` or \`grantgen <command> --help\` for the usage\n`),
  })
  .addHelpText(
    'after',
    `
Examples:
  grantgen init api.yaml                               write grantgen.config.yaml for your spec
  grantgen generate                                    regenerate every spec in grantgen.config.yaml
  grantgen generate api.yaml --target python --out sdk/python
  grantgen generate api.yaml --target all --out sdk    writes sdk/python, sdk/typescript, sdk/go, sdk/docs
  grantgen check                                       exit 1 with a diff when the output is stale
  grantgen diff old.yaml new.yaml                      SDK-level changes and the semver bump they need
  grantgen validate api.yaml                           list every problem, write nothing
  grantgen ir api.yaml > ir.json                       print the intermediate model
  grantgen watch                                       regenerate on every spec or template change

Exit codes: 0 ok, 1 drift (check) or a change at --fail-on (diff), 2 problem in your input, 3 internal error.`,
  );

withCommon(
  program
    .command('generate')
    .argument('[spec...]', 'spec files (default: grantgen.config.yaml)')
    .description('generate SDKs and docs'),
).action(async (specs: string[], flags: CommonFlags) => {
  process.exitCode = await runGenerate(selection(specs, flags), output(flags));
});

withCommon(
  program
    .command('check')
    .argument('[spec...]', 'spec files (default: grantgen.config.yaml)')
    .description('regenerate in memory and diff against the output folders; exit 1 on drift'),
).action(async (specs: string[], flags: CommonFlags) => {
  process.exitCode = await runCheck(selection(specs, flags), output(flags));
});

withCommon(
  program
    .command('watch')
    .argument('[spec...]', 'spec files (default: grantgen.config.yaml)')
    .description('regenerate whenever a spec, a file it references, or a template changes'),
).action(async (specs: string[], flags: CommonFlags) => {
  const { runWatch } = await import('./watch.js'); // chokidar only for watch
  const handle = runWatch(selection(specs, flags), output(flags));
  try {
    await handle.ready;
  } catch (e) {
    process.exitCode = reportError(e, processIo, output(flags));
    await handle.close();
    return;
  }
  process.on('SIGINT', () => void handle.close().then(() => process.exit(0)));
});

program
  .command('diff')
  .argument('<old-spec>', 'the spec the current SDK was generated from')
  .argument('<new-spec>', 'the changed spec')
  .option('--json', 'JSON: { bump, changes: [{ kind, message, python, typescript }] }')
  .option('--markdown', 'a CHANGELOG section in Markdown')
  .option('--title <text>', 'heading of the --markdown section', 'Unreleased')
  .addOption(
    new Option('--fail-on <kind>', 'exit 1 when a change of this kind (or a stronger one) is found').choices([
      'breaking',
      'feature',
      'fix',
    ]),
  )
  .option('--package-name <name>', 'package name the SDKs are generated with (default: from the spec title)')
  .description('compare what two specs generate, at the SDK level: changes, semver bump, changelog')
  .action(
    async (
      oldSpec: string,
      newSpec: string,
      flags: {
        json?: boolean;
        markdown?: boolean;
        title: string;
        failOn?: 'breaking' | 'feature' | 'fix';
        packageName?: string;
      },
    ) => {
      process.exitCode = await runDiff(oldSpec, newSpec, {
        json: flags.json === true,
        markdown: flags.markdown === true,
        title: flags.title,
        failOn: flags.failOn,
        packageName: flags.packageName ?? null,
      });
    },
  );

program
  .command('init')
  .argument('[spec]', 'your spec (default: openapi.yaml, swagger.yaml, api.yaml, ... in this folder)')
  .option('-o, --out <dir>', 'output folder written into the config', 'sdk')
  .addOption(
    new Option('-t, --target <target...>', 'targets written into the config')
      .choices([...TARGET_NAMES])
      .default([...TARGET_NAMES]),
  )
  .addOption(
    new Option('--ci <provider>', 'also write CI workflows (publish; regenerate on spec change)').choices(['github']),
  )
  .option('--force', 'overwrite existing files')
  .description('write a commented grantgen.config.yaml here for a spec')
  .action(
    async (spec: string | undefined, flags: { out: string; target: TargetName[]; force?: boolean; ci?: 'github' }) => {
      try {
        const { init } = await import('./init.js');
        const r = await init({
          spec,
          out: flags.out,
          targets: flags.target,
          force: flags.force === true,
          ci: flags.ci,
        });
        for (const f of r.written) process.stderr.write(`wrote ${f}\n`);
        process.stderr.write(`next: grantgen generate   (reads ${r.written[0]}; spec ${r.spec})\n`);
      } catch (e) {
        process.exitCode = reportError(e, processIo, { quiet: false, json: false });
      }
    },
  );

program
  .command('validate')
  .argument('[spec...]', 'spec files (default: grantgen.config.yaml)')
  .option('-q, --quiet', 'print only errors')
  .option('--json', 'machine-readable output on stdout')
  .description('report every problem in the specs without writing anything')
  .action(async (specs: string[], flags: CommonFlags) => {
    process.exitCode = await runValidate(specs, output(flags));
  });

program
  .command('ir')
  .argument('<spec>', 'spec file')
  .description('print the intermediate model as JSON')
  .action(async (spec: string) => {
    process.exitCode = await runIr(spec);
  });

// Usage errors exit 2 (input problem), never commander's default 1 (which means drift for `check`).
// Subcommands copy inherited settings when created, so each one needs the override too.
for (const cmd of [program, ...program.commands]) {
  cmd.exitOverride((err) => {
    process.exit(err.exitCode === 0 ? 0 : 2);
  });
}

await program.parseAsync(process.argv);
