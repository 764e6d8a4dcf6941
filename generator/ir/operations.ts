/** Paths → operations, each with its parameters, body, responses and effective security. */
import { type BuildContext, isObject, str } from './context.js';
import type { SchemaReducer } from './schemas.js';
import { buildRequirement } from './security.js';
import { addScopedServers, DEFAULT_SERVER, type ServerModel } from './servers.js';
import type { IrOperation, IrParameter, IrRequestBody, IrResponse, IrSecurityRequirement } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
const PARAM_IN = ['path', 'query', 'header', 'cookie'] as const;

export function buildOperations(
  ctx: BuildContext,
  schemas: SchemaReducer,
  global: IrSecurityRequirement | null,
  knownSchemes: ReadonlySet<string>,
  servers: ServerModel,
): IrOperation[] {
  const paths = ctx.doc['paths'];
  if (paths === undefined) return [];
  if (!isObject(paths)) {
    ctx.problem('paths-not-object', '/paths', '`paths` must be an object', 'map each path to its operations');
    return [];
  }
  const ops: IrOperation[] = [];
  for (const [path, rawItem] of Object.entries(paths)) {
    if (path.startsWith('x-')) continue;
    const itemAt = ctx.ptr('/paths', path);
    const item = ctx.deref(rawItem, itemAt);
    if (!item || !isObject(item.value)) continue;
    const pathItem = item.value;
    const shared = readParameters(ctx, schemas, pathItem['parameters'], ctx.ptr(itemAt, 'parameters'));
    // Registered on first use, so a path whose operations all have their own servers adds none.
    let pathServer: string | null | undefined;
    const pathServerName = (): string | null =>
      (pathServer ??= addScopedServers(ctx, servers, pathItem['servers'], ctx.ptr(itemAt, 'servers'), path));
    for (const method of METHODS) {
      const op = pathItem[method];
      if (op === undefined) continue;
      const at = ctx.ptr(itemAt, method);
      if (!isObject(op)) {
        ctx.problem(
          'operation-not-object',
          at,
          `${method.toUpperCase()} ${path} is not an object`,
          'give the operation at least `responses`',
        );
        continue;
      }
      const own = readParameters(ctx, schemas, op['parameters'], ctx.ptr(at, 'parameters'));
      const merged = mergeParameters(shared, own, path);
      const hasOwnSecurity = op['security'] !== undefined;
      const security = hasOwnSecurity
        ? buildRequirement(ctx, op['security'], ctx.ptr(at, 'security'), knownSchemes)
        : (global ?? { alternatives: [] });
      const tags = Array.isArray(op['tags']) ? op['tags'].filter((t): t is string => typeof t === 'string') : [];
      const ext = op['externalDocs'];
      const operationId = str(op['operationId']) || deriveOperationId(method, path);
      const server =
        addScopedServers(ctx, servers, op['servers'], ctx.ptr(at, 'servers'), operationId) ??
        pathServerName() ??
        DEFAULT_SERVER;
      ops.push({
        operationId,
        operationIdFromSpec: typeof op['operationId'] === 'string' && op['operationId'] !== '',
        method,
        path,
        tag: tags[0] ?? 'default',
        summary: str(op['summary']),
        description: str(op['description']),
        deprecated: op['deprecated'] === true,
        parameters: merged,
        requestBody: readBody(ctx, schemas, op['requestBody'], ctx.ptr(at, 'requestBody')),
        responses: readResponses(ctx, schemas, op['responses'], ctx.ptr(at, 'responses')),
        security,
        securityFromOperation: hasOwnSecurity,
        server,
        externalDocs:
          isObject(ext) && typeof ext['url'] === 'string'
            ? { url: ext['url'], description: str(ext['description']) }
            : null,
        source: { pointer: at },
      });
    }
  }
  return ops.sort((a, b) => cmp(a.tag, b.tag) || cmp(a.path, b.path) || cmp(a.method, b.method));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `get /users/{id}/keys` → `get users id keys` (targets case it). */
export function deriveOperationId(method: string, path: string): string {
  const parts = path.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return [method, ...parts].join(' ');
}

function readParameters(ctx: BuildContext, schemas: SchemaReducer, value: unknown, at: string): IrParameter[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    ctx.problem('parameters-not-array', at, '`parameters` must be a list', 'write parameters as a list of objects');
    return [];
  }
  const out: IrParameter[] = [];
  value.forEach((raw, i) => {
    const pAt = ctx.ptr(at, i);
    const r = ctx.deref(raw, pAt);
    if (!r) return;
    const p = r.value;
    if (isObject(p) && p['in'] === 'querystring') {
      // OpenAPI 3.2: the whole query string as one parameter; not generated (yet).
      ctx.warn(
        'openapi-3.2-querystring',
        pAt,
        `parameter ${JSON.stringify(p['name'] ?? '')} (in: querystring) is not generated; pass the query yourself`,
      );
      return;
    }
    if (!isObject(p) || typeof p['name'] !== 'string' || !(PARAM_IN as readonly unknown[]).includes(p['in'])) {
      ctx.problem(
        'parameter-invalid',
        pAt,
        'a parameter needs a string `name` and `in` (path, query, header, cookie)',
        'fix the parameter object',
      );
      return;
    }
    let schema = p['schema'];
    if (schema === undefined && isObject(p['content'])) {
      const first = Object.values(p['content'])[0];
      schema = isObject(first) ? first['schema'] : undefined;
    }
    out.push({
      wireName: p['name'],
      in: p['in'] as IrParameter['in'],
      required: p['in'] === 'path' || p['required'] === true,
      description: str(p['description']),
      schema: schemas.type(schema, ctx.ptr(r.pointer, 'schema')),
      deprecated: p['deprecated'] === true,
    });
  });
  return out;
}

/** Operation parameters override path-item ones (same name + in); path params first, in path order. */
function mergeParameters(shared: IrParameter[], own: IrParameter[], path: string): IrParameter[] {
  const key = (p: IrParameter): string => `${p.in}:${p.wireName}`;
  const byKey = new Map<string, IrParameter>();
  for (const p of [...shared, ...own]) byKey.set(key(p), p);
  const all = [...byKey.values()];
  const order = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
  const pathParams = all
    .filter((p) => p.in === 'path')
    .sort((a, b) => order.indexOf(a.wireName) - order.indexOf(b.wireName));
  return [...pathParams, ...all.filter((p) => p.in !== 'path')];
}

function pickContent(content: unknown): { type: string; media: Record<string, unknown> } | null {
  if (!isObject(content)) return null;
  const types = Object.keys(content);
  const pick =
    types.find((t) => /^application\/json\b/i.test(t)) ??
    types.find((t) => /\+json\b/i.test(t)) ??
    types.find((t) => /^application\/x-www-form-urlencoded/i.test(t)) ??
    types[0];
  if (pick === undefined) return null;
  const media = content[pick];
  return { type: pick, media: isObject(media) ? media : {} };
}

function readBody(ctx: BuildContext, schemas: SchemaReducer, value: unknown, at: string): IrRequestBody | null {
  if (value === undefined) return null;
  const r = ctx.deref(value, at);
  if (!r || !isObject(r.value)) return null;
  const body = r.value;
  const picked = pickContent(body['content']);
  if (!picked) return null;
  return {
    required: body['required'] === true,
    description: str(body['description']),
    contentType: picked.type,
    schema: schemas.type(picked.media['schema'], ctx.ptr(r.pointer, 'content', picked.type, 'schema')),
  };
}

function statusOrder(s: string): number {
  if (/^\d{3}$/.test(s)) return Number(s);
  if (/^\dXX$/i.test(s)) return Number(s[0]) * 100 + 99.5;
  return 10_000;
}

function readResponses(ctx: BuildContext, schemas: SchemaReducer, value: unknown, at: string): IrResponse[] {
  if (!isObject(value)) return [];
  const out: IrResponse[] = [];
  for (const [status, raw] of Object.entries(value)) {
    if (status.startsWith('x-')) continue;
    const rAt = ctx.ptr(at, status);
    const r = ctx.deref(raw, rAt);
    if (!r || !isObject(r.value)) continue;
    const picked = pickContent(r.value['content']);
    out.push({
      status,
      description: str(r.value['description']),
      contentType: picked?.type ?? null,
      schema:
        picked && picked.media['schema'] !== undefined
          ? schemas.type(picked.media['schema'], ctx.ptr(r.pointer, 'content', picked.type, 'schema'))
          : null,
    });
  }
  return out.sort((a, b) => statusOrder(a.status) - statusOrder(b.status) || cmp(a.status, b.status));
}
