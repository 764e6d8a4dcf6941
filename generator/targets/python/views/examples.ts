/**
 * Views of `examples/<flow>.py` (one runnable program per OAuth flow, decided in
 * `shared/examples.ts`) and of the README's usage example. Every spec string lands in a docstring
 * or comment through the escapers; identifiers come from the naming module.
 */
import type { IrApi, IrOperation } from '../../../ir/types.js';
import { BASE_URL_ENV, EXAMPLE_ENV_NAMES, type ExamplePlan } from '../../shared/examples.js';
import { pyDocView, pyStr, type DocView } from '../escape.js';
import { sortImportedNames } from '../imports.js';
import { controllerMethodNames, credentialKeyword, type PyNames } from '../names.js';

/** `examples/<slug>.py.hbs`. */
export interface PyExampleView {
  docstring: DocView;
  pkg: string;
  /** Names imported from the package root, one per line. */
  imports: string[];
  clientClass: string;
  kwarg: string;
  credentialsClass: string;
  /**
   * Credential keywords and where their values come from: the `scopes` list, or the environment
   * variable (a string literal) — `o_auth_client_id=env("OAUTH_CLIENT_ID"),`.
   */
  credentials: { keyword: string; fromScopes: boolean; variable: string }[];
  hasScopes: boolean;
  scopeEnumClass: string;
  scopesEnv: string;
  baseUrlEnv: string;
  defaultServer: string;
  accessor: string;
  interactive: boolean;
  device: boolean;
  hasCall: boolean;
  /** `client.<callController>.<callMethod>()`: the operation the example calls. */
  callController: string;
  callMethod: string;
}

/** The controller accessor and method name of an operation (`client.<controller>.<method>()`). */
function pyCallParts(ir: IrApi, names: PyNames, op: IrOperation): { controller: string; method: string } {
  const ops = ir.operations.filter((o) => o.tag === op.tag);
  const method = controllerMethodNames(ops).get(op.operationId) ?? 'call';
  return { controller: names.tags.get(op.tag)?.accessor ?? 'default', method };
}

/** `client.<controller>.<method>()` of an operation (the README's usage snippet). */
export function pyCallOf(ir: IrApi, names: PyNames, op: IrOperation): string {
  const { controller, method } = pyCallParts(ir, names, op);
  return `client.${controller}.${method}()`;
}

export function pyExampleView(ir: IrApi, names: PyNames, plan: ExamplePlan): PyExampleView {
  const s = names.schemes.get(plan.unit.namingKey);
  if (!s) throw new Error(`no Python names for ${plan.unit.namingKey}`);
  const hasScopes = s.scopeEnumClass !== '';
  const credentials = plan.env.flatMap(({ field, variable }) => {
    const keyword = credentialKeyword(field);
    if (keyword === null || (field.value === 'scopes' && !hasScopes)) return [];
    return [{ keyword, fromScopes: field.value === 'scopes', variable: pyStr(variable) }];
  });
  const call = plan.operation ? pyCallParts(ir, names, plan.operation) : { controller: '', method: '' };
  const what = plan.operation
    ? `${plan.operation.method.toUpperCase()} ${plan.operation.path}`
    : 'no operation (the spec has none this flow can call without input)';
  const defaultServer = names.servers.get(ir.serverNames[0] ?? 'default') ?? 'DEFAULT';
  return {
    docstring: pyDocView([
      `${plan.unit.title} example for the ${plan.unit.scheme.wireName} scheme of ${ir.title}.`,
      `Reads ${EXAMPLE_ENV_NAMES.join(', ')} from the environment (${BASE_URL_ENV} replaces the default server's URL), gets a token${plan.interactive ? ' (prints the consent URL, then reads the URL you were redirected to from stdin)' : plan.device ? ' (prints where to sign in on another device and the code to enter, then waits for the approval)' : ''}, calls ${what} and prints its JSON body.`,
      `Run: python examples/${plan.slug}.py`,
    ]),
    pkg: names.packageName,
    imports: sortImportedNames([
      names.clientClass,
      s.credentialsClass,
      'Server',
      ...(hasScopes ? [s.scopeEnumClass] : []),
    ]),
    clientClass: names.clientClass,
    kwarg: s.kwarg,
    credentialsClass: s.credentialsClass,
    credentials,
    hasScopes,
    scopeEnumClass: s.scopeEnumClass,
    scopesEnv: pyStr('OAUTH_SCOPES'),
    baseUrlEnv: pyStr(BASE_URL_ENV),
    defaultServer,
    accessor: s.accessor,
    interactive: plan.interactive,
    device: plan.device,
    hasCall: plan.operation !== null,
    callController: call.controller,
    callMethod: call.method,
  };
}

/** README sections about using, running the examples and publishing (merged into the README view). */
export interface PyReadmeExtras {
  distName: string;
  version: string;
  hasUsage: boolean;
  /** A complete snippet calling a real operation. */
  usage: string;
  examples: { file: string; title: string; scheme: string }[];
  hasExamples: boolean;
  exampleEnv: string;
  hasLicense: boolean;
  license: string;
}

export function pyReadmeExtras(
  ir: IrApi,
  names: PyNames,
  plans: ExamplePlan[],
  usageOp: IrOperation | null,
  meta: { version: string; license: string | null },
  md: { text(s: string): string; code(s: string): string },
): PyReadmeExtras {
  const usage = usageOp
    ? [
        `from ${names.packageName} import ${names.clientClass}, APIException`,
        '',
        `client = ${names.clientClass}()  # add the credentials of a scheme below`,
        'try:',
        `    response = ${pyCallOf(ir, names, usageOp)}`,
        '    print(response.status_code, response.text)',
        'except APIException as error:',
        '    print(error.status_code, error)',
      ].join('\n')
    : '';
  return {
    distName: names.packageName,
    version: meta.version,
    hasUsage: usageOp !== null,
    usage,
    examples: plans.map((p) => ({
      file: `examples/${p.slug}.py`,
      title: md.text(p.unit.title),
      scheme: md.code(p.unit.scheme.wireName),
    })),
    hasExamples: plans.length > 0,
    exampleEnv: EXAMPLE_ENV_NAMES.map((n) => `\`${n}\``).join(', '),
    hasLicense: meta.license !== null,
    license: meta.license ?? '',
  };
}
