/**
 * Every TypeScript name of one generated package, assigned once per scope through the shared
 * naming module (sorted wire names, counters on collisions), so templates never derive a name.
 */
import type { IrApi } from '../../ir/types.js';
import { authContract, type FlowUnit, type SimpleUnit } from '../shared/contract.js';
import {
  assignNames,
  flatLowerCase,
  kebabCase,
  NameScope,
  pascalCase,
  TS_RESERVED,
  tsName,
} from '../../naming/index.js';

/** Names exported by `src/runtime/index.ts` (kept in sync by test/targets/runtime-exports.test.ts). */
export const RUNTIME_EXPORTS = [
  'AbortError',
  'ApiError',
  'AuthRequiredError',
  'ConfigurationError',
  'InsecureTransportError',
  'InvalidTokenResponseError',
  'NetworkError',
  'OAuthCallbackError',
  'OAuthProviderError',
  'RetryWaitTooLongError',
  'SdkError',
  'StateMismatchError',
  'TimeoutError',
  'OAuthCallbackErrorCode',
  'OAuthProviderErrorCode',
  'ResponseHeaders',
  'AuthorizationCodeManager',
  'ClientCredentialsManager',
  'OAuthManager',
  'PasswordManager',
  'AuthorizationRequest',
  'AuthorizationUrlOptions',
  'ClientAuthMethod',
  'FetchTokenOptions',
  'OAuthContext',
  'RefreshTokenOptions',
  'TokenCallOptions',
  'DeviceAuthorizationManager',
  'DeviceAuthorization',
  'StartDeviceAuthorizationOptions',
  'WaitForDeviceTokenOptions',
  'AuthorizationDeniedError',
  'AuthorizationServerMetadataError',
  'DeviceAccessDeniedError',
  'DeviceAuthorizationError',
  'DeviceCodeExpiredError',
  'IssuerMismatchError',
  'SignInTimeoutError',
  'TokenRevocationError',
  'AuthorizationServerMetadata',
  'DiscoveryMode',
  'registerLoopbackListener',
  'LoopbackListener',
  'LoopbackOptions',
  'LoopbackServer',
  'InMemoryTokenStore',
  'TokenStore',
  'oAuthTokenFromJSON',
  'oAuthTokenToJSON',
  'redactToken',
  'OAuthToken',
  'OAuthTokenJSON',
  'redact',
  'silentLogger',
  'Logger',
  'FetchLike',
  'RequestOptions',
  'APIPromise',
  'WithResponse',
] as const;

/** Members of `Object.prototype`: a client or controller member must not shadow them. */
export const OBJECT_MEMBERS = Object.getOwnPropertyNames(Object.prototype);

/** Module-level names the templates use besides the runtime's. */
const TEMPLATE_MODULE_NAMES = ['Environment', 'ServerName', 'ClientCore', 'execute'];

/** A supported OAuth flow of a scheme (a contract unit), with the names of its manager. */
export interface FlowNames {
  unit: FlowUnit;
  scheme: FlowUnit['scheme'];
  flow: FlowUnit['flow'];
  /** Wire key for naming: the scheme name, plus the flow kind when a scheme has several flows. */
  key: string;
  className: string;
  credentialsName: string;
  optionName: string;
  accessor: string;
  scopeEnumName: string | null;
  scopeMembers: Map<string, string>;
  /** Doc page slug (`doc/auth/<docFile>.md`). */
  docFile: string;
}

export interface SimpleSchemeNames {
  unit: SimpleUnit;
  scheme: SimpleUnit['scheme'];
  credentialsName: string;
  optionName: string;
}

export interface PackageNames {
  packageName: string;
  clientName: string;
  optionsName: string;
  environmentMembers: Map<string, string>;
  variableProps: Map<string, string>;
  flows: FlowNames[];
  simpleSchemes: SimpleSchemeNames[];
  models: Map<string, string>;
  controllers: Map<string, ControllerNames>;
}

export interface ControllerNames {
  className: string;
  accessor: string;
  file: string;
}

const byWire = <T extends { wireName: string }>(a: T, b: T): number =>
  a.wireName < b.wireName ? -1 : a.wireName > b.wireName ? 1 : 0;

export function assignPackageNames(
  ir: IrApi,
  packageOverride: string | null,
  units = authContract(ir).units,
): PackageNames {
  const packageName = packageOverride ?? (flatLowerCase(ir.title) || 'sdk');
  const lastSegment = packageName.split('/').pop() ?? packageName;
  const module = new NameScope({ reserved: TS_RESERVED, separator: '' });
  for (const n of [...RUNTIME_EXPORTS, ...TEMPLATE_MODULE_NAMES]) module.reserve(n);
  const clientName = module.claim('\0client', tsName(`${flatLowerCase(lastSegment) || 'sdk'} client`, 'pascal'));
  const optionsName = module.claim('\0options', `${clientName}Options`);

  const environmentMembers = assignNames(
    ir.environments.map((e) => e.wireName),
    (w) => tsName(w, 'pascal', 'environment'),
    { reserved: TS_RESERVED, separator: '' },
  );

  // Client options: fixed option names first, then server variables and credentials.
  const options = new NameScope({ reserved: new Set(), separator: '' });
  for (const fixed of [
    'environment',
    'baseUrls',
    'timeout',
    'logger',
    'fetch',
    'allowInsecureHttp',
    'extraCredentialOrigins',
    'maxResponseBytes',
  ]) {
    options.reserve(fixed);
  }
  const variableProps = new Map<string, string>();
  for (const v of [...ir.serverVariables].sort(byWire)) {
    variableProps.set(v.wireName, options.claim(`var:${v.wireName}`, tsName(v.wireName, 'camel', 'variable')));
  }

  // Client members: managers and controllers share the class scope.
  const members = new NameScope({ reserved: TS_RESERVED, separator: '' });
  // Own members shadow what every object has (`toString`, `hasOwnProperty`, ...), so those stay free.
  for (const fixed of ['configuration', 'withConfiguration', 'core', 'toJSON', ...OBJECT_MEMBERS])
    members.reserve(fixed);

  const flows: FlowNames[] = [];
  const simpleSchemes: SimpleSchemeNames[] = [];
  // Units come sorted by scheme wire name (the IR's order), flows in the IR's flow order.
  for (const unit of units) {
    const scheme = unit.scheme;
    if (!('flow' in unit)) {
      const base = module.claim(`scheme:${scheme.wireName}`, tsName(scheme.wireName, 'pascal', 'auth'));
      const credentialsName = module.claim(`cred:${scheme.wireName}`, `${base}Credentials`);
      simpleSchemes.push({
        unit,
        scheme: unit.scheme,
        credentialsName,
        optionName: options.claim(`cred:${scheme.wireName}`, tsName(credentialsName, 'camel')),
      });
      continue;
    }
    const flow = unit.flow;
    const key = unit.namingKey;
    const className = module.claim(`manager:${key}`, tsName(key, 'pascal', 'auth'));
    const credentialsName = module.claim(`cred:${key}`, `${className}Credentials`);
    const scopeEnumName =
      flow.scopes.length > 0 ? module.claim(`scopes:${key}`, pascalCase(`OAuthScope ${className} Enum`)) : null;
    const scopeMembers = assignNames(
      flow.scopes.map((sc) => sc.wireName),
      (w) => tsName(flow.scopes.find((sc) => sc.wireName === w)?.memberHint ?? w, 'pascal', 'scope'),
      { reserved: TS_RESERVED, separator: '' },
    );
    flows.push({
      unit,
      scheme: unit.scheme,
      flow,
      key,
      className,
      credentialsName,
      optionName: options.claim(`cred:${key}`, tsName(credentialsName, 'camel')),
      accessor: members.claim(`manager:${key}`, tsName(className, 'camel')),
      scopeEnumName,
      scopeMembers,
      docFile: unit.docSlug,
    });
  }

  const models = assignNames(
    ir.models.map((m) => m.wireName),
    (w) => {
      const m = ir.models.find((x) => x.wireName === w);
      return tsName(m?.kind === 'enum' ? `${w} Enum` : w, 'pascal', 'model');
    },
    { reserved: TS_RESERVED, separator: '' },
    [
      ...RUNTIME_EXPORTS,
      ...TEMPLATE_MODULE_NAMES,
      clientName,
      optionsName,
      ...flows.flatMap((f) => [f.className, f.credentialsName, f.scopeEnumName ?? '']),
      ...simpleSchemes.map((s) => s.credentialsName),
    ].filter(Boolean),
  );
  for (const name of models.values()) module.reserve(name);

  const controllers = new Map<string, ControllerNames>();
  const files = new NameScope({ reserved: new Set(['index']), separator: '-', caseInsensitive: true });
  for (const tag of [...ir.tags].sort(byWire)) {
    const className = module.claim(`controller:${tag.wireName}`, tsName(`${tag.wireName} Controller`, 'pascal'));
    controllers.set(tag.wireName, {
      className,
      accessor: members.claim(`controller:${tag.wireName}`, tsName(tag.wireName, 'camel', 'api')),
      file: files.claim(tag.wireName, kebabCase(tag.wireName) || 'api'),
    });
  }
  // Operations whose tag is not listed in `tags` still need a controller.
  for (const op of ir.operations) {
    if (controllers.has(op.tag)) continue;
    const className = module.claim(`controller:${op.tag}`, tsName(`${op.tag} Controller`, 'pascal'));
    controllers.set(op.tag, {
      className,
      accessor: members.claim(`controller:${op.tag}`, tsName(op.tag, 'camel', 'api')),
      file: files.claim(op.tag, kebabCase(op.tag) || 'api'),
    });
  }

  return {
    packageName,
    clientName,
    optionsName,
    environmentMembers,
    variableProps,
    flows,
    simpleSchemes,
    models,
    controllers,
  };
}

/** A credential field's property name from its semantic name (`o_auth_client_id` → `oAuthClientId`). */
export function fieldName(semantic: string): string {
  return tsName(semantic, 'camel');
}

/**
 * The module scope of the generated package with every assigned top-level name taken, for names
 * claimed later while building views (e.g. an operation's `<Method>Params` interface).
 */
export function moduleScope(names: PackageNames): NameScope {
  const module = new NameScope({ reserved: TS_RESERVED, separator: '' });
  for (const n of [
    names.clientName,
    names.optionsName,
    ...names.models.values(),
    'models',
    'Environment',
    'ServerName',
    'SECURITY',
  ])
    module.reserve(n);
  for (const f of names.flows)
    [f.className, f.credentialsName, f.scopeEnumName ?? ''].forEach((n) => n && module.reserve(n));
  for (const s of names.simpleSchemes) module.reserve(s.credentialsName);
  for (const c of names.controllers.values()) module.reserve(c.className);
  return module;
}

/** How templates refer to a model: `models.<Name>` (wire name → reference). */
export function modelRefs(names: PackageNames): Map<string, string> {
  return new Map([...names.models].map(([w, n]) => [w, `models.${n}`]));
}
