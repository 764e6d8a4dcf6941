/**
 * Views of `examples/<flow>.ts` (one runnable program per OAuth flow, decided in
 * `shared/examples.ts`), of the package metadata and of the README's usage, examples and
 * publishing sections.
 */
import type { IrApi, IrOperation } from '../../../ir/types.js';
import { BASE_URL_ENV, EXAMPLE_ENV_NAMES, type ExamplePlan, type ResolvedMetadata } from '../../shared/examples.js';
import { mdCode, mdText } from '../../shared/markdown.js';
import { jsonStr, tsDoc, tsStr } from '../escape.js';
import { fieldName, type PackageNames } from '../names.js';
import type { ControllerView } from './controller.js';

/** `examples/example.ts.hbs`. */
export interface TsExampleView {
  doc: string[];
  importFrom: string;
  /** Named imports from the package (value and type imports). */
  imports: string;
  clientName: string;
  optionName: string;
  /** `oAuthClientId: env('OAUTH_CLIENT_ID'),` lines. */
  credentialLines: string[];
  /** The OAUTH_SCOPES helper is emitted only when used (the package tsconfig has noUnusedLocals). */
  hasScopes: boolean;
  baseUrlEnv: string;
  defaultServer: string;
  accessor: string;
  interactive: boolean;
  device: boolean;
  hasCall: boolean;
  call: string;
}

/** `client.<controller>.<method>()` of an operation, from the controller views. */
export function tsCallOf(
  op: IrOperation,
  ir: IrApi,
  controllers: { tag: string; view: ControllerView }[],
): string | null {
  const c = controllers.find((x) => x.tag === op.tag);
  const index = ir.operations.filter((o) => o.tag === op.tag).indexOf(op);
  const method = c?.view.operations[index]?.method;
  return c && method ? `client.${c.view.accessor}.${method}()` : null;
}

export function tsExampleView(
  ir: IrApi,
  names: PackageNames,
  controllers: { tag: string; view: ControllerView }[],
  plan: ExamplePlan,
): TsExampleView {
  const f = names.flows.find((x) => x.unit.namingKey === plan.unit.namingKey);
  if (!f) throw new Error(`no TypeScript names for ${plan.unit.namingKey}`);
  const scopeType = f.scopeEnumName;
  const credentialLines = plan.env.flatMap(({ field, variable }) => {
    if (field.value === 'scopes')
      return scopeType ? [`${fieldName(field.semantic)}: words(env(${tsStr(variable)})) as ${scopeType}[],`] : [];
    return [`${fieldName(field.semantic)}: env(${tsStr(variable)}),`];
  });
  const call = plan.operation ? tsCallOf(plan.operation, ir, controllers) : null;
  const what = plan.operation
    ? `${plan.operation.method.toUpperCase()} ${plan.operation.path}`
    : 'no operation (the spec has none this flow can call without input)';
  const imports = [names.clientName, ...(scopeType ? [`type ${scopeType}`] : [])];
  return {
    doc: tsDoc(
      [
        `${plan.unit.title} example for the ${plan.unit.scheme.wireName} scheme of ${ir.title}.`,
        '',
        `Reads ${EXAMPLE_ENV_NAMES.join(', ')} from the environment (${BASE_URL_ENV} replaces the default server's URL), gets a token${plan.interactive ? ' (prints the consent URL, then reads the URL you were redirected to from stdin)' : plan.device ? ' (prints where to sign in on another device and the code to enter, then waits for the approval)' : ''}, calls ${what} and prints its JSON body.`,
        '',
        `Run: npm install && npm run example -- ${plan.slug}`,
      ].join('\n'),
    ),
    importFrom: tsStr(names.packageName),
    imports: imports.join(', '),
    clientName: names.clientName,
    optionName: f.optionName,
    credentialLines,
    hasScopes: credentialLines.some((l) => l.includes('words(')),
    baseUrlEnv: tsStr(BASE_URL_ENV),
    defaultServer: tsStr(ir.serverNames[0] ?? 'default'),
    accessor: f.accessor,
    interactive: plan.interactive,
    device: plan.device,
    hasCall: call !== null,
    call: call ?? '',
  };
}

/** Package metadata and README sections. */
export interface TsPackageExtras {
  packageJsonVersion: string;
  /** Extra `"key": value,` lines of package.json (license, author, contributors, repository). */
  metadataLines: string[];
  version: string;
  hasLicense: boolean;
  mdLicense: string;
  hasUsage: boolean;
  usage: string;
  hasExamples: boolean;
  examples: { slug: string; title: string; scheme: string }[];
  firstExample: string;
  exampleEnv: string;
}

export function tsPackageExtras(
  names: PackageNames,
  meta: ResolvedMetadata,
  usageCall: string | null,
  plans: ExamplePlan[],
): TsPackageExtras {
  const person = (a: { name: string; email: string | null }): string =>
    JSON.stringify(a.email ? { name: a.name, email: a.email } : { name: a.name });
  const lines: string[] = [];
  if (meta.license) lines.push(`"license": ${jsonStr(meta.license)},`);
  const [first, ...rest] = meta.authors;
  if (first) lines.push(`"author": ${person(first)},`);
  if (rest.length > 0) lines.push(`"contributors": [${rest.map(person).join(', ')}],`);
  if (meta.repository) lines.push(`"repository": { "type": "git", "url": ${jsonStr(`git+${meta.repository}.git`)} },`);
  const usage = usageCall
    ? [
        `import { ${names.clientName}, ApiError } from ${tsStr(names.packageName)};`,
        '',
        `const client = new ${names.clientName}(); // add the credentials of a scheme below`,
        '',
        'async function main(): Promise<void> {',
        '  try {',
        `    const result = await ${usageCall};`,
        '    console.log(result);',
        '  } catch (error) {',
        '    if (error instanceof ApiError) console.log(error.status, error.message);',
        '    else throw error;',
        '  }',
        '}',
        '',
        'void main();',
      ].join('\n')
    : '';
  return {
    packageJsonVersion: jsonStr(meta.version),
    metadataLines: lines,
    version: meta.version,
    hasLicense: meta.license !== null,
    mdLicense: mdText(meta.license ?? ''),
    hasUsage: usageCall !== null,
    usage,
    hasExamples: plans.length > 0,
    examples: plans.map((p) => ({ slug: p.slug, title: mdText(p.unit.title), scheme: mdCode(p.unit.scheme.wireName) })),
    firstExample: plans[0]?.slug ?? '',
    exampleEnv: EXAMPLE_ENV_NAMES.map((n) => `\`${n}\``).join(', '),
  };
}
