/**
 * Views of the per-scheme modules: `http/auth/<scheme>.py` (credentials + manager classes) and
 * `models/<scope enum>.py`.
 */
import type { IrApi, IrSecurityScheme } from '../../../ir/types.js';
import { pyComment, pyDocstring, pyStr } from '../escape.js';
import { call, layout } from '../layout.js';
import { chosenFlow, type PyNames, type SchemeNames } from '../names.js';

/** What the Python runtime implements a scheme with. */
export type SchemeKind = 'acg' | 'ropcg' | 'ccg' | 'basic' | 'bearer' | 'apiKey';

/** A scheme the Python SDK supports, with its names and the runtime kind implementing it. */
export interface SchemeView {
  names: SchemeNames;
  scheme: IrSecurityScheme;
  kind: SchemeKind;
}

/** The supported schemes (spec order), warnings for the others. */
export function schemeViews(ir: IrApi, names: PyNames, warnings: string[]): SchemeView[] {
  const out: SchemeView[] = [];
  for (const s of ir.securitySchemes) {
    const n = names.schemes.get(s.wireName) as SchemeNames;
    if (s.kind === 'oauth2') {
      const flow = chosenFlow(s);
      if (flow === null) {
        warnings.push(`security scheme ${s.wireName}: only an implicit flow, which the Python SDK does not support`);
        continue;
      }
      const supported = s.flows.filter((f) => f.kind !== 'implicit' && f.kind !== 'deviceAuthorization');
      if (supported.length > 1)
        warnings.push(`security scheme ${s.wireName}: several flows; the Python SDK implements ${flow.kind} only`);
      out.push({
        names: n,
        scheme: s,
        kind: flow.kind === 'authorizationCode' ? 'acg' : flow.kind === 'password' ? 'ropcg' : 'ccg',
      });
    } else if (s.kind === 'http' && s.scheme === 'basic') out.push({ names: n, scheme: s, kind: 'basic' });
    else if (s.kind === 'http' && s.scheme === 'bearer') out.push({ names: n, scheme: s, kind: 'bearer' });
    else if (s.kind === 'apiKey') out.push({ names: n, scheme: s, kind: 'apiKey' });
    else
      warnings.push(
        `security scheme ${s.wireName}: kind ${s.kind}${s.kind === 'http' ? ' ' + s.scheme : ''} is not supported by the Python SDK`,
      );
  }
  return out;
}

const BASE_CLASSES: Record<SchemeKind, { credentials: string; manager: string; module: string }> = {
  acg: { credentials: 'AuthorizationCodeCredentials', manager: 'AuthorizationCodeGrant', module: '_grants' },
  ropcg: { credentials: 'PasswordCredentials', manager: 'PasswordGrant', module: '_grants' },
  ccg: { credentials: 'ClientCredentialsCredentials', manager: 'ClientCredentialsGrant', module: '_grants' },
  basic: { credentials: 'BasicCredentials', manager: 'BasicAuthManager', module: '_simple' },
  bearer: { credentials: 'BearerCredentials', manager: 'BearerAuthManager', module: '_simple' },
  apiKey: { credentials: 'ApiKeyCredentials', manager: 'ApiKeyAuthManager', module: '_simple' },
};

export const KIND_TITLES: Record<SchemeKind, string> = {
  acg: 'OAuth 2 Authorization Code Grant',
  ropcg: 'OAuth 2 Resource Owner Credentials Grant',
  ccg: 'OAuth 2 Client Credentials Grant',
  basic: 'Basic Authentication',
  bearer: 'Bearer token',
  apiKey: 'API key',
};

/** `templates/python/auth_scheme.py.hbs`. */
export interface AuthSchemeModuleView {
  moduleDoc: string;
  credentialsClass: string;
  managerClass: string;
  baseCredentials: string;
  baseManager: string;
  baseModule: string;
  credentialsDoc: string;
  managerDoc: string;
  envPrefix: string;
  hasScopes: boolean;
  scopeEnumClass: string;
  scopeEnumModule: string;
  /** `NAME = value` lines of the manager class, laid out. */
  constants: string[];
}

export function schemeModuleView(v: SchemeView): AuthSchemeModuleView {
  const flow = chosenFlow(v.scheme);
  const base = BASE_CLASSES[v.kind];
  const constants: string[] = [];
  const c = (name: string, value: string): void => {
    constants.push(layout(value, 4, `${name} = `));
  };
  c('SCHEME_NAME', pyStr(v.scheme.wireName));
  if (flow !== null) {
    if (flow.kind === 'authorizationCode') c('AUTHORIZATION_URL', pyStr(flow.authorizationUrl));
    c('TOKEN_URL', pyStr(flow.tokenUrl));
    c('REFRESH_URL', flow.refreshUrl === null ? 'None' : pyStr(flow.refreshUrl));
    c('SERVER_NAME', pyStr(flow.serverName));
    c('DEFAULT_CLIENT_AUTH', pyStr(flow.clientAuth));
    if (flow.kind === 'authorizationCode') {
      c('USE_PKCE', flow.pkce ? 'True' : 'False');
      c('ISSUER', flow.issuer === null ? 'None' : pyStr(flow.issuer));
    }
  }
  if (v.scheme.kind === 'apiKey') {
    c('PARAM_NAME', pyStr(v.scheme.paramName));
    c('LOCATION', pyStr(v.scheme.in));
  }
  return {
    moduleDoc: pyDocstring([`${v.scheme.wireName}: ${KIND_TITLES[v.kind]}.`], 0),
    credentialsClass: v.names.credentialsClass,
    managerClass: v.names.managerClass,
    baseCredentials: base.credentials,
    baseManager: base.manager,
    baseModule: base.module,
    credentialsDoc: pyDocstring(
      [`Credentials of the ${v.scheme.wireName} scheme (${KIND_TITLES[v.kind]}).`, v.scheme.description],
      4,
    ),
    managerDoc: pyDocstring([`Manager of the ${v.scheme.wireName} scheme (${KIND_TITLES[v.kind]}).`], 4),
    envPrefix: pyStr(v.names.envPrefix),
    hasScopes: v.names.scopeEnumClass !== '',
    scopeEnumClass: v.names.scopeEnumClass,
    scopeEnumModule: v.names.scopeEnumModule,
    constants,
  };
}

/** `templates/python/scope_enum.py.hbs`. */
export interface ScopeEnumView {
  className: string;
  moduleDoc: string;
  classDoc: string;
  members: { line: string; hasComment: boolean; comment: string }[];
  fromValueSignature: string;
}

export function scopeEnumView(v: SchemeView): ScopeEnumView {
  const flow = chosenFlow(v.scheme);
  return {
    className: v.names.scopeEnumClass,
    moduleDoc: pyDocstring([`OAuth 2 scopes of the ${v.scheme.wireName} scheme.`], 0),
    classDoc: pyDocstring([`The OAuth 2 scopes ${v.scheme.wireName} supports.`], 4),
    members: (flow?.scopes ?? []).map((s) => ({
      line: layout(pyStr(s.wireName), 4, `${v.names.scopeMembers.get(s.wireName) as string} = `),
      hasComment: pyComment(s.description) !== '',
      comment: pyComment(s.description),
    })),
    fromValueSignature: layout(
      call('def from_value', ['cls', 'value: object', `default: Optional[${v.names.scopeEnumClass}] = None`]),
      4,
      '',
      ` -> Optional[${v.names.scopeEnumClass}]:`,
    ),
  };
}
