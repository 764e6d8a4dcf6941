/**
 * The intermediate representation (IR): everything grantgen generates from, version- and
 * language-neutral. Built by `ir/build.ts` from a loaded (OpenAPI 3.x shaped) document.
 *
 * Rules:
 * - A named thing carries its `wireName` (the spec's spelling) and nothing else about naming;
 *   targets add identifiers beside it. Never derive a wire name back from an identifier.
 * - Every collection is sorted or kept in spec order explicitly (documented per field), so the
 *   same spec always yields the same IR.
 * - Strings from the spec are untrusted and raw here; targets escape them for where they land.
 */

/** A position in the source document, for messages. */
export interface IrSource {
  /** JSON pointer into the loaded document, e.g. `/components/securitySchemes/OAuthACG`. */
  pointer: string;
}

export interface IrApi {
  /** `info.title`, raw. */
  title: string;
  /** `info.version`, raw. */
  version: string;
  /** `info.description`, raw (may be empty). */
  description: string;
  /** The spec version the document was written in: `2.0`, `3.0.x`, `3.1.x`, `3.2.x`. */
  specVersion: string;
  /** Environments, in spec order; the default one is flagged. Never empty. */
  environments: IrEnvironment[];
  /** Names of the servers inside an environment, in first-seen order (at least `default`). */
  serverNames: string[];
  /** Server variables shared by all environments, sorted by wire name. */
  serverVariables: IrServerVariable[];
  /** Every security scheme of the spec, sorted by wire name. */
  securitySchemes: IrSecurityScheme[];
  /** The spec's global security requirement (`security` at the root); `null` when absent. */
  globalSecurity: IrSecurityRequirement | null;
  /** Tags with at least one operation, sorted by wire name. */
  tags: IrTag[];
  /** Operations, sorted by tag, then path, then method. */
  operations: IrOperation[];
  /** Named schemas reachable from operations, sorted by wire name. */
  models: IrModel[];
  /** Problems that did not stop the build, in discovery order. */
  warnings: IrDiagnostic[];
}

export interface IrDiagnostic {
  code: string;
  message: string;
  pointer: string;
}

export interface IrEnvironment {
  /** Environment name (from `x-grantgen-environment`, else `description`, else `server N`). */
  wireName: string;
  description: string;
  isDefault: boolean;
  /** One URL per entry of `IrApi.serverNames`, same order; templates with `{var}` kept raw. */
  servers: IrServerUrl[];
}

export interface IrServerUrl {
  /** Server name inside the environment (from `x-grantgen-server`, else `default`). */
  serverName: string;
  /** URL template as written, e.g. `http://localhost:{port}/v1`. Relative URLs are kept relative. */
  url: string;
}

export interface IrServerVariable {
  wireName: string;
  default: string;
  enum: string[];
  description: string;
}

export type IrSecurityScheme = IrOAuth2Scheme | IrApiKeyScheme | IrHttpScheme | IrOpenIdConnectScheme;

interface IrSchemeBase {
  /** The key under `components.securitySchemes` (or Swagger `securityDefinitions`). */
  wireName: string;
  description: string;
  source: IrSource;
}

export interface IrOAuth2Scheme extends IrSchemeBase {
  kind: 'oauth2';
  /**
   * Flows in fixed order: authorizationCode, password, clientCredentials, deviceAuthorization,
   * implicit.
   */
  flows: IrOAuthFlow[];
  /**
   * RFC 8414 authorization server metadata URL (OpenAPI 3.2 `oauth2MetadataUrl`) as written, or
   * null. When set, the SDK discovers the endpoints there and the flows' URLs are the fallback.
   */
  metadataUrl: string | null;
  /** `metadataUrl` resolved against the default environment (for docs and display), or null. */
  resolvedMetadataUrl: string | null;
  /** Whether `metadataUrl` is relative to the server `metadataServerName` of the environment. */
  metadataRelative: boolean;
  /** The server a relative `metadataUrl` resolves against. */
  metadataServerName: string;
}

export type IrOAuthFlow =
  IrAuthorizationCodeFlow | IrPasswordFlow | IrClientCredentialsFlow | IrDeviceAuthorizationFlow | IrImplicitFlow;

interface IrFlowBase {
  /** URL as written in the spec (may be relative). */
  tokenUrl: string;
  /** Refresh URL as written; `null` when the spec gives none (refresh goes to the token URL). */
  refreshUrl: string | null;
  /**
   * Whether the URLs are relative to the server of the current environment (true), or absolute.
   * Relative URLs resolve at SDK run time against the selected environment's `serverName` server.
   */
  relative: boolean;
  /** Which server of the environment relative URLs resolve against. */
  serverName: string;
  /** The URLs resolved against the default environment (for docs and display). */
  resolvedTokenUrl: string;
  resolvedRefreshUrl: string | null;
  /** Scopes in spec order. */
  scopes: IrScope[];
  /** Token endpoint client authentication default (`x-grantgen-client-auth`). */
  clientAuth: 'client_secret_basic' | 'client_secret_post' | 'none';
  /**
   * RFC 7009 revocation endpoint as written (`x-revocation-url` on the flow, else on the scheme), or
   * null (the SDK then uses the metadata's `revocation_endpoint`, if any).
   */
  revocationUrl: string | null;
  resolvedRevocationUrl: string | null;
  source: IrSource;
}

export interface IrAuthorizationCodeFlow extends IrFlowBase {
  kind: 'authorizationCode';
  authorizationUrl: string;
  resolvedAuthorizationUrl: string;
  /** PKCE S256 on by default; `x-grantgen-pkce: false` turns it off. */
  pkce: boolean;
  /**
   * RFC 9207 issuer to check on the callback (`x-grantgen-issuer`), or null. With a metadata URL the
   * SDK checks the discovered issuer instead (unless the configuration sets one).
   */
  issuer: string | null;
}

export interface IrPasswordFlow extends IrFlowBase {
  kind: 'password';
}

export interface IrClientCredentialsFlow extends IrFlowBase {
  kind: 'clientCredentials';
}

/**
 * RFC 8628 device authorization grant (OpenAPI 3.2 `deviceAuthorization` flow). When the scheme has
 * a metadata URL, a missing `deviceAuthorizationUrl`/`tokenUrl` is `''` (discovered at run time).
 */
export interface IrDeviceAuthorizationFlow extends IrFlowBase {
  kind: 'deviceAuthorization';
  deviceAuthorizationUrl: string;
  resolvedDeviceAuthorizationUrl: string;
}

/** Implicit flows are kept so nothing is dropped; targets do not generate managers for them. */
export interface IrImplicitFlow extends Omit<
  IrFlowBase,
  'tokenUrl' | 'refreshUrl' | 'resolvedTokenUrl' | 'resolvedRefreshUrl' | 'revocationUrl' | 'resolvedRevocationUrl'
> {
  kind: 'implicit';
  authorizationUrl: string;
  tokenUrl: null;
  refreshUrl: string | null;
  resolvedTokenUrl: null;
  resolvedRefreshUrl: string | null;
}

export interface IrScope {
  /** The scope string sent on the wire, e.g. `file_requests.read`. */
  wireName: string;
  /**
   * The enum member name the spec asks for (`x-grantgen-scope-names` on the flow), or null when the
   * target derives one from the wire name.
   */
  memberHint: string | null;
  description: string;
}

export interface IrApiKeyScheme extends IrSchemeBase {
  kind: 'apiKey';
  in: 'header' | 'query' | 'cookie';
  /** Parameter name on the wire. */
  paramName: string;
}

export interface IrHttpScheme extends IrSchemeBase {
  kind: 'http';
  /** Lower-cased `scheme`: `basic`, `bearer`, or anything else the spec says. */
  scheme: string;
  bearerFormat: string;
}

export interface IrOpenIdConnectScheme extends IrSchemeBase {
  kind: 'openIdConnect';
  openIdConnectUrl: string;
}

/**
 * OpenAPI security requirement: a list of alternatives (OR), each a set of schemes (AND).
 * An empty list means "no authentication"; `[[]]` (one empty alternative) also means optional auth.
 */
export interface IrSecurityRequirement {
  alternatives: IrSecurityAlternative[];
}

export interface IrSecurityAlternative {
  /** Schemes in spec order, each with the scopes it requires (spec order). */
  schemes: { wireName: string; scopes: string[] }[];
}

export interface IrTag {
  wireName: string;
  description: string;
}

export interface IrOperation {
  /** `operationId` if given, else derived from method and path (e.g. `get /users/{id}` → `getUsersId`). */
  operationId: string;
  /** True when `operationId` came from the spec. */
  operationIdFromSpec: boolean;
  method: 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';
  path: string;
  /** The first tag, or `default`. */
  tag: string;
  summary: string;
  description: string;
  deprecated: boolean;
  /** Parameters: path ones in path order first, then the rest in spec order. */
  parameters: IrParameter[];
  requestBody: IrRequestBody | null;
  /** Responses sorted by status code (`default` last). */
  responses: IrResponse[];
  /** The effective requirement: the operation's own `security`, else the global one, else none. */
  security: IrSecurityRequirement;
  /** True when the operation declared `security` itself. */
  securityFromOperation: boolean;
  /**
   * The server (an entry of `IrApi.serverNames`) the operation calls: its own `servers`, else its
   * path's, else the document's `default` server. Each `servers` list of a path or operation is
   * one more server name, with a URL in every environment.
   */
  server: string;
  externalDocs: { url: string; description: string } | null;
  source: IrSource;
}

export interface IrParameter {
  wireName: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  description: string;
  schema: IrType;
  deprecated: boolean;
}

export interface IrRequestBody {
  required: boolean;
  description: string;
  /** The media type we use: JSON first, then form, then the first listed. */
  contentType: string;
  schema: IrType;
}

export interface IrResponse {
  /** `200`, `4XX`, `default`, ... */
  status: string;
  description: string;
  contentType: string | null;
  schema: IrType | null;
}

/** A schema reduced to what code generation needs. */
export type IrType =
  | {
      kind: 'primitive';
      type: 'string' | 'integer' | 'number' | 'boolean';
      format: string;
      enum: (string | number | boolean)[];
      nullable: boolean;
    }
  | { kind: 'array'; items: IrType; nullable: boolean }
  | { kind: 'map'; values: IrType; nullable: boolean }
  | { kind: 'ref'; model: string; nullable: boolean }
  | { kind: 'union'; variants: IrType[]; nullable: boolean }
  | { kind: 'any'; nullable: boolean };

export interface IrModel {
  /** The schema name under `components.schemas` (or a synthesized name for inline schemas). */
  wireName: string;
  description: string;
  kind: 'object' | 'enum' | 'alias';
  /** For objects: properties in spec order. */
  properties: IrProperty[];
  /** For enums: values in spec order. */
  enumValues: (string | number | boolean)[];
  /** For enums: `string` or `integer`/`number`. */
  enumType: 'string' | 'integer' | 'number' | 'boolean';
  /** For aliases (arrays, unions, primitives with a name): the aliased type. */
  alias: IrType | null;
  additionalProperties: boolean;
  source: IrSource;
}

export interface IrProperty {
  wireName: string;
  description: string;
  required: boolean;
  type: IrType;
}
