/**
 * Every Python name of one generated package, assigned once per scope through the shared naming
 * module (sorted wire names, counters on collisions), so templates never derive a name.
 */
import type { IrApi, IrModel, IrOperation } from '../../ir/types.js';
import { authContract, runtimeName, type AuthUnit, type CredentialField } from '../shared/contract.js';
import { assignNames, PYTHON_RESERVED, pyName, screamingCase, kebabCase } from '../../naming/index.js';

/** Modules of the static runtime under `http/auth/` (scheme modules must not take them). */
const STATIC_AUTH_MODULES = [
  '_credentials',
  '_device',
  '_discovery',
  '_grants',
  '_loopback',
  '_metadata',
  '_revoke',
  '_security',
  '_simple',
  'token_store',
];
/** Modules and classes of the static runtime under `models/`. */
const STATIC_MODEL_MODULES = ['o_auth_token', 'o_auth_provider_error_enum', '_helpers'];
const STATIC_MODEL_CLASSES = ['OAuthToken', 'OAuthProviderErrorEnum'];
/** Names the package root re-exports from the static runtime and fixed modules. */
export const ROOT_RUNTIME_EXPORTS = [
  'APIException',
  'ApiResponse',
  'AuthConflictException',
  'AuthRequiredException',
  'AuthorizationDeniedException',
  'AuthorizationServerMetadataException',
  'BaseController',
  'Configuration',
  'ConfigurationException',
  'DeviceAccessDeniedException',
  'DeviceAuthorization',
  'DeviceAuthorizationException',
  'DeviceCodeExpiredException',
  'Environment',
  'FileTokenStore',
  'HttpResponse',
  'InMemoryTokenStore',
  'InsecureTransportException',
  'InvalidTokenResponseException',
  'IssuerMismatchException',
  'MissingRefreshTokenException',
  'NetworkException',
  'OAuthCallbackException',
  'OAuthProviderErrorEnum',
  'OAuthProviderException',
  'OAuthToken',
  'RequestOptions',
  'ResponseTooLargeException',
  'RetryAfterTooLongException',
  'SdkException',
  'Server',
  'SignInTimeoutException',
  'StateMismatchException',
  'TimeoutException',
  'TokenRevocationException',
  'TokenStore',
];
/**
 * Attributes of the client object that are not per-scheme or per-tag. Scheme and tag accessors
 * become a property `name` and an attribute `_name`, so both spellings of the runtime's own
 * members are taken (`_context`, `_config`, `_server_url`).
 */
const CLIENT_MEMBERS = ['config', 'close', 'aclose', 'context', 'server_url'];
/** Configuration keyword arguments that are not per-scheme or server variables. */
export const CONFIG_FIXED_KWARGS = [
  'environment',
  'timeout',
  'base_urls',
  'allow_insecure_http',
  'extra_bearer_hosts',
  'http_client',
  'max_retries',
  'max_retry_wait',
  'async_http_client',
];

/**
 * Names of one manager (a flow of an OAuth scheme, or a simple scheme). A scheme with one flow is
 * named after the scheme (`o_auth_acg`); each flow of a multi-flow scheme after the scheme and
 * the flow (`oauth2_password`).
 */
export interface SchemeNames {
  /** The unit's naming key (`OAuthACG`, `oauth2 password`). */
  key: string;
  /** `o_auth_acg` (module under http/auth and client accessor). */
  module: string;
  accessor: string;
  /** `OAuthACG`. */
  managerClass: string;
  /** `OAuthACGCredentials`. */
  credentialsClass: string;
  /** `o_auth_acg_credentials`. */
  kwarg: string;
  /** `O_AUTH_ACG_`. */
  envPrefix: string;
  /** Scope enum (only when the flow has scopes). */
  scopeEnumClass: string;
  scopeEnumModule: string;
  scopeEnumDoc: string;
  /** Scope member names: wire value → member. */
  scopeMembers: Map<string, string>;
}

/** A class and the module defining it. */
export interface ModuleClass {
  module: string;
  className: string;
}

export interface TagNames extends ModuleClass {
  accessor: string;
  /** Doc page slug. */
  doc: string;
}

export interface ModelNames extends ModuleClass {
  /** Doc page slug. */
  doc: string;
}

export interface PyNames {
  packageName: string;
  clientClass: string;
  clientModule: string;
  /** Manager naming key (`AuthUnit.namingKey`) → names. */
  schemes: Map<string, SchemeNames>;
  /** tag wire → names */
  tags: Map<string, TagNames>;
  /** model wire → names */
  models: Map<string, ModelNames>;
  /** environment wire → enum member */
  environments: Map<string, string>;
  /** server wire → enum member */
  servers: Map<string, string>;
  /** server variable wire → kwarg */
  variables: Map<string, string>;
}

const SNAKE = { reserved: PYTHON_RESERVED, separator: '_', caseInsensitive: true };
const PASCAL = { reserved: PYTHON_RESERVED, separator: '', caseInsensitive: true };
const SCREAMING = { reserved: PYTHON_RESERVED, separator: '_' };

function enumClassName(wire: string): string {
  const base = pyName(wire, 'pascal', 'Model');
  return base.endsWith('Enum') ? base : base + 'Enum';
}

export function assignPyNames(
  ir: IrApi,
  packageOverride: string | null,
  units: AuthUnit[] = authContract(ir).units,
): PyNames {
  const packageName = packageOverride ?? pyName(ir.title, 'flat', 'sdk');
  const clientClass = pyName(packageName, 'pascal', 'Api') + 'Client';
  const clientModule = `${packageName}_client`;

  // A scheme's module name is also its client accessor (`client.<name>`, `client._<name>`), so
  // it must avoid the client's own members as well as the runtime's auth modules.
  const keys = units.map((u) => u.namingKey);
  const schemeModules = assignNames(keys, (w) => pyName(w, 'snake', 'scheme'), SNAKE, [
    ...STATIC_AUTH_MODULES,
    ...CLIENT_MEMBERS,
  ]);
  // Every class exported from the package root shares one scope (with the runtime's exports).
  const rootTaken = [...ROOT_RUNTIME_EXPORTS, clientClass, `Async${clientClass}`];
  const schemeClasses = assignNames(keys, (w) => pyName(w, 'pascal', 'Scheme'), PASCAL, rootTaken);
  const schemeClassNames = [...schemeClasses.values()].flatMap((c) => [c, c + 'Credentials']);
  const modelWires = ir.models.map((m) => m.wireName);
  const scopeEnumWires = units.filter((u) => 'flow' in u && u.flow.scopes.length > 0).map((u) => u.namingKey);
  // Model classes and scope enums share the models package.
  const modelClasses = assignNames(
    [...modelWires.map((w) => 'model:' + w), ...scopeEnumWires.map((w) => 'scope:' + w)],
    (key) => {
      const [kind, wire] = [key.slice(0, key.indexOf(':')), key.slice(key.indexOf(':') + 1)];
      if (kind === 'scope') return `OAuthScope${pyName(wire, 'pascal', 'Scheme')}Enum`;
      const model = ir.models.find((m) => m.wireName === wire) as IrModel;
      return model.kind === 'enum' ? enumClassName(wire) : pyName(wire, 'pascal', 'Model');
    },
    PASCAL,
    [...STATIC_MODEL_CLASSES, ...rootTaken, ...schemeClassNames],
  );
  const modelModules = assignNames(
    [...modelClasses.entries()].map(([k]) => k),
    (key) => pyName(modelClasses.get(key) ?? key, 'snake', 'model'),
    SNAKE,
    STATIC_MODEL_MODULES,
  );

  const schemes = new Map<string, SchemeNames>();
  for (const u of units) {
    const module = schemeModules.get(u.namingKey) as string;
    const managerClass = schemeClasses.get(u.namingKey) as string;
    const scopes = 'flow' in u ? u.flow.scopes : [];
    const scopeKey = 'scope:' + u.namingKey;
    const scopeMembers = assignNames(
      scopes.map((sc) => sc.wireName),
      (w) => {
        const hint = scopes.find((sc) => sc.wireName === w)?.memberHint;
        const base = pyName(hint ?? w, 'screaming', 'SCOPE');
        return base.startsWith('_') ? 'SCOPE' + base : base;
      },
      SCREAMING,
      ['from_value'],
    );
    schemes.set(u.namingKey, {
      key: u.namingKey,
      module,
      accessor: module,
      managerClass,
      credentialsClass: managerClass + 'Credentials',
      kwarg: module + '_credentials',
      envPrefix: screamingCase(u.namingKey) + '_',
      scopeEnumClass: modelClasses.get(scopeKey) ?? '',
      scopeEnumModule: modelModules.get(scopeKey) ?? '',
      scopeEnumDoc: kebabCase(modelClasses.get(scopeKey) ?? ''),
      scopeMembers,
    });
  }

  const accessorTaken = [...CLIENT_MEMBERS, ...[...schemes.values()].map((s) => s.accessor)];
  const tagAccessors = assignNames(
    ir.tags.map((t) => t.wireName),
    (w) => pyName(w, 'snake', 'default'),
    SNAKE,
    accessorTaken,
  );
  const tagClasses = assignNames(
    ir.tags.map((t) => t.wireName),
    (w) => pyName(w, 'pascal', 'Default') + 'Controller',
    PASCAL,
    ['BaseController', ...rootTaken, ...schemeClassNames, ...modelClasses.values()],
  );
  // Module names get their own scope: two long class names can cut to the same module name.
  const tagModules = assignNames(
    ir.tags.map((t) => t.wireName),
    (w) => pyName(tagClasses.get(w) as string, 'snake', 'default_controller'),
    SNAKE,
    ['base_controller'],
  );
  const tags = new Map<string, TagNames>();
  for (const t of ir.tags) {
    const accessor = tagAccessors.get(t.wireName) as string;
    const className = tagClasses.get(t.wireName) as string;
    tags.set(t.wireName, {
      accessor,
      className,
      module: tagModules.get(t.wireName) as string,
      doc: kebabCase(accessor.replace(/_+$/, '')) || 'default',
    });
  }

  const models = new Map<string, ModelNames>();
  for (const w of modelWires) {
    const className = modelClasses.get('model:' + w) as string;
    models.set(w, { className, module: modelModules.get('model:' + w) as string, doc: kebabCase(className) });
  }

  const environments = assignNames(
    ir.environments.map((e) => e.wireName),
    (w) => pyName(w, 'screaming', 'ENVIRONMENT'),
    SCREAMING,
  );
  const servers = assignNames(ir.serverNames, (w) => pyName(w, 'screaming', 'SERVER'), SCREAMING);
  // Keyword arguments also must not be the locals of the client's `__init__` (client.py.hbs).
  const initLocals = ['changes', 'name', 'value'];
  const fixedKwargs = [...CONFIG_FIXED_KWARGS, 'config', ...initLocals, ...[...schemes.values()].map((s) => s.kwarg)];
  const variables = assignNames(
    ir.serverVariables.map((v) => v.wireName),
    (w) => pyName(w, 'snake', 'variable'),
    SNAKE,
    fixedKwargs,
  );

  return { packageName, clientClass, clientModule, schemes, tags, models, environments, servers, variables };
}

/** Enum member names of an enum model: wire value (as a string) → member. */
export function enumMemberNames(m: IrModel): Map<string, string> {
  return assignNames(
    m.enumValues.map((v) => String(v)),
    (w) => {
      const cand = pyName(w, 'screaming', 'VALUE');
      return /^_/.test(cand) || typeof m.enumValues[0] !== 'string' ? `VALUE_${cand.replace(/^_+/, '')}` : cand;
    },
    { reserved: PYTHON_RESERVED, separator: '_' },
  );
}

/** Attribute names of an object model's properties: wire name → attribute. */
export function modelPropertyNames(m: IrModel): Map<string, string> {
  return assignNames(
    m.properties.map((p) => p.wireName),
    (w) => pyName(w, 'snake', 'field'),
    { reserved: PYTHON_RESERVED, separator: '_', caseInsensitive: false },
    ['additional_properties', 'dictionary', 'from_dictionary', 'to_dictionary', 'key', 'value', 'out'],
  );
}

/** Argument names of an operation's method: `<in>:<wire>` (and `body:`) → argument. */
export function operationParamNames(op: IrOperation): Map<string, string> {
  return assignNames(
    [...op.parameters.map((p) => `${p.in}:${p.wireName}`), ...(op.requestBody ? ['body:'] : [])],
    (w) => (w === 'body:' ? 'body' : pyName(w.slice(w.indexOf(':') + 1), 'snake', 'param')),
    { reserved: new Set([...PYTHON_RESERVED, 'self']), separator: '_' },
  );
}

/** Method names of one controller's operations: operationId → method. */
export function controllerMethodNames(ops: IrOperation[]): Map<string, string> {
  return assignNames(
    ops.map((o) => o.operationId),
    (w) => pyName(w, 'snake', 'call'),
    { reserved: new Set([...PYTHON_RESERVED, '_execute', '_send', '_send_once', '_context']), separator: '_' },
  );
}

/**
 * The Python keyword of a contract credential field, or null when the Python runtime has no such
 * keyword: the catalogue's `runtimeNames` decide (generator/targets/shared/contract.ts).
 */
export function credentialKeyword(f: CredentialField): string | null {
  return runtimeName(f, 'python');
}

/** Doc page slug of a controller. */
export function controllerDocSlug(accessor: string): string {
  return kebabCase(accessor) || 'default';
}
