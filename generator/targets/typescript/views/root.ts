/**
 * The package-wide view shared by `package.json`, the README, `src/index.ts`, `src/client.ts`,
 * `src/auth.ts` and `src/models.ts`.
 */
import type { IrApi } from '../../../ir/types.js';
import { mdCell, mdCode, mdParagraph, mdText } from '../../shared/markdown.js';
import { jsonStr, tsDoc, tsStr } from '../escape.js';
import type { PackageNames } from '../names.js';
import { HEADER } from './common.js';
import type { ControllerView } from './controller.js';
import type { FlowView } from './flow.js';
import type { ModelView } from './model.js';
import type { SimpleSchemeView } from './simple-scheme.js';

export interface EnvironmentView {
  member: string;
  value: string;
  doc: string[];
  servers: { key: string; url: string }[];
  isDefault: boolean;
  mdName: string;
  mdDescription: string;
}

export interface VariableView {
  prop: string;
  wire: string;
  type: string;
  defaultValue: string;
  doc: string[];
  mdName: string;
  mdDefault: string;
  mdDescription: string;
}

/** A controller as listed by the client and the README. */
export interface ClientControllerView {
  className: string;
  accessor: string;
  file: string;
  mdTag: string;
  operations: ControllerView['operations'];
}

export interface RootView {
  header: string;
  specName: string;
  packageJsonName: string;
  packageJsonVersion: string;
  packageJsonDescription: string;
  packageName: string;
  mdPackageName: string;
  importFrom: string;
  importFromNode: string;
  title: string;
  mdDescription: string;
  clientName: string;
  optionsName: string;
  environments: EnvironmentView[];
  defaultEnvironment: string;
  serverNames: { key: string }[];
  serverNameUnion: string;
  variables: VariableView[];
  flows: FlowView[];
  /** One entry per OAuth scheme wire name: its managers, tried in flow order. */
  oauthSchemes: { schemeWire: string; managers: string }[];
  hasFlows: boolean;
  hasDeviceFlows: boolean;
  /** What `src/auth.ts` imports from `./runtime/oauth.js`: only the managers and types it uses. */
  oauthImports: string[];
  hasOAuthImports: boolean;
  /** What `src/client.ts` imports from `./runtime/auth.js`: only the scheme classes it uses. */
  schemeImports: string[];
  hasAcgFlows: boolean;
  /** The first device / authorization code / metadata-discovering flow (README examples), or null. */
  deviceFlow: FlowView | null;
  acgFlow: FlowView | null;
  metadataFlow: FlowView | null;
  docFlows: FlowView[];
  simpleSchemes: SimpleSchemeView[];
  controllers: ClientControllerView[];
  models: ModelView[];
}

/** A flow's doc page (`doc/authorization-code.md.hbs`, `doc/password.md.hbs`, `doc/client-credentials.md.hbs`). */
export interface FlowDocView extends RootView {
  flow: FlowView;
}

/** A simple scheme's doc page (`doc/credentials.md.hbs`). */
export interface SchemeDocView extends RootView {
  scheme: SimpleSchemeView;
}

/**
 * One OAuth scheme can declare several flows (authorizationCode + password + clientCredentials):
 * the client registers one scheme entry per wire name whose managers are tried in flow order.
 */
function oauthSchemeGroups(flows: FlowView[]): RootView['oauthSchemes'] {
  const groups = new Map<string, string[]>();
  for (const f of flows) groups.set(f.schemeWire, [...(groups.get(f.schemeWire) ?? []), `this.${f.accessor}`]);
  return [...groups].map(([schemeWire, accessors]) => ({ schemeWire, managers: accessors.join(', ') }));
}

export function rootView(
  ir: IrApi,
  names: PackageNames,
  specName: string,
  parts: {
    flows: FlowView[];
    simpleSchemes: SimpleSchemeView[];
    controllers: { file: string; tag: string; view: ControllerView }[];
    models: ModelView[];
  },
): RootView {
  const environments = ir.environments.map((e) => ({
    member: names.environmentMembers.get(e.wireName) ?? 'Default',
    value: tsStr(e.wireName),
    doc: tsDoc(e.description),
    servers: e.servers.map((s) => ({ key: tsStr(s.serverName), url: tsStr(s.url) })),
    isDefault: e.isDefault,
    mdName: mdCode(e.wireName),
    mdDescription: mdCell(e.description),
  }));
  const defaultEnv = environments.find((e) => e.isDefault) ?? environments[0];
  const variables = [...ir.serverVariables]
    .sort((a, b) => (a.wireName < b.wireName ? -1 : 1))
    .map((v) => ({
      prop: names.variableProps.get(v.wireName) ?? 'variable',
      wire: tsStr(v.wireName),
      type: v.enum.length > 0 ? v.enum.map(tsStr).join(' | ') : 'string',
      defaultValue: tsStr(v.default),
      doc: tsDoc(v.description),
      mdName: mdCode(names.variableProps.get(v.wireName) ?? ''),
      mdDefault: mdCode(v.default),
      mdDescription: mdCell(v.description),
    }));
  return {
    header: HEADER,
    specName: mdText(specName),
    packageJsonName: jsonStr(names.packageName),
    packageJsonVersion: jsonStr(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$/.test(ir.version) ? ir.version : '0.0.0'),
    packageJsonDescription: jsonStr(ir.description.trim().split('\n')[0] ?? ''),
    packageName: names.packageName,
    mdPackageName: mdCode(names.packageName),
    importFrom: tsStr(names.packageName),
    importFromNode: tsStr(`${names.packageName}/node`),
    title: mdText(ir.title),
    mdDescription: mdParagraph(ir.description),
    clientName: names.clientName,
    optionsName: names.optionsName,
    environments,
    defaultEnvironment: defaultEnv?.member ?? 'Default',
    serverNames: ir.serverNames.map((s) => ({ key: tsStr(s) })),
    serverNameUnion: ir.serverNames.map(tsStr).join(' | ') || "'default'",
    variables,
    flows: parts.flows,
    oauthSchemes: oauthSchemeGroups(parts.flows),
    hasFlows: parts.flows.length > 0,
    hasDeviceFlows: parts.flows.some((f) => f.isDevice),
    ...importsOf(parts.flows, parts.simpleSchemes),
    hasAcgFlows: parts.flows.some((f) => f.isAcg),
    deviceFlow: parts.flows.find((f) => f.isDevice) ?? null,
    acgFlow: parts.flows.find((f) => f.isAcg) ?? null,
    metadataFlow: parts.flows.find((f) => f.hasMetadata) ?? null,
    docFlows: parts.flows,
    simpleSchemes: parts.simpleSchemes,
    controllers: parts.controllers.map((c) => ({
      className: c.view.className,
      accessor: c.view.accessor,
      file: c.file,
      mdTag: mdText(c.tag),
      operations: c.view.operations,
    })),
    models: parts.models,
  };
}

/** The runtime names `src/auth.ts` and `src/client.ts` use, collected from their views. */
function importsOf(
  flows: FlowView[],
  simple: SimpleSchemeView[],
): Pick<RootView, 'oauthImports' | 'hasOAuthImports' | 'schemeImports'> {
  const managers = [...new Set(flows.map((f) => f.baseClass))].filter((c) => c !== 'DeviceAuthorizationManager').sort();
  const oauthImports = flows.length > 0 ? [...managers, 'type ClientAuthMethod', 'type OAuthContext'] : [];
  const schemeClasses = [
    ...(simple.some((s) => s.isApiKey) ? ['ApiKeyScheme'] : []),
    ...(simple.some((s) => s.isBasic) ? ['BasicScheme'] : []),
    ...(simple.some((s) => s.isBearer) ? ['BearerTokenScheme'] : []),
    ...(flows.length > 0 ? ['OAuthScheme'] : []),
  ];
  return {
    oauthImports,
    hasOAuthImports: oauthImports.length > 0,
    schemeImports: [...schemeClasses, 'type AuthScheme'],
  };
}
