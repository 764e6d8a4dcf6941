/** Credentials, scope constants and managers of every OAuth flow, and the simple schemes. */
import { mdCell, mdCode } from '../../shared/markdown.js';
import { goDoc, goStr } from '../escape.js';
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

function fields(f: GoFlowNames): FieldDef[] {
  const plain = (name: string, setting: string, doc: string, env: string | null, secret = false): FieldDef => ({
    name,
    type: 'string',
    assign: [`s.${setting} = c.${name}`],
    doc,
    secret,
    shown: true,
    env,
  });
  const out: FieldDef[] = [
    plain('OAuthClientID', 'ClientID', 'OAuth 2 client id.', 'OAUTH_CLIENT_ID'),
    plain('OAuthClientSecret', 'ClientSecret', 'OAuth 2 client secret (never printed).', 'OAUTH_CLIENT_SECRET', true),
  ];
  if (f.flow.kind === 'authorizationCode')
    out.push(
      plain('OAuthRedirectURI', 'RedirectURI', 'OAuth 2 redirection endpoint (callback URI).', 'OAUTH_REDIRECT_URI'),
    );
  if (f.flow.kind === 'password') {
    out.push(plain('OAuthUsername', 'Username', 'Resource owner username.', 'OAUTH_USERNAME'));
    out.push(plain('OAuthPassword', 'Password', 'Resource owner password (never printed).', 'OAUTH_PASSWORD', true));
  }
  if (f.scopeType) {
    out.push({
      name: 'OAuthScopes',
      type: `[]${f.scopeType}`,
      assign: ['for _, v := range c.OAuthScopes {', '\ts.Scopes = append(s.Scopes, string(v))', '}'],
      doc: 'Scopes to request.',
      secret: false,
      shown: false,
      env: 'OAUTH_SCOPES',
    });
  }
  const other = (name: string, type: string, setting: string, doc: string): FieldDef => ({
    name,
    type,
    assign: [`s.${setting} = c.${name}`],
    doc,
    secret: false,
    shown: false,
    env: null,
  });
  out.push(
    other('OAuthToken', '*Token', 'Token', 'A token you stored earlier (optional).'),
    other(
      'OAuthOnTokenUpdate',
      'func(ctx context.Context, token Token) error',
      'OnTokenUpdate',
      'Called once with every new token (fetch or refresh); store it like a password.',
    ),
    other(
      'OAuthClockSkew',
      'time.Duration',
      'ClockSkew',
      'How long before expiry a token counts as expired (0: 60 s; negative: none).',
    ),
    other(
      'OAuthClientAuth',
      'ClientAuthMethod',
      'ClientAuth',
      'Token endpoint client authentication ("" keeps the spec\'s).',
    ),
    other(
      'OAuthTokenStore',
      'TokenStore',
      'TokenStore',
      'Where the token is kept (default: in memory; NewFileTokenStore shares it across processes).',
    ),
    other(
      'OAuthAcceptedTokenTypes',
      '[]string',
      'AcceptedTokenTypes',
      'Accepted token_type values, case-insensitive (default: Bearer).',
    ),
  );
  if (f.flow.kind === 'authorizationCode') {
    out.push(
      other('OAuthPKCE', '*bool', 'PKCE', "Send a PKCE S256 challenge (nil: the spec's default)."),
      other(
        'OAuthIssuer',
        '*string',
        'Issuer',
        'RFC 9207 issuer the callback iss must match (nil: the spec\'s; "": no check).',
      ),
    );
  }
  return out;
}

const MANAGER: Record<GoFlowNames['flow']['kind'], string> = {
  authorizationCode: 'AuthorizationCodeManager',
  password: 'PasswordManager',
  clientCredentials: 'ClientCredentialsManager',
};

const TITLE: Record<GoFlowNames['flow']['kind'], string> = {
  authorizationCode: 'OAuth 2 Authorization Code Grant',
  password: 'OAuth 2 Resource Owner Password Credentials Grant',
  clientCredentials: 'OAuth 2 Client Credentials Grant',
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
    ...(isAcg
      ? [
          `AuthorizationURL: ${goStr(flow.authorizationUrl)}`,
          `PKCE: ${String(flow.pkce)}`,
          `Issuer: ${goStr(flow.issuer ?? '')}`,
        ]
      : []),
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
    accessor: f.accessor,
    credType: f.credType,
    configField: f.configField,
    manager: MANAGER[flow.kind],
    title: TITLE[flow.kind],
    isAcg,
    isRopcg: flow.kind === 'password',
    isCcg: flow.kind === 'clientCredentials',
    schemeWire: goStr(f.scheme.wireName),
    schemeWireRaw: f.scheme.wireName,
    definition: `core.FlowDefinition{${def}}`,
    hasScopes: f.scopeType !== null,
    scopeType: f.scopeType ?? '',
    scopes,
    firstScope: scopes[0]?.name ?? '',
    scopeDoc: goDoc(
      `${f.scopeType ?? ''} is a scope of the ${f.scheme.wireName} security scheme (${TITLE[flow.kind]}).`,
    ),
    credDoc: goDoc(
      `${f.credType} are the credentials of the ${f.scheme.wireName} security scheme (${TITLE[flow.kind]}).`,
      f.scheme.description,
      'Printing them never shows the secret, the password or the token.',
    ),
    managerDoc: goDoc(`${f.accessor} runs the ${TITLE[flow.kind]} of the ${f.scheme.wireName} security scheme.`),
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
    mdAccessor: mdCode(`client.${f.accessor}`),
  };
}

export function simpleView(s: GoSimpleNames) {
  const sc = s.scheme;
  const fields =
    s.kind === 'basic'
      ? [
          { name: 'Username', doc: goDoc('HTTP Basic username.'), secret: false },
          { name: 'Password', doc: goDoc('HTTP Basic password (never printed).'), secret: true },
        ]
      : s.kind === 'apiKey'
        ? [
            {
              name: 'APIKey',
              doc: goDoc(`API key (sent in the ${sc.kind === 'apiKey' ? sc.in : 'header'}; never printed).`),
              secret: true,
            },
          ]
        : [{ name: 'AccessToken', doc: goDoc('Bearer access token (never printed).'), secret: true }];
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
