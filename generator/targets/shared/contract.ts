/**
 * The target contract: every decision that does not depend on the output language, made once from
 * the IR. A target maps what this module decides to names and syntax; it never re-decides it.
 *
 * - Which schemes and flows get a manager (`authUnits`), in which order, with which title, doc page
 *   slug and naming key, and which unsupported ones are reported (`warnings`).
 * - Which credential fields each flow takes (`credentialFields`).
 * - What an operation's success response is (`successResponse`), how its body is sent
 *   (`bodyKind`), and which parameters are constants (`constantValue`).
 * - Which server each operation calls: `IrOperation.server`, decided by the IR (operation
 *   `servers` > path `servers` > document `servers`; each list is one more server of every environment).
 *
 * Adding a flow kind: add it to the IR's `IrOAuthFlow`, then to `FLOW_KINDS` here (title, slug,
 * naming suffix, credential fields); the compiler then points at each target's per-kind table.
 */
import type {
  IrApi,
  IrOAuth2Scheme,
  IrOAuthFlow,
  IrOperation,
  IrParameter,
  IrRequestBody,
  IrSecurityScheme,
  IrType,
} from '../../ir/types.js';
import { NameScope } from '../../naming/scope.js';
import type { TargetName } from '../target.js';
import { kebabCase } from '../../naming/case.js';

/** Every IR flow kind the contract has facts for (all but `implicit`, which is never generated). */
export type IrFlowKind = Exclude<IrOAuthFlow['kind'], 'implicit'>;
/**
 * The flow kinds the SDKs generate managers for. Adding one here (after its facts in
 * `KIND_FACTS`) makes the compiler point at every target table that needs a row for it.
 */
export const GENERATED_FLOW_KINDS = [
  'authorizationCode',
  'password',
  'clientCredentials',
  'deviceAuthorization',
] as const;
export type FlowKind = (typeof GENERATED_FLOW_KINDS)[number];
export type SupportedFlow = Extract<IrOAuthFlow, { kind: FlowKind }>;
/** Non-OAuth schemes the SDKs implement. */
export type SimpleKind = 'basic' | 'bearer' | 'apiKey';
export type AuthKind = FlowKind | SimpleKind;

/**
 * What a credential field holds; each target maps it to its own type. `scopes` is a list of the
 * scheme's scope enum, `token` the token object, `tokenCallback` a function called with each new
 * token, `clientAuth` one of `client_secret_basic`, `client_secret_post`, `none`.
 */
export type CredentialValue =
  | 'string'
  | 'secret'
  | 'boolean'
  | 'number'
  | 'nullableString'
  | 'stringList'
  | 'scopes'
  | 'token'
  | 'tokenCallback'
  | 'clientAuth'
  | 'tokenStore'
  | 'discovery';

export interface CredentialField {
  /** Semantic snake_case name (`o_auth_client_id`); targets case it (`oAuthClientId`). */
  semantic: string;
  /** The runtime setting it feeds (`clientId`). */
  setting: string;
  value: CredentialValue;
  /** Placeholder shown in examples and the name in credential tables (`OAuthClientId`). */
  docName: string;
  description: string;
  /** Shown in the construction example of the auth doc page. */
  inExample: boolean;
  /**
   * Targets whose runtime differs from `semantic`: the name that runtime takes (snake_case, the
   * target cases it), or null when that runtime does not take the field at all. A target not
   * listed takes `semantic`. Read it through `runtimeName`; targets never rename fields themselves.
   */
  runtimeNames: Partial<Record<SdkTarget, string | null>>;
}

/** The SDK targets (their runtimes take credential fields; `docs` has none). */
type SdkTarget = Exclude<TargetName, 'docs'>;

const field = (
  semantic: string,
  setting: string,
  value: CredentialValue,
  docName: string,
  description: string,
  inExample = false,
  runtimeNames: Partial<Record<SdkTarget, string | null>> = {},
): CredentialField => ({ semantic, setting, value, docName, description, inExample, runtimeNames });

/** The name `target`'s runtime takes for a credential field (snake_case), or null when it takes none. */
export function runtimeName(f: CredentialField, target: SdkTarget): string | null {
  const name = f.runtimeNames[target];
  return name === undefined ? f.semantic : name;
}

const CLIENT_ID = field('o_auth_client_id', 'clientId', 'string', 'OAuthClientId', 'OAuth 2 Client ID', true);
const CLIENT_SECRET = field(
  'o_auth_client_secret',
  'clientSecret',
  'secret',
  'OAuthClientSecret',
  'OAuth 2 Client Secret',
  true,
);
const SCOPES = field(
  'o_auth_scopes',
  'scopes',
  'scopes',
  'OAuthScopes',
  'List of scopes that apply to the OAuth token',
  true,
);
const COMMON_TAIL: CredentialField[] = [
  field('o_auth_token', 'token', 'token', 'OAuthToken', 'Object for storing information about the OAuth token'),
  field(
    'o_auth_on_token_update',
    'onTokenUpdate',
    'tokenCallback',
    'OAuthOnTokenUpdate',
    'Called once with every new token the SDK obtains (fetch or refresh)',
  ),
  field(
    'o_auth_clock_skew',
    'clockSkewSeconds',
    'number',
    'OAuthClockSkew',
    'Seconds before expiry at which the token counts as expired (default 60)',
  ),
  field(
    'o_auth_client_auth',
    'clientAuth',
    'clientAuth',
    'OAuthClientAuth',
    'Token endpoint client authentication: client_secret_basic, client_secret_post or none',
  ),
  field(
    'o_auth_token_store',
    'tokenStore',
    'tokenStore',
    'OAuthTokenStore',
    'Where the token is kept (default: in memory)',
  ),
  field(
    'o_auth_accepted_token_types',
    'acceptedTokenTypes',
    'stringList',
    'OAuthAcceptedTokenTypes',
    'Accepted token_type values, case-insensitive (default bearer)',
    false,
    // the Python runtime keeps them on the grant class (`ACCEPTED_TOKEN_TYPES`), not in credentials
    { python: null },
  ),
];

/** Facts of one kind of manager: the single place to extend when a kind is added. */
export interface KindFacts {
  /** Title in docs and doc comments (`OAuth 2 Authorization Code Grant`). */
  title: string;
  /** Doc page slug (suffixed with the naming key when several managers share a kind). */
  docSlug: string;
  /** Credential fields, in declaration order (`scopes` only when the flow has scopes). */
  fields: CredentialField[];
}

export const KIND_FACTS: Record<IrFlowKind | SimpleKind, KindFacts> = {
  authorizationCode: {
    title: 'OAuth 2 Authorization Code Grant',
    docSlug: 'oauth-2-authorization-code-grant',
    fields: [
      CLIENT_ID,
      CLIENT_SECRET,
      field(
        'o_auth_redirect_uri',
        'redirectUri',
        'string',
        'OAuthRedirectUri',
        'OAuth 2 Redirection endpoint or Callback Uri',
        true,
      ),
      SCOPES,
      ...COMMON_TAIL,
      field(
        'o_auth_pkce',
        'pkce',
        'boolean',
        'OAuthPkce',
        'Send a PKCE S256 challenge (default from the spec)',
        false,
        { python: 'o_auth_use_pkce' },
      ),
      field(
        'o_auth_issuer',
        'issuer',
        'nullableString',
        'OAuthIssuer',
        'RFC 9207 issuer the callback iss must match (null: no check)',
      ),
    ],
  },
  password: {
    title: 'OAuth 2 Resource Owner Credentials Grant',
    docSlug: 'oauth-2-resource-owner-credentials-grant',
    fields: [
      CLIENT_ID,
      CLIENT_SECRET,
      field('o_auth_username', 'username', 'string', 'OAuthUsername', 'OAuth 2 Resource Owner Username', true),
      field('o_auth_password', 'password', 'secret', 'OAuthPassword', 'OAuth 2 Resource Owner Password', true),
      SCOPES,
      ...COMMON_TAIL,
    ],
  },
  clientCredentials: {
    title: 'OAuth 2 Client Credentials Grant',
    docSlug: 'oauth-2-client-credentials-grant',
    fields: [CLIENT_ID, CLIENT_SECRET, SCOPES, ...COMMON_TAIL],
  },
  deviceAuthorization: {
    title: 'OAuth 2 Device Authorization Grant',
    docSlug: 'oauth-2-device-authorization-grant',
    // device clients are usually public (`o_auth_client_auth` none): the secret is not in examples
    fields: [CLIENT_ID, { ...CLIENT_SECRET, inExample: false }, SCOPES, ...COMMON_TAIL],
  },
  basic: {
    title: 'Basic Authentication',
    docSlug: 'basic-authentication',
    fields: [
      field('username', 'username', 'string', 'Username', 'HTTP Basic username', true),
      field('password', 'password', 'secret', 'Password', 'HTTP Basic password', true),
    ],
  },
  bearer: {
    title: 'Bearer token',
    docSlug: 'bearer-token',
    fields: [field('access_token', 'accessToken', 'secret', 'AccessToken', 'Bearer access token', true)],
  },
  apiKey: {
    title: 'API key',
    docSlug: 'api-key',
    fields: [field('api_key', 'apiKey', 'secret', 'ApiKey', 'API key', true)],
  },
};

/** Pins where the endpoints of a scheme with RFC 8414 metadata (`oauth2MetadataUrl`) come from. */
const DISCOVERY = field(
  'o_auth_discovery',
  'discovery',
  'discovery',
  'OAuthDiscovery',
  'Where endpoints come from (RFC 8414 metadata): auto (default: metadata, else the spec URLs), metadata or static',
);

/**
 * The credential fields of a manager (the scopes field only when there are scopes; the discovery
 * field only for OAuth flows of a scheme with a metadata URL).
 */
export function credentialFields(kind: AuthKind, hasScopes: boolean, hasMetadata = false): CredentialField[] {
  const fields = KIND_FACTS[kind].fields.filter((f) => hasScopes || f.value !== 'scopes');
  return hasMetadata ? [...fields, DISCOVERY] : fields;
}

/** Does this manager's scheme publish RFC 8414 metadata (so its credentials take `o_auth_discovery`)? */
export function hasMetadata(u: AuthUnit): boolean {
  return 'flow' in u && u.scheme.metadataUrl !== null;
}

/** One OAuth flow that gets a manager. */
export interface FlowUnit {
  kind: FlowKind;
  scheme: IrOAuth2Scheme;
  flow: SupportedFlow;
  /**
   * What targets name the manager after: the scheme's wire name, or `<wire name> <flowKind>` when
   * the scheme has several supported flows (`oauth2 password` → `oauth2_password` / `oauth2Password`).
   */
  namingKey: string;
  /** True when the scheme has several supported flows. */
  multiFlow: boolean;
  title: string;
  /** Unique doc page slug, e.g. `oauth-2-authorization-code-grant`. */
  docSlug: string;
}

/** A non-OAuth scheme that gets a manager. */
export interface SimpleUnit {
  kind: SimpleKind;
  scheme: Exclude<IrSecurityScheme, { kind: 'oauth2' }>;
  namingKey: string;
  multiFlow: false;
  title: string;
  docSlug: string;
}

/** One manager of the SDK: a flow of an OAuth scheme, or a simple scheme. */
export type AuthUnit = FlowUnit | SimpleUnit;

export interface AuthContract {
  /** Schemes in IR order (sorted by wire name), each scheme's flows in IR flow order. */
  units: AuthUnit[];
  flows: FlowUnit[];
  /** Problems worth telling the user, worded for any target. */
  warnings: string[];
}

export function isFlowUnit(u: AuthUnit): u is FlowUnit {
  return 'flow' in u;
}

function isGenerated(f: IrOAuthFlow): f is SupportedFlow {
  return (GENERATED_FLOW_KINDS as readonly string[]).includes(f.kind);
}

/** The flows of a scheme that get a manager. */
export function supportedFlows(scheme: IrOAuth2Scheme): SupportedFlow[] {
  return scheme.flows.filter(isGenerated);
}

function simpleKind(s: IrSecurityScheme): SimpleKind | null {
  if (s.kind === 'apiKey') return 'apiKey';
  if (s.kind === 'http' && s.scheme === 'basic') return 'basic';
  if (s.kind === 'http' && s.scheme === 'bearer') return 'bearer';
  return null;
}

/** Decide the managers of the SDK and the warnings about what is left out. */
export function authContract(ir: IrApi): AuthContract {
  const units: AuthUnit[] = [];
  const warnings: string[] = [];
  for (const s of ir.securitySchemes) {
    if (s.kind === 'oauth2') {
      const flows = supportedFlows(s);
      if (s.flows.some((f) => f.kind === 'implicit'))
        warnings.push(
          `security scheme ${s.wireName}: the implicit flow is not generated (RFC 9700 deprecates it: the access token travels in the redirect URL); use the authorization code flow with PKCE instead`,
        );
      for (const kind of s.flows.map((f): string => f.kind))
        if (kind !== 'implicit' && !(GENERATED_FLOW_KINDS as readonly string[]).includes(kind))
          warnings.push(`security scheme ${s.wireName}: the ${kind} flow is not generated by the SDKs yet`);
      for (const flow of flows) {
        const multiFlow = flows.length > 1;
        units.push({
          kind: flow.kind,
          scheme: s,
          flow,
          namingKey: multiFlow ? `${s.wireName} ${flow.kind}` : s.wireName,
          multiFlow,
          title: KIND_FACTS[flow.kind].title,
          docSlug: '',
        });
      }
      continue;
    }
    const kind = simpleKind(s);
    if (kind === null) {
      warnings.push(
        `security scheme ${s.wireName}: ${s.kind === 'http' ? `HTTP ${s.scheme}` : s.kind} is not supported (no manager generated); operations requiring only it raise an authentication error`,
      );
      continue;
    }
    units.push({
      kind,
      scheme: s,
      namingKey: s.wireName,
      multiFlow: false,
      title: KIND_FACTS[kind].title,
      docSlug: '',
    });
  }
  // Doc slugs: the kind's slug, suffixed with the naming key when several managers share a kind.
  const perKind = new Map<AuthKind, number>();
  for (const u of units) perKind.set(u.kind, (perKind.get(u.kind) ?? 0) + 1);
  const slugs = new NameScope({ reserved: new Set(), separator: '-', caseInsensitive: true });
  for (const u of units) {
    const base = KIND_FACTS[u.kind].docSlug;
    u.docSlug = slugs.claim(
      `${u.kind}\0${u.namingKey}`,
      (perKind.get(u.kind) ?? 0) > 1 ? `${base}-${kebabCase(u.namingKey) || 'scheme'}` : base,
    );
  }
  return { units, flows: units.filter(isFlowUnit), warnings };
}

/** What an operation's success response holds, decided once for every target. */
export type SuccessResponse =
  | { kind: 'none' }
  | { kind: 'json'; contentType: string; schema: IrType }
  | { kind: 'text'; contentType: string; schema: IrType };

/** The first 2xx response: JSON (media type mentioning json), text (anything else), or none. */
export function successResponse(op: IrOperation): SuccessResponse {
  const ok = op.responses.find((r) => /^2/.test(r.status));
  if (!ok || ok.contentType === null || ok.schema === null) return { kind: 'none' };
  return /json/i.test(ok.contentType)
    ? { kind: 'json', contentType: ok.contentType, schema: ok.schema }
    : { kind: 'text', contentType: ok.contentType, schema: ok.schema };
}

/** How a request body is sent. */
export function bodyKind(body: IrRequestBody): 'form' | 'json' {
  return /x-www-form-urlencoded/i.test(body.contentType) ? 'form' : 'json';
}

/**
 * The value of a constant parameter: a required one whose type (aliases followed by `resolve`)
 * is a single-value enum. Such a parameter is not asked for; its value is always sent.
 */
export function constantValue(
  p: IrParameter,
  resolve: (t: IrType) => IrType = (t) => t,
): string | number | boolean | null {
  if (!p.required) return null;
  const t = resolve(p.schema);
  return t.kind === 'primitive' && t.enum.length === 1 ? (t.enum[0] as string | number | boolean) : null;
}
