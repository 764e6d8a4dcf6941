/**
 * Servers → environments. OpenAPI has a flat server list; grantgen reads an environment × server
 * grid from two extensions on each server: `x-grantgen-environment` (environment name) and
 * `x-grantgen-server` (server name inside it, default `default`), plus `x-grantgen-default: true`
 * to pick the default environment. Without extensions every server is its own environment.
 */
import { type BuildContext, isObject, scalar, str } from './context.js';
import type { IrEnvironment, IrServerVariable } from './types.js';

export const DEFAULT_SERVER = 'default';

interface RawServer {
  url: string;
  env: string;
  server: string;
  description: string;
  isDefault: boolean;
  variables: IrServerVariable[];
}

export interface ServerModel {
  environments: IrEnvironment[];
  serverNames: string[];
  serverVariables: IrServerVariable[];
  /** Path/operation `servers` lists already registered: identity → server name. */
  scoped: Map<string, string>;
}

export function buildServers(ctx: BuildContext): ServerModel {
  const raw = readServers(ctx, ctx.doc['servers'], '/servers');
  if (raw.length === 0) {
    raw.push({ url: '/', env: 'default', server: DEFAULT_SERVER, description: '', isDefault: true, variables: [] });
  }

  const serverNames: string[] = [];
  for (const r of raw) if (!serverNames.includes(r.server)) serverNames.push(r.server);
  if (!serverNames.includes(DEFAULT_SERVER)) serverNames.unshift(DEFAULT_SERVER);

  const envOrder: string[] = [];
  for (const r of raw) if (!envOrder.includes(r.env)) envOrder.push(r.env);
  const explicitDefault = raw.find((r) => r.isDefault)?.env ?? envOrder[0];

  const environments: IrEnvironment[] = envOrder.map((env) => {
    const mine = raw.filter((r) => r.env === env);
    const first = mine[0] as RawServer;
    return {
      wireName: env,
      description: mine.find((m) => m.description)?.description ?? '',
      isDefault: env === explicitDefault,
      servers: serverNames.map((name) => ({
        serverName: name,
        url: (mine.find((m) => m.server === name) ?? mine.find((m) => m.server === DEFAULT_SERVER) ?? first).url,
      })),
    };
  });

  const vars = new Map<string, IrServerVariable>();
  for (const r of raw) for (const v of r.variables) if (!vars.has(v.wireName)) vars.set(v.wireName, v);
  const serverVariables = [...vars.values()].sort((a, b) => (a.wireName < b.wireName ? -1 : 1));
  return { environments, serverNames, serverVariables, scoped: new Map() };
}

/**
 * A path- or operation-level `servers` list becomes one more server of every environment: the
 * entry whose environment (`x-grantgen-environment`, else `description`) matches, else the
 * list's first entry. Returns the server's name (`x-grantgen-server` of the first entry, else
 * `suggested`, made unique), or null when the list has no valid entry. The same list (same URLs
 * and environments) declared twice is one server.
 */
export function addScopedServers(
  ctx: BuildContext,
  model: ServerModel,
  value: unknown,
  at: string,
  suggested: string,
): string | null {
  if (value === undefined) return null;
  const raw = readServers(ctx, value, at);
  const first = raw[0];
  if (first === undefined) return null;
  const key = JSON.stringify(raw.map((r) => [r.url, r.env]));
  const known = model.scoped.get(key);
  if (known !== undefined) return known;
  const base = first.server !== DEFAULT_SERVER ? first.server : suggested;
  let name = base;
  for (let n = 2; model.serverNames.includes(name); n++) name = `${base} ${n}`;
  model.scoped.set(key, name);
  model.serverNames.push(name);
  for (const env of model.environments) {
    const url = (raw.find((r) => r.env === env.wireName) ?? first).url;
    env.servers.push({ serverName: name, url });
  }
  for (const r of raw)
    for (const v of r.variables)
      if (!model.serverVariables.some((x) => x.wireName === v.wireName)) model.serverVariables.push(v);
  model.serverVariables.sort((a, b) => (a.wireName < b.wireName ? -1 : 1));
  return name;
}

function readServers(ctx: BuildContext, list: unknown, listAt: string): RawServer[] {
  const raw: RawServer[] = [];
  if (list !== undefined && !Array.isArray(list)) {
    ctx.problem(
      'servers-not-array',
      listAt,
      '`servers` must be a list',
      'write `servers:` as a YAML/JSON list of objects with a `url`',
    );
  }
  const entries = Array.isArray(list) ? list : [];
  entries.forEach((s, i) => {
    const at = ctx.ptr(listAt, i);
    if (!isObject(s) || typeof s['url'] !== 'string') {
      ctx.problem('server-url', at, 'a server entry needs a string `url`', 'give every entry of `servers` a `url`');
      return;
    }
    const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(s['url'])?.[1];
    if (scheme !== undefined && !/^https?$/i.test(scheme)) {
      ctx.problem(
        'server-url-invalid',
        ctx.ptr(at, 'url'),
        `server URL ${JSON.stringify(s['url'])} is not an http(s) URL or a relative path`,
        'use an https URL (variables in `{braces}` are fine) or a path relative to the spec',
      );
      return;
    }
    const description = str(s['description']);
    const envName = str(s['x-grantgen-environment']) || description || `server ${i + 1}`;
    raw.push({
      url: s['url'],
      env: envName,
      server: str(s['x-grantgen-server']) || DEFAULT_SERVER,
      description,
      isDefault: s['x-grantgen-default'] === true,
      variables: readVariables(ctx, s['variables'], ctx.ptr(at, 'variables')),
    });
  });
  return raw;
}

function readVariables(ctx: BuildContext, value: unknown, at: string): IrServerVariable[] {
  if (value === undefined) return [];
  if (!isObject(value)) {
    ctx.problem(
      'server-variables',
      at,
      '`variables` must be an object',
      'map each variable name to `{ default: ... }`',
    );
    return [];
  }
  const out: IrServerVariable[] = [];
  for (const [name, v] of Object.entries(value)) {
    if (!isObject(v) || (typeof v['default'] !== 'string' && typeof v['default'] !== 'number')) {
      ctx.problem(
        'server-variable-default',
        ctx.ptr(at, name),
        `server variable "${name}" needs a \`default\``,
        'add `default: <value>` (OpenAPI requires it)',
      );
      continue;
    }
    const en = Array.isArray(v['enum']) ? v['enum'].map(scalar) : [];
    out.push({ wireName: name, default: scalar(v['default']), enum: en, description: str(v['description']) });
  }
  return out;
}

/** Substitute `{var}` with the variables' defaults. */
export function expandServerUrl(url: string, variables: IrServerVariable[]): string {
  return url.replace(
    /\{([^}]+)\}/g,
    (whole, name: string) => variables.find((v) => v.wireName === name)?.default ?? whole,
  );
}

/** The default environment's URL of server `serverName`, variables expanded. */
export function defaultServerUrl(model: ServerModel, serverName: string): string {
  const env = model.environments.find((e) => e.isDefault) ?? model.environments[0];
  const url = env?.servers.find((s) => s.serverName === serverName)?.url ?? env?.servers[0]?.url ?? '/';
  return expandServerUrl(url, model.serverVariables);
}
