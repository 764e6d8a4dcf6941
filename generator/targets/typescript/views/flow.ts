/** View of one OAuth 2 flow: its manager and credentials in `src/auth.ts`, its doc page, its client option. */
import { mdCell, mdCode } from '../../shared/markdown.js';
import { tsDoc, tsStr } from '../escape.js';
import { fieldName, type FlowNames } from '../names.js';
import { nullableStr, docLines } from './common.js';

/** Credential fields per grant: semantic name (camel-cased by the naming module), runtime setting, type. */
interface FieldSpec {
  semantic: string;
  setting: string;
  type: string;
  docName: string;
  description: string;
}

const COMMON_TAIL: FieldSpec[] = [
  {
    semantic: 'o_auth_token',
    setting: 'token',
    type: 'OAuthToken | null',
    docName: 'OAuthToken',
    description: 'Object for storing information about the OAuth token',
  },
  {
    semantic: 'o_auth_on_token_update',
    setting: 'onTokenUpdate',
    type: '((token: OAuthToken) => void | Promise<void>)',
    docName: 'OAuthOnTokenUpdate',
    description: 'Called once with every new token the SDK obtains (fetch or refresh)',
  },
  {
    semantic: 'o_auth_clock_skew',
    setting: 'clockSkewSeconds',
    type: 'number',
    docName: 'OAuthClockSkew',
    description: 'Seconds before expiry at which the token counts as expired (default 60)',
  },
  {
    semantic: 'o_auth_client_auth',
    setting: 'clientAuth',
    type: 'ClientAuthMethod',
    docName: 'OAuthClientAuth',
    description: 'Token endpoint client authentication: client_secret_basic, client_secret_post or none',
  },
  {
    semantic: 'o_auth_token_store',
    setting: 'tokenStore',
    type: 'TokenStore',
    docName: 'OAuthTokenStore',
    description: 'Where the token is kept (default: in memory)',
  },
  {
    semantic: 'o_auth_accepted_token_types',
    setting: 'acceptedTokenTypes',
    type: 'readonly string[]',
    docName: 'OAuthAcceptedTokenTypes',
    description: 'Accepted token_type values, case-insensitive (default bearer)',
  },
];

const CLIENT_ID: FieldSpec = {
  semantic: 'o_auth_client_id',
  setting: 'clientId',
  type: 'string',
  docName: 'OAuthClientId',
  description: 'OAuth 2 Client ID',
};
const CLIENT_SECRET: FieldSpec = {
  semantic: 'o_auth_client_secret',
  setting: 'clientSecret',
  type: 'string',
  docName: 'OAuthClientSecret',
  description: 'OAuth 2 Client Secret',
};

function flowFields(f: FlowNames): FieldSpec[] {
  const scopes: FieldSpec[] = f.scopeEnumName
    ? [
        {
          semantic: 'o_auth_scopes',
          setting: 'scopes',
          type: `readonly ${f.scopeEnumName}[]`,
          docName: 'OAuthScopes',
          description: 'List of scopes that apply to the OAuth token',
        },
      ]
    : [];
  switch (f.flow.kind) {
    case 'authorizationCode':
      return [
        CLIENT_ID,
        CLIENT_SECRET,
        {
          semantic: 'o_auth_redirect_uri',
          setting: 'redirectUri',
          type: 'string',
          docName: 'OAuthRedirectUri',
          description: 'OAuth 2 Redirection endpoint or Callback Uri',
        },
        ...scopes,
        ...COMMON_TAIL,
        {
          semantic: 'o_auth_pkce',
          setting: 'pkce',
          type: 'boolean',
          docName: 'OAuthPkce',
          description: 'Send a PKCE S256 challenge (default from the spec)',
        },
        {
          semantic: 'o_auth_issuer',
          setting: 'issuer',
          type: 'string | null',
          docName: 'OAuthIssuer',
          description: 'RFC 9207 issuer the callback iss must match (null: no check)',
        },
      ];
    case 'password':
      return [
        CLIENT_ID,
        CLIENT_SECRET,
        {
          semantic: 'o_auth_username',
          setting: 'username',
          type: 'string',
          docName: 'OAuthUsername',
          description: 'OAuth 2 Resource Owner Username',
        },
        {
          semantic: 'o_auth_password',
          setting: 'password',
          type: 'string',
          docName: 'OAuthPassword',
          description: 'OAuth 2 Resource Owner Password',
        },
        ...scopes,
        ...COMMON_TAIL,
      ];
    case 'clientCredentials':
      return [CLIENT_ID, CLIENT_SECRET, ...scopes, ...COMMON_TAIL];
  }
}

/** One credential field of a flow (a property of its credentials interface). */
export interface FlowFieldView {
  name: string;
  setting: string;
  type: string;
  docName: string;
  doc: string[];
  mdDescription: string;
  mdType: string;
  mdName: string;
}

export interface ScopeView {
  member: string;
  value: string;
  doc: string[];
  mdMember: string;
  mdDescription: string;
}

/** A flow's manager, credentials and scopes (`src/auth.ts.hbs`, the README, the doc pages). */
export interface FlowView {
  /** Fields shown in the doc page's construction example. */
  initFields: { name: string; example: string }[];
  tokenStoreField: string;
  onTokenUpdateField: string;
  className: string;
  credentialsName: string;
  optionName: string;
  accessor: string;
  tokenField: string;
  baseClass: string;
  isAcg: boolean;
  isRopcg: boolean;
  isCcg: boolean;
  schemeWire: string;
  schemeDoc: string;
  tokenUrl: string;
  refreshUrl: string;
  serverName: string;
  clientAuth: string;
  authorizationUrl: string;
  pkce: string;
  issuer: string;
  doc: string[];
  fields: FlowFieldView[];
  hasScopes: boolean;
  scopeEnumName: string;
  scopes: ScopeView[];
  firstScopeMember: string;
  docFile: string;
  hasDocFile: boolean;
  mdSchemeName: string;
  mdResolvedTokenUrl: string;
  mdResolvedAuthorizationUrl: string;
}

const EXAMPLE_SETTINGS = new Set(['clientId', 'clientSecret', 'redirectUri', 'username', 'password', 'scopes']);

export function flowView(f: FlowNames): FlowView {
  const flow = f.flow;
  const isAcg = flow.kind === 'authorizationCode';
  const specs = flowFields(f);
  const fields = specs.map((fs) => ({
    name: fieldName(fs.semantic),
    setting: fs.setting,
    type: fs.type,
    docName: fs.docName,
    doc: tsDoc(fs.description),
    mdDescription: mdCell(fs.description),
    mdType: mdCode(fs.type),
    mdName: mdCode(fieldName(fs.semantic)),
  }));
  const firstScopeMember = flow.scopes.length > 0 ? (f.scopeMembers.get(flow.scopes[0]!.wireName) ?? '') : '';
  const initFields = specs
    .filter((fs) => EXAMPLE_SETTINGS.has(fs.setting))
    .map((fs) => ({
      name: fieldName(fs.semantic),
      example: fs.setting === 'scopes' ? `[${f.scopeEnumName ?? ''}.${firstScopeMember}]` : tsStr(fs.docName),
    }));
  return {
    initFields,
    tokenStoreField: fieldName('o_auth_token_store'),
    onTokenUpdateField: fieldName('o_auth_on_token_update'),
    className: f.className,
    credentialsName: f.credentialsName,
    optionName: f.optionName,
    accessor: f.accessor,
    tokenField: fieldName('o_auth_token'),
    baseClass: isAcg
      ? 'AuthorizationCodeManager'
      : flow.kind === 'password'
        ? 'PasswordManager'
        : 'ClientCredentialsManager',
    isAcg,
    isRopcg: flow.kind === 'password',
    isCcg: flow.kind === 'clientCredentials',
    schemeWire: tsStr(f.scheme.wireName),
    schemeDoc: tsDoc(f.scheme.wireName).join(' '),
    tokenUrl: tsStr(flow.tokenUrl),
    refreshUrl: nullableStr(flow.refreshUrl),
    serverName: tsStr(flow.serverName),
    clientAuth: tsStr(flow.clientAuth),
    authorizationUrl: isAcg ? tsStr(flow.authorizationUrl) : 'null',
    pkce: isAcg ? String(flow.pkce) : 'false',
    issuer: isAcg ? nullableStr(flow.issuer) : 'null',
    doc: docLines(f.scheme.description, `Manager of the ${f.scheme.wireName} OAuth 2 flow (${flow.kind}).`),
    fields,
    hasScopes: f.scopeEnumName !== null,
    scopeEnumName: f.scopeEnumName ?? '',
    scopes: flow.scopes.map((sc) => ({
      member: f.scopeMembers.get(sc.wireName) ?? '',
      value: tsStr(sc.wireName),
      doc: tsDoc(sc.description),
      mdMember: mdCode(f.scopeMembers.get(sc.wireName) ?? ''),
      mdDescription: mdCell(sc.description),
    })),
    firstScopeMember,
    docFile: f.docFile ?? '',
    hasDocFile: f.docFile !== null,
    mdSchemeName: mdCode(f.scheme.wireName),
    mdResolvedTokenUrl: mdCode(flow.resolvedTokenUrl),
    mdResolvedAuthorizationUrl: isAcg ? mdCode(flow.resolvedAuthorizationUrl) : '',
  };
}
