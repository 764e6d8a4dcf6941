/**
 * Security schemes and requirements. OAuth 2 flows become typed records; every other scheme kind is
 * kept as a typed entry so nothing in the spec is silently dropped.
 */
import { type BuildContext, isObject, str } from './context.js';
import { DEFAULT_SERVER, type ServerModel, defaultServerUrl } from './servers.js';
import type { IrOAuth2Scheme, IrOAuthFlow, IrScope, IrSecurityRequirement, IrSecurityScheme } from './types.js';

const FLOW_ORDER = ['authorizationCode', 'password', 'clientCredentials', 'deviceAuthorization', 'implicit'] as const;
type FlowKind = (typeof FLOW_ORDER)[number];
const CLIENT_AUTH = ['client_secret_basic', 'client_secret_post', 'none'] as const;

export function buildSecuritySchemes(ctx: BuildContext, servers: ServerModel): IrSecurityScheme[] {
  const components = ctx.doc['components'];
  const schemes = isObject(components) ? components['securitySchemes'] : undefined;
  if (schemes === undefined) return [];
  if (!isObject(schemes)) {
    ctx.problem(
      'security-schemes-not-object',
      '/components/securitySchemes',
      '`securitySchemes` must be an object',
      'map each scheme name to a scheme object',
    );
    return [];
  }
  const out: IrSecurityScheme[] = [];
  for (const name of Object.keys(schemes).sort()) {
    const at = ctx.ptr('/components/securitySchemes', name);
    const resolved = ctx.deref(schemes[name], at);
    if (!resolved) continue;
    const s = resolved.value;
    if (!isObject(s)) {
      ctx.problem(
        'security-scheme-not-object',
        at,
        `security scheme "${name}" is not an object`,
        'give it at least a `type` (oauth2, apiKey, http, openIdConnect)',
      );
      continue;
    }
    const base = { wireName: name, description: str(s['description']), source: { pointer: at } };
    switch (s['type']) {
      case 'oauth2': {
        const metadata = buildMetadataUrl(ctx, s, at, servers);
        const flows = buildFlows(ctx, s, at, servers, metadata.metadataUrl !== null);
        out.push({ ...base, kind: 'oauth2', flows, ...metadata });
        break;
      }
      case 'apiKey': {
        const where = s['in'];
        if (where !== 'header' && where !== 'query' && where !== 'cookie') {
          ctx.problem(
            'api-key-in',
            ctx.ptr(at, 'in'),
            `apiKey scheme "${name}" needs \`in\`: header, query or cookie`,
            'set `in: header` (or query/cookie)',
          );
          break;
        }
        if (typeof s['name'] !== 'string' || s['name'] === '') {
          ctx.problem(
            'api-key-name',
            ctx.ptr(at, 'name'),
            `apiKey scheme "${name}" needs a \`name\``,
            'set `name:` to the header/query parameter name',
          );
          break;
        }
        out.push({ ...base, kind: 'apiKey', in: where, paramName: s['name'] });
        break;
      }
      case 'http':
        out.push({
          ...base,
          kind: 'http',
          scheme: str(s['scheme']).toLowerCase(),
          bearerFormat: str(s['bearerFormat']),
        });
        break;
      case 'openIdConnect':
        out.push({ ...base, kind: 'openIdConnect', openIdConnectUrl: str(s['openIdConnectUrl']) });
        break;
      default:
        ctx.problem(
          'security-scheme-type',
          ctx.ptr(at, 'type'),
          `security scheme "${name}" has unknown type ${JSON.stringify(s['type'] ?? null)}`,
          'use one of: oauth2, apiKey, http, openIdConnect, mutualTLS',
        );
    }
  }
  return out;
}

/** OpenAPI 3.2 `oauth2MetadataUrl` (RFC 8414): an http(s) URL, or relative to the scheme's server. */
function buildMetadataUrl(
  ctx: BuildContext,
  scheme: Record<string, unknown>,
  at: string,
  servers: ServerModel,
): Pick<IrOAuth2Scheme, 'metadataUrl' | 'resolvedMetadataUrl' | 'metadataRelative' | 'metadataServerName'> {
  const serverName = str(scheme['x-grantgen-server']) || DEFAULT_SERVER;
  const none = {
    metadataUrl: null,
    resolvedMetadataUrl: null,
    metadataRelative: false,
    metadataServerName: serverName,
  };
  const v = scheme['oauth2MetadataUrl'];
  if (v === undefined || v === null || v === '') return none;
  const fieldAt = ctx.ptr(at, 'oauth2MetadataUrl');
  if (typeof v !== 'string') {
    ctx.problem(
      'flow-url-type',
      fieldAt,
      `\`oauth2MetadataUrl\` must be a string, got ${typeof v}`,
      'write `oauth2MetadataUrl` as a URL string',
    );
    return none;
  }
  const checked = checkUrl(ctx, v, defaultServerUrl(servers, serverName), fieldAt, 'oauth2MetadataUrl');
  if (!checked) return none;
  return {
    metadataUrl: checked.raw,
    resolvedMetadataUrl: checked.resolved,
    metadataRelative: checked.relative,
    metadataServerName: serverName,
  };
}

function buildFlows(
  ctx: BuildContext,
  scheme: Record<string, unknown>,
  at: string,
  servers: ServerModel,
  hasMetadata: boolean,
): IrOAuthFlow[] {
  const flowsAt = ctx.ptr(at, 'flows');
  const flows = scheme['flows'];
  if (!isObject(flows)) {
    ctx.problem(
      'flows-not-object',
      flowsAt,
      'an oauth2 scheme needs a `flows` object',
      'add `flows:` with `authorizationCode:` and/or `password:`',
    );
    return [];
  }
  const out: IrOAuthFlow[] = [];
  for (const kind of FLOW_ORDER) {
    if (!(kind in flows)) continue;
    const flowAt = ctx.ptr(flowsAt, kind);
    const flow = flows[kind];
    if (!isObject(flow)) {
      ctx.problem('flow-not-object', flowAt, `flow "${kind}" is not an object`, 'give the flow its URLs and `scopes`');
      continue;
    }
    const built = buildFlow(ctx, kind, flow, scheme, flowAt, servers, hasMetadata);
    if (built) out.push(built);
  }
  for (const k of Object.keys(flows)) {
    if (!(FLOW_ORDER as readonly string[]).includes(k) && !k.startsWith('x-')) {
      ctx.problem(
        'flow-unknown',
        ctx.ptr(flowsAt, k),
        `unknown OAuth flow "${k}"`,
        'use authorizationCode, password, clientCredentials, deviceAuthorization (OpenAPI 3.2) or implicit',
      );
    }
  }
  return out;
}

function buildFlow(
  ctx: BuildContext,
  kind: FlowKind,
  flow: Record<string, unknown>,
  scheme: Record<string, unknown>,
  at: string,
  servers: ServerModel,
  hasMetadata: boolean,
): IrOAuthFlow | undefined {
  const serverName = str(flow['x-grantgen-server']) || str(scheme['x-grantgen-server']) || DEFAULT_SERVER;
  const base = defaultServerUrl(servers, serverName);
  const scopes = buildScopes(ctx, flow, at);
  const clientAuthOnFlow = flow['x-grantgen-client-auth'] !== undefined;
  const clientAuthRaw = flow['x-grantgen-client-auth'] ?? scheme['x-grantgen-client-auth'] ?? 'client_secret_basic';
  let clientAuth: (typeof CLIENT_AUTH)[number] = 'client_secret_basic';
  if ((CLIENT_AUTH as readonly unknown[]).includes(clientAuthRaw))
    clientAuth = clientAuthRaw as (typeof CLIENT_AUTH)[number];
  else
    ctx.problem(
      'flow-client-auth',
      // where the value was written: on the flow, or on the scheme (`at` minus `/flows/<kind>`)
      ctx.ptr(clientAuthOnFlow ? at : at.replace(/\/flows\/[^/]+$/, ''), 'x-grantgen-client-auth'),
      `unknown client authentication ${JSON.stringify(clientAuthRaw)}`,
      `use one of: ${CLIENT_AUTH.join(', ')}`,
    );

  const url = (field: string, required: boolean): { raw: string; resolved: string; relative: boolean } | null => {
    const v = flow[field];
    if (v === undefined || v === null || v === '') {
      // With RFC 8414 metadata the endpoints are discovered at run time: '' means "metadata only".
      if (required && hasMetadata) return { raw: '', resolved: '', relative: false };
      if (required)
        ctx.problem(
          field === 'tokenUrl'
            ? 'flow-token-url'
            : field === 'deviceAuthorizationUrl'
              ? 'flow-device-authorization-url'
              : 'flow-authorization-url',
          ctx.ptr(at, field),
          `the ${kind} flow has no \`${field}\``,
          `add \`${field}:\` with the endpoint's URL (absolute, or relative to the server), or give the scheme an \`oauth2MetadataUrl\``,
        );
      return null;
    }
    if (typeof v !== 'string') {
      ctx.problem(
        'flow-url-type',
        ctx.ptr(at, field),
        `\`${field}\` must be a string, got ${typeof v}`,
        `write \`${field}\` as a URL string`,
      );
      return null;
    }
    return checkUrl(ctx, v, base, ctx.ptr(at, field), field);
  };

  const refresh = url('refreshUrl', false);
  const revocation = revocationUrl(ctx, flow, scheme, at, base);
  const common = {
    refreshUrl: refresh?.raw ?? null,
    resolvedRefreshUrl: refresh?.resolved ?? null,
    revocationUrl: revocation?.raw ?? null,
    resolvedRevocationUrl: revocation?.resolved ?? null,
    serverName,
    scopes,
    clientAuth,
    source: { pointer: at },
  };
  if (kind === 'implicit') {
    const auth = url('authorizationUrl', true);
    if (!auth) return undefined;
    const implicitCommon: Omit<typeof common, 'revocationUrl' | 'resolvedRevocationUrl'> & {
      revocationUrl?: unknown;
      resolvedRevocationUrl?: unknown;
    } = { ...common };
    delete implicitCommon.revocationUrl;
    delete implicitCommon.resolvedRevocationUrl;
    return {
      ...implicitCommon,
      kind,
      authorizationUrl: auth.raw,
      tokenUrl: null,
      resolvedTokenUrl: null,
      relative: auth.relative,
    };
  }
  const token = url('tokenUrl', true);
  if (kind === 'authorizationCode') {
    const auth = url('authorizationUrl', true);
    if (!token || !auth) return undefined;
    const pkce = flow['x-grantgen-pkce'] ?? scheme['x-grantgen-pkce'];
    const issuer = flow['x-grantgen-issuer'] ?? scheme['x-grantgen-issuer'];
    return {
      ...common,
      kind,
      tokenUrl: token.raw,
      resolvedTokenUrl: token.resolved,
      relative: token.relative || auth.relative,
      authorizationUrl: auth.raw,
      resolvedAuthorizationUrl: auth.resolved,
      pkce: pkce !== false,
      issuer: typeof issuer === 'string' && issuer !== '' ? issuer : null,
    };
  }
  if (kind === 'deviceAuthorization') {
    const device = url('deviceAuthorizationUrl', true);
    if (!token || !device) return undefined;
    return {
      ...common,
      kind,
      tokenUrl: token.raw,
      resolvedTokenUrl: token.resolved,
      relative: token.relative || device.relative,
      deviceAuthorizationUrl: device.raw,
      resolvedDeviceAuthorizationUrl: device.resolved,
    };
  }
  if (!token) return undefined;
  return { ...common, kind, tokenUrl: token.raw, resolvedTokenUrl: token.resolved, relative: token.relative };
}

/** `x-revocation-url` (RFC 7009 endpoint) on the flow, else on the scheme; null when neither has one. */
function revocationUrl(
  ctx: BuildContext,
  flow: Record<string, unknown>,
  scheme: Record<string, unknown>,
  at: string,
  base: string,
): { raw: string; resolved: string; relative: boolean } | null {
  const onFlow = flow['x-revocation-url'] !== undefined;
  const v = onFlow ? flow['x-revocation-url'] : scheme['x-revocation-url'];
  if (v === undefined || v === null || v === '') return null;
  const fieldAt = ctx.ptr(onFlow ? at : at.replace(/\/flows\/[^/]+$/, ''), 'x-revocation-url');
  if (typeof v !== 'string') {
    ctx.problem(
      'flow-url-type',
      fieldAt,
      `\`x-revocation-url\` must be a string, got ${typeof v}`,
      'write `x-revocation-url` as a URL string',
    );
    return null;
  }
  return checkUrl(ctx, v, base, fieldAt, 'x-revocation-url');
}

/** Accept absolute http(s) URLs and relative references; anything else is a problem. */
function checkUrl(
  ctx: BuildContext,
  raw: string,
  base: string,
  at: string,
  field: string,
): { raw: string; resolved: string; relative: boolean } | null {
  if (/[\s<>"`\\]/.test(raw) || raw.includes('..')) {
    ctx.problem(
      'flow-url-invalid',
      at,
      `\`${field}\` ${JSON.stringify(raw)} is not a usable URL`,
      'write an absolute https URL or a path relative to the server, without spaces or `..`',
    );
    return null;
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(raw)?.[1];
  if (scheme !== undefined) {
    if (!/^https?$/i.test(scheme) || !URL.canParse(raw)) {
      ctx.problem(
        'flow-url-invalid',
        at,
        `\`${field}\` ${JSON.stringify(raw)} is not an http(s) URL`,
        'use an https URL (or a path relative to the server)',
      );
      return null;
    }
    return { raw, resolved: raw, relative: false };
  }
  const resolved = URL.canParse(base)
    ? new URL(raw, base.endsWith('/') ? base : base + '/').toString()
    : joinPath(base, raw);
  return { raw, resolved: resolveRelative(base, raw, resolved), relative: true };
}

/** OpenAPI resolves a relative URL against the server URL, keeping the server's path prefix. */
function resolveRelative(base: string, raw: string, fallback: string): string {
  if (!URL.canParse(base)) return fallback;
  if (raw.startsWith('/')) return base.replace(/\/+$/, '') + raw;
  return fallback;
}

function joinPath(base: string, rel: string): string {
  return base.replace(/\/+$/, '') + '/' + rel.replace(/^\/+/, '');
}

function buildScopes(ctx: BuildContext, flow: Record<string, unknown>, at: string): IrScope[] {
  const scopes = flow['scopes'];
  if (scopes === undefined) return [];
  if (!isObject(scopes)) {
    ctx.problem(
      'scopes-not-object',
      ctx.ptr(at, 'scopes'),
      '`scopes` must map scope names to descriptions',
      'write `scopes: { "read": "Read access" }` (or `{}`)',
    );
    return [];
  }
  const hints = flow['x-grantgen-scope-names'];
  return Object.entries(scopes).map(([wire, desc]) => ({
    wireName: wire,
    memberHint: isObject(hints) && typeof hints[wire] === 'string' ? hints[wire] : null,
    description: typeof desc === 'string' ? desc : '',
  }));
}

/** Parse a `security` array into alternatives (OR) of scheme sets (AND). */
export function buildRequirement(
  ctx: BuildContext,
  value: unknown,
  at: string,
  known: ReadonlySet<string>,
): IrSecurityRequirement {
  if (!Array.isArray(value)) {
    ctx.problem(
      'security-not-array',
      at,
      '`security` must be a list of requirement objects',
      'write `security: [{ SchemeName: [scopes] }]`, or `[]` for none',
    );
    return { alternatives: [] };
  }
  const alternatives = value.flatMap((alt, i) => {
    const altAt = ctx.ptr(at, i);
    if (!isObject(alt)) {
      ctx.problem(
        'security-requirement',
        altAt,
        'a security requirement must be an object',
        'map scheme names to scope lists',
      );
      return [];
    }
    const schemes = Object.entries(alt).flatMap(([name, scopes]) => {
      if (!known.has(name)) {
        ctx.problem(
          'security-unknown-scheme',
          ctx.ptr(altAt, name),
          `security requirement names unknown scheme "${name}"`,
          'declare it under components.securitySchemes or fix the name',
        );
        return [];
      }
      const list = Array.isArray(scopes) ? scopes.filter((s): s is string => typeof s === 'string') : [];
      return [{ wireName: name, scopes: list }];
    });
    return [{ schemes }];
  });
  return { alternatives };
}
