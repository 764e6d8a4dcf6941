/**
 * Views of the per-scheme modules: `http/auth/<scheme>.py` (credentials + manager classes) and
 * `models/<scope enum>.py`.
 */
import { KIND_FACTS, hasMetadata, type AuthKind, type AuthUnit } from '../../shared/contract.js';
import { pyComment, pyDocView, pyStr, type DocView } from '../escape.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import { defFits, fits } from '../layout.js';
import { classHead, constantView, type ClassHeadView, type ConstantView } from './blocks.js';
import type { PyNames, SchemeNames } from '../names.js';

/** A manager of the Python SDK: the contract's unit with its Python names. */
export interface SchemeView {
  names: SchemeNames;
  unit: AuthUnit;
}

export function schemeViews(units: AuthUnit[], names: PyNames): SchemeView[] {
  return units.map((unit) => ({ unit, names: names.schemes.get(unit.namingKey) as SchemeNames }));
}

/** The static runtime's base classes of each kind of manager. */
export const BASE_CLASSES: Record<AuthKind, { credentials: string; manager: string; module: string }> = {
  authorizationCode: {
    credentials: 'AuthorizationCodeCredentials',
    manager: 'AuthorizationCodeGrant',
    module: '_grants',
  },
  password: { credentials: 'PasswordCredentials', manager: 'PasswordGrant', module: '_grants' },
  clientCredentials: {
    credentials: 'ClientCredentialsCredentials',
    manager: 'ClientCredentialsGrant',
    module: '_grants',
  },
  deviceAuthorization: {
    credentials: 'DeviceAuthorizationCredentials',
    manager: 'DeviceAuthorizationGrant',
    module: '_device',
  },
  basic: { credentials: 'BasicCredentials', manager: 'BasicAuthManager', module: '_simple' },
  bearer: { credentials: 'BearerCredentials', manager: 'BearerAuthManager', module: '_simple' },
  apiKey: { credentials: 'ApiKeyCredentials', manager: 'ApiKeyAuthManager', module: '_simple' },
};

/** Credentials with `o_auth_discovery` for flows of a scheme with RFC 8414 metadata (`_discovery.py`). */
export const DISCOVERY_CREDENTIALS: Partial<Record<AuthKind, string>> = {
  authorizationCode: 'AuthorizationCodeDiscoveryCredentials',
  password: 'PasswordDiscoveryCredentials',
  clientCredentials: 'ClientCredentialsDiscoveryCredentials',
};

/** `wire` or `wire (flow title)`: what docs call a manager. */
export function unitLabel(u: AuthUnit): string {
  return u.multiFlow ? `${u.scheme.wireName} ${u.kind}` : u.scheme.wireName;
}

/** `templates/python/auth_scheme.py.hbs`. */
export interface AuthSchemeModuleView {
  credentialsHead: ClassHeadView;
  managerHead: ClassHeadView;
  moduleDoc: DocView;
  credentialsClass: string;
  managerClass: string;
  baseCredentials: string;
  baseManager: string;
  baseModule: string;
  /** Module of the credentials base class (differs from `baseModule` with RFC 8414 metadata). */
  credentialsModule: string;
  /** `from __future__`, the scope enum (when any) and `from . import <base modules>`. */
  imports: ImportBlockView;
  credentialsDoc: DocView;
  managerDoc: DocView;
  /** `ENV_PREFIX` and (with scopes) `SCOPE_ENUM` of the credentials class. */
  credentialsConstants: ConstantView[];
  hasScopes: boolean;
  scopeEnumClass: string;
  scopeEnumModule: string;
  /** `NAME = value` lines of the manager class, laid out. */
  constants: ConstantView[];
}

export function schemeModuleView(v: SchemeView): AuthSchemeModuleView {
  const u = v.unit;
  const flow = 'flow' in u ? u.flow : null;
  const base = BASE_CLASSES[u.kind];
  const title = KIND_FACTS[u.kind].title;
  const constants: ConstantView[] = [];
  const c = (name: string, value: string): void => {
    constants.push(constantView(name, value));
  };
  c('SCHEME_NAME', pyStr(u.scheme.wireName));
  if (flow !== null) {
    if (flow.kind === 'authorizationCode') c('AUTHORIZATION_URL', pyStr(flow.authorizationUrl));
    if (flow.kind === 'deviceAuthorization') c('DEVICE_AUTHORIZATION_URL', pyStr(flow.deviceAuthorizationUrl));
    c('TOKEN_URL', pyStr(flow.tokenUrl));
    c('REFRESH_URL', flow.refreshUrl === null ? 'None' : pyStr(flow.refreshUrl));
    c('SERVER_NAME', pyStr(flow.serverName));
    c('DEFAULT_CLIENT_AUTH', pyStr(flow.clientAuth));
    if (flow.kind === 'authorizationCode') {
      c('USE_PKCE', flow.pkce ? 'True' : 'False');
      c('ISSUER', flow.issuer === null ? 'None' : pyStr(flow.issuer));
    }
    if (flow.revocationUrl !== null) c('REVOCATION_URL', pyStr(flow.revocationUrl));
    if (u.scheme.kind === 'oauth2' && u.scheme.metadataUrl !== null) {
      c('METADATA_URL', pyStr(u.scheme.metadataUrl));
      c('METADATA_SERVER_NAME', pyStr(u.scheme.metadataServerName));
    }
  }
  if (u.scheme.kind === 'apiKey') {
    c('PARAM_NAME', pyStr(u.scheme.paramName));
    c('LOCATION', pyStr(u.scheme.in));
  }
  const discovery = hasMetadata(u) ? DISCOVERY_CREDENTIALS[u.kind] : undefined;
  const credentialsModule = discovery !== undefined ? '_discovery' : base.module;
  const hasScopes = v.names.scopeEnumClass !== '';
  const imports = new PyImports().add('__future__', 'annotations').add('.', base.module, credentialsModule);
  if (hasScopes) imports.add(`...models.${v.names.scopeEnumModule}`, v.names.scopeEnumClass);
  return {
    moduleDoc: pyDocView([`${unitLabel(u)}: ${title}.`]),
    credentialsHead: classHead(v.names.credentialsClass, [`${credentialsModule}.${discovery ?? base.credentials}`]),
    managerHead: classHead(v.names.managerClass, [`${base.module}.${base.manager}`]),
    credentialsClass: v.names.credentialsClass,
    managerClass: v.names.managerClass,
    baseCredentials: discovery ?? base.credentials,
    baseManager: base.manager,
    baseModule: base.module,
    credentialsModule,
    imports: imports.view(),
    credentialsDoc: pyDocView([`Credentials of the ${u.scheme.wireName} scheme (${title}).`, u.scheme.description]),
    managerDoc: pyDocView([`Manager of the ${u.scheme.wireName} scheme (${title}).`]),
    credentialsConstants: [
      constantView('ENV_PREFIX', pyStr(v.names.envPrefix)),
      ...(hasScopes ? [constantView('SCOPE_ENUM', v.names.scopeEnumClass)] : []),
    ],
    hasScopes,
    scopeEnumClass: v.names.scopeEnumClass,
    scopeEnumModule: v.names.scopeEnumModule,
    constants,
  };
}

/** `templates/python/scope_enum.py.hbs`. */
export interface ScopeEnumView {
  className: string;
  head: ClassHeadView;
  moduleDoc: DocView;
  classDoc: DocView;
  /** One member per scope: its `# description` comment (when any) and `NAME = "scope"`. */
  members: { hasComment: boolean; comment: string; constant: ConstantView }[];
  /** `def from_value(cls, ...) -> ...:` fits on one line (else one parameter per line). */
  fromValueOneLine: boolean;
  /** When split: whether the `default` parameter and the `) -> ...:` line each fit (else ruff splits the subscript). */
  fromValueSplit: { defaultOneLine: boolean; returnsOneLine: boolean };
}

export function scopeEnumView(v: SchemeView): ScopeEnumView {
  const u = v.unit;
  const cls = v.names.scopeEnumClass;
  return {
    className: cls,
    head: classHead(cls, ['str', 'Enum']),
    moduleDoc: pyDocView([`OAuth 2 scopes of the ${unitLabel(u)} scheme.`]),
    classDoc: pyDocView([`The OAuth 2 scopes ${unitLabel(u)} supports.`]),
    members: ('flow' in u ? u.flow.scopes : []).map((s) => ({
      hasComment: pyComment(s.description) !== '',
      comment: pyComment(s.description),
      constant: constantView(v.names.scopeMembers.get(s.wireName) as string, pyStr(s.wireName)),
    })),
    fromValueSplit: {
      defaultOneLine: fits(`        default: Optional[${cls}] = None,`),
      returnsOneLine: fits(`    ) -> Optional[${cls}]:`),
    },
    fromValueOneLine: defFits(
      'from_value',
      ['cls', 'value: object', `default: Optional[${cls}] = None`],
      `Optional[${cls}]`,
    ),
  };
}
