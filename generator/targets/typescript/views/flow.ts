/** View of one OAuth 2 flow: its manager and credentials in `src/auth.ts`, its doc page, its client option. */
import { mdCell, mdCode } from '../../shared/markdown.js';
import { tsDoc, tsStr } from '../escape.js';
import { fieldName, type FlowNames } from '../names.js';
import { credentialFields, hasMetadata, type CredentialValue, type FlowKind } from '../../shared/contract.js';
import { nullableStr, docLines } from './common.js';

/** TypeScript type of each kind of credential value (`scopes` is the flow's scope enum list). */
const VALUE_TYPES: Record<Exclude<CredentialValue, 'scopes'>, string> = {
  string: 'string',
  secret: 'string',
  boolean: 'boolean',
  number: 'number',
  nullableString: 'string | null',
  stringList: 'readonly string[]',
  token: 'OAuthToken | null',
  tokenCallback: '((token: OAuthToken) => void | Promise<void>)',
  clientAuth: 'ClientAuthMethod',
  tokenStore: 'TokenStore',
  discovery: "'auto' | 'metadata' | 'static'",
};

export function credentialType(value: CredentialValue, scopeEnumName: string | null): string {
  return value === 'scopes' ? `readonly ${scopeEnumName ?? 'string'}[]` : VALUE_TYPES[value];
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
  isDevice: boolean;
  /** The scheme publishes RFC 8414 metadata (`discovery` option, `discover()`). */
  hasMetadata: boolean;
  mdMetadataUrl: string;
  /** Lines of the flow definition beyond the common ones (device URL, metadata, revocation). */
  extraDefinition: string[];
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
  kind: FlowKind;
  /** `OAuth 2 Authorization Code Grant`. */
  title: string;
  docFile: string;
  mdSchemeName: string;
  mdResolvedTokenUrl: string;
  mdResolvedAuthorizationUrl: string;
}

/** The runtime manager class of each flow kind. */
const BASE_CLASSES: Record<FlowKind, string> = {
  authorizationCode: 'AuthorizationCodeManager',
  password: 'PasswordManager',
  clientCredentials: 'ClientCredentialsManager',
  deviceAuthorization: 'DeviceAuthorizationManager',
};

export function flowView(f: FlowNames): FlowView {
  const flow = f.flow;
  const isAcg = flow.kind === 'authorizationCode';
  const specs = credentialFields(f.unit.kind, f.scopeEnumName !== null, hasMetadata(f.unit));
  const fields = specs.map((fs) => {
    const type = credentialType(fs.value, f.scopeEnumName);
    return {
      name: fieldName(fs.semantic),
      setting: fs.setting,
      type,
      docName: fs.docName,
      doc: tsDoc(fs.description),
      mdDescription: mdCell(fs.description),
      mdType: mdCode(type),
      mdName: mdCode(fieldName(fs.semantic)),
    };
  });
  const firstScopeMember = flow.scopes.length > 0 ? (f.scopeMembers.get(flow.scopes[0]!.wireName) ?? '') : '';
  const initFields = specs
    .filter((fs) => fs.inExample)
    .map((fs) => ({
      name: fieldName(fs.semantic),
      example: fs.value === 'scopes' ? `[${f.scopeEnumName ?? ''}.${firstScopeMember}]` : tsStr(fs.docName),
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
    baseClass: BASE_CLASSES[flow.kind],
    isAcg,
    isRopcg: flow.kind === 'password',
    isCcg: flow.kind === 'clientCredentials',
    isDevice: flow.kind === 'deviceAuthorization',
    hasMetadata: f.scheme.metadataUrl !== null,
    mdMetadataUrl: f.scheme.resolvedMetadataUrl === null ? '' : mdCode(f.scheme.resolvedMetadataUrl),
    extraDefinition: [
      ...(flow.kind === 'deviceAuthorization'
        ? [`deviceAuthorizationUrl: ${tsStr(flow.deviceAuthorizationUrl)},`]
        : []),
      ...(flow.revocationUrl !== null ? [`revocationUrl: ${tsStr(flow.revocationUrl)},`] : []),
      ...(f.scheme.metadataUrl !== null
        ? [`metadataUrl: ${tsStr(f.scheme.metadataUrl)},`, `metadataServerName: ${tsStr(f.scheme.metadataServerName)},`]
        : []),
    ],
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
    kind: f.unit.kind,
    title: f.unit.title,
    docFile: f.docFile,
    mdSchemeName: mdCode(f.scheme.wireName),
    mdResolvedTokenUrl: mdCode(flow.resolvedTokenUrl),
    mdResolvedAuthorizationUrl: isAcg ? mdCode(flow.resolvedAuthorizationUrl) : '',
  };
}
