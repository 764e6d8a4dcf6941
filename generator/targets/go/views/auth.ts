/** Credentials, scope constants and managers of every OAuth flow, and the simple schemes. */
import { mdCell, mdCode } from '../../shared/markdown.js';
import { goDoc, goStr } from '../escape.js';
import { credentialFields } from '../../shared/contract.js';
import { goExported } from '../names.js';
import type { GoFlowNames, GoSimpleNames } from './names.js';

/** One credential field: Go name and type, the runtime setting it feeds, its doc. */
interface FieldDef {
  name: string;
  type: string;
  /** Statement(s) copying it into `s` (*core.OAuthSettings) from `c`. */
  assign: string[];
  doc: string;
  secret: boolean;
  shown: boolean;
  /** Environment variable the examples read it from (or null). */
  env: string | null;
}

/** How each runtime setting of the contract's credential fields lands in Go. */
const GO_SETTINGS: Record<
  string,
  { type: (f: GoFlowNames) => string; assign: (name: string) => string[]; env?: string }
> = {
  clientId: { type: () => 'string', assign: (n) => [`s.ClientID = c.${n}`], env: 'OAUTH_CLIENT_ID' },
  clientSecret: { type: () => 'string', assign: (n) => [`s.ClientSecret = c.${n}`], env: 'OAUTH_CLIENT_SECRET' },
  redirectUri: { type: () => 'string', assign: (n) => [`s.RedirectURI = c.${n}`], env: 'OAUTH_REDIRECT_URI' },
  username: { type: () => 'string', assign: (n) => [`s.Username = c.${n}`], env: 'OAUTH_USERNAME' },
  password: { type: () => 'string', assign: (n) => [`s.Password = c.${n}`], env: 'OAUTH_PASSWORD' },
  scopes: {
    type: (f) => `[]${f.scopeType ?? 'string'}`,
    assign: (n) => [`for _, v := range c.${n} {`, '\ts.Scopes = append(s.Scopes, string(v))', '}'],
    env: 'OAUTH_SCOPES',
  },
  token: { type: () => '*Token', assign: (n) => [`s.Token = c.${n}`] },
  onTokenUpdate: {
    type: () => 'func(ctx context.Context, token Token) error',
    assign: (n) => [`s.OnTokenUpdate = c.${n}`],
  },
  clockSkewSeconds: { type: () => 'time.Duration', assign: (n) => [`s.ClockSkew = c.${n}`] },
  clientAuth: { type: () => 'ClientAuthMethod', assign: (n) => [`s.ClientAuth = c.${n}`] },
  tokenStore: { type: () => 'TokenStore', assign: (n) => [`s.TokenStore = c.${n}`] },
  acceptedTokenTypes: { type: () => '[]string', assign: (n) => [`s.AcceptedTokenTypes = c.${n}`] },
  pkce: { type: () => '*bool', assign: (n) => [`s.PKCE = c.${n}`] },
  issuer: { type: () => '*string', assign: (n) => [`s.Issuer = c.${n}`] },
  discovery: { type: () => 'DiscoveryMode', assign: (n) => [`s.Discovery = c.${n}`] },
};

/** Go wording where the Go types differ from the contract's neutral description. */
const GO_DOC: Record<string, string> = {
  clockSkewSeconds: 'How long before expiry a token counts as expired (0: 60 s; negative: none).',
  pkce: "Send a PKCE S256 challenge (nil: the spec's default, on).",
  issuer: 'RFC 9207 issuer the callback iss must match (nil: the spec\'s; "": no check).',
  discovery:
    'Where the endpoints come from (RFC 8414 metadata): DiscoveryAuto ("": the metadata, else the spec URLs), DiscoveryMetadata or DiscoveryStatic.',
  clientAuth:
    'Token endpoint client authentication: ClientSecretBasic, ClientSecretPost or ClientAuthNone ("": the spec\'s).',
};

function fields(f: GoFlowNames): FieldDef[] {
  return credentialFields(f.unit.kind, f.scopeType !== null, f.scheme.metadataUrl !== null).map((cf) => {
    const go = GO_SETTINGS[cf.setting];
    if (!go) throw new Error(`the Go target has no mapping for the credential setting ${cf.setting}`);
    const name = goExported(cf.semantic);
    const secret = cf.value === 'secret';
    return {
      name,
      type: go.type(f),
      assign: go.assign(name),
      doc: `${GO_DOC[cf.setting] ?? cf.description}${secret ? ' Never printed.' : ''}`,
      secret,
      shown: cf.value === 'string' || secret,
      env: go.env ?? null,
    };
  });
}

const MANAGER: Record<GoFlowNames['flow']['kind'], string> = {
  authorizationCode: 'AuthorizationCodeManager',
  password: 'PasswordManager',
  clientCredentials: 'ClientCredentialsManager',
  deviceAuthorization: 'DeviceAuthorizationManager',
};

export function flowView(f: GoFlowNames) {
  const flow = f.flow;
  const isAcg = flow.kind === 'authorizationCode';
  const fs = fields(f);
  const def = [
    `SchemeName: ${goStr(f.scheme.wireName)}`,
    `TokenURL: ${goStr(flow.tokenUrl)}`,
    `RefreshURL: ${goStr(flow.refreshUrl ?? '')}`,
    `ServerName: ${goStr(flow.serverName)}`,
    `ClientAuth: ${goStr(flow.clientAuth)}`,
    ...(flow.revocationUrl ? [`RevocationURL: ${goStr(flow.revocationUrl)}`] : []),
    ...(f.scheme.metadataUrl !== null ? [`MetadataURL: ${goStr(f.scheme.metadataUrl)}`] : []),
    ...(isAcg
      ? [
          `AuthorizationURL: ${goStr(flow.authorizationUrl)}`,
          `PKCE: ${String(flow.pkce)}`,
          `Issuer: ${goStr(flow.issuer ?? '')}`,
        ]
      : []),
    ...(flow.kind === 'deviceAuthorization' ? [`DeviceAuthorizationURL: ${goStr(flow.deviceAuthorizationUrl)}`] : []),
  ].join(', ');
  const scopes = flow.scopes.map((sc) => ({
    name: f.scopeConsts.get(sc.wireName) ?? '',
    value: goStr(sc.wireName),
    doc: goDoc(`${f.scopeConsts.get(sc.wireName) ?? ''} is the scope ${JSON.stringify(sc.wireName)}.`, sc.description),
    mdName: mdCode(f.scopeConsts.get(sc.wireName) ?? ''),
    mdValue: mdCode(sc.wireName),
    mdDescription: mdCell(sc.description),
  }));
  return {
    key: f.key,
    slug: f.slug,
    exampleDir: f.exampleDir,
    exampleDoc: goDoc(
      `Command ${f.exampleDir} runs the ${f.unit.title} of the ${JSON.stringify(f.scheme.wireName)} security scheme with credentials from the environment:`,
      'OAUTH_CLIENT_ID, OAUTH_CLIENT_SECRET, OAUTH_USERNAME, OAUTH_PASSWORD, OAUTH_SCOPES (space-separated),',
      "OAUTH_REDIRECT_URI and API_BASE_URL (optional: replaces the default server's URL).",
    ),
    accessor: f.accessor,
    credType: f.credType,
    configField: f.configField,
    manager: MANAGER[flow.kind],
    title: f.unit.title,
    isAcg,
    isRopcg: flow.kind === 'password',
    isCcg: flow.kind === 'clientCredentials',
    isDevice: flow.kind === 'deviceAuthorization',
    hasMetadata: f.scheme.metadataUrl !== null,
    mdMetadataUrl: f.scheme.resolvedMetadataUrl !== null ? mdCode(f.scheme.resolvedMetadataUrl) : '',
    schemeWire: goStr(f.scheme.wireName),
    schemeWireRaw: f.scheme.wireName,
    definition: `core.FlowDefinition{${def}}`,
    hasScopes: f.scopeType !== null,
    scopeType: f.scopeType ?? '',
    scopes,
    firstScope: scopes[0]?.name ?? '',
    scopeDoc: goDoc(`${f.scopeType ?? ''} is a scope of the ${f.scheme.wireName} security scheme (${f.unit.title}).`),
    credDoc: goDoc(
      `${f.credType} are the credentials of the ${f.scheme.wireName} security scheme (${f.unit.title}).`,
      f.scheme.description,
      'Printing them never shows the secret, the password or the token.',
    ),
    managerDoc: goDoc(`${f.accessor} runs the ${f.unit.title} of the ${f.scheme.wireName} security scheme.`),
    fields: fs.map((x) => ({
      name: x.name,
      type: x.type,
      doc: goDoc(x.doc),
      assign: x.assign,
      mdName: mdCode(x.name),
      mdType: mdCode(x.type),
      mdDoc: mdCell(x.doc),
    })),
    describe: fs
      .filter((x) => x.shown)
      .map((x) => `${goStr(x.name)}, ${x.secret ? 'core.RedactSet' : 'core.Quote'}(c.${x.name})`)
      .join(', '),
    envFields: fs
      .filter((x) => x.env !== null && x.type === 'string')
      .map((x) => ({ name: x.name, env: goStr(x.env!) })),
    mdScheme: mdCode(f.scheme.wireName),
    mdTokenUrl: mdCode(flow.resolvedTokenUrl),
    mdAuthorizationUrl: isAcg ? mdCode(flow.resolvedAuthorizationUrl) : '',
    mdDeviceAuthorizationUrl: flow.kind === 'deviceAuthorization' ? mdCode(flow.resolvedDeviceAuthorizationUrl) : '',
    mdAccessor: mdCode(`client.${f.accessor}`),
  };
}

export function simpleView(s: GoSimpleNames) {
  const sc = s.unit.scheme;
  const fields = credentialFields(s.kind, false).map((cf) => ({
    name: goExported(cf.semantic),
    doc: goDoc(
      `${cf.description}${sc.kind === 'apiKey' ? ` (sent in the ${sc.in} ${JSON.stringify(sc.paramName)})` : ''}.${cf.value === 'secret' ? ' Never printed.' : ''}`,
    ),
    secret: cf.value === 'secret',
  }));
  const args = fields.map((f) => `c.${f.name}`);
  const empty = fields.map(() => '""');
  const ctor = (vals: string[]): string =>
    s.kind === 'basic'
      ? `core.NewBasicScheme(name, ${vals.join(', ')})`
      : s.kind === 'apiKey'
        ? `core.NewAPIKeyScheme(name, ${goStr(sc.kind === 'apiKey' ? sc.in : 'header')}, ${goStr(sc.kind === 'apiKey' ? sc.paramName : '')}, ${vals.join(', ')})`
        : `core.NewBearerScheme(name, ${vals.join(', ')})`;
  return {
    credType: s.credType,
    configField: s.configField,
    schemeWire: goStr(sc.wireName),
    doc: goDoc(
      `${s.credType} are the credentials of the ${sc.wireName} security scheme.`,
      sc.description,
      'Printing them never shows the secret.',
    ),
    fields,
    build: ctor(args),
    buildEmpty: ctor(empty),
    describe: fields
      .map((f) => `${goStr(f.name)}, ${f.secret ? 'core.RedactSet' : 'core.Quote'}(c.${f.name})`)
      .join(', '),
    mdScheme: mdCode(sc.wireName),
    mdCred: mdCode(s.credType),
  };
}

/** One scheme may declare several flows: one OAuth scheme entry with its managers in flow order. */
export function oauthSchemes(flows: ReturnType<typeof flowView>[]): { wire: string; managers: string }[] {
  const groups = new Map<string, string[]>();
  for (const f of flows) groups.set(f.schemeWire, [...(groups.get(f.schemeWire) ?? []), `c.${f.accessor}`]);
  return [...groups].map(([wire, ms]) => ({ wire, managers: ms.join(', ') }));
}
