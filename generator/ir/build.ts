/**
 * IR builder: one code path for every spec version (the loader normalizes Swagger 2.0 to the 3.x
 * shape). Collects every problem it finds; throws one GrantgenError listing them all.
 */
import { GrantgenError } from '../errors.js';
import { BuildContext, type SpecSource, isObject, scalar, str } from './context.js';
import { warnUnsupported32 } from './openapi32.js';
import { buildOperations } from './operations.js';
import { SchemaReducer } from './schemas.js';
import { buildRequirement, buildSecuritySchemes } from './security.js';
import { buildServers } from './servers.js';
import type { IrApi, IrTag } from './types.js';

export type { SpecSource } from './context.js';

export interface BuildResult {
  ir: IrApi;
}

/** Build the IR, or throw a GrantgenError carrying every problem found. */
export function buildIr(source: SpecSource): IrApi {
  const ctx = new BuildContext(source);
  const ir = collectIr(ctx);
  if (ctx.problems.length > 0) throw new GrantgenError(ctx.problems);
  return ir;
}

/** Build as far as possible and return the IR together with every problem (for `validate`). */
export function checkIr(source: SpecSource): { ir: IrApi; problems: GrantgenError['problems'] } {
  const ctx = new BuildContext(source);
  const ir = collectIr(ctx);
  return { ir, problems: ctx.problems };
}

function collectIr(ctx: BuildContext): IrApi {
  const info = ctx.doc['info'];
  if (!isObject(info) || typeof info['title'] !== 'string' || info['title'].trim() === '') {
    ctx.problem(
      'info-title',
      '/info/title',
      'the spec has no `info.title`',
      'add `info: { title: "My API", version: "1.0.0" }`; the title names the package',
    );
  }
  const title = isObject(info) ? str(info['title']) : '';
  if (ctx.source.specVersion.startsWith('3.2')) warnUnsupported32(ctx);
  const servers = buildServers(ctx);
  const securitySchemes = buildSecuritySchemes(ctx, servers);
  const known = new Set<string>();
  const components = ctx.doc['components'];
  if (isObject(components) && isObject(components['securitySchemes'])) {
    for (const k of Object.keys(components['securitySchemes'])) known.add(k);
  }
  const globalSecurity =
    ctx.doc['security'] === undefined ? null : buildRequirement(ctx, ctx.doc['security'], '/security', known);
  const schemas = new SchemaReducer(ctx);
  const operations = buildOperations(ctx, schemas, globalSecurity, known, servers);
  const models = schemas.drain();

  const tagDocs = new Map<string, string>();
  if (Array.isArray(ctx.doc['tags'])) {
    for (const t of ctx.doc['tags'])
      if (isObject(t) && typeof t['name'] === 'string') tagDocs.set(t['name'], str(t['description']));
  }
  const tags: IrTag[] = [...new Set(operations.map((o) => o.tag))]
    .sort()
    .map((t) => ({ wireName: t, description: tagDocs.get(t) ?? '' }));

  const grantFlows = securitySchemes.flatMap((s) =>
    s.kind === 'oauth2'
      ? s.flows.filter(
          (f) => f.kind === 'authorizationCode' || f.kind === 'password' || f.kind === 'deviceAuthorization',
        )
      : [],
  );
  if (grantFlows.length === 0) {
    ctx.warn(
      'no-oauth-grant',
      '/components/securitySchemes',
      'the spec declares no OAuth 2 authorizationCode, password or deviceAuthorization flow; generating the rest without OAuth managers',
    );
  }

  return {
    title,
    version: isObject(info) ? scalar(info['version']) : '',
    description: isObject(info) ? str(info['description']) : '',
    specVersion: ctx.source.specVersion,
    environments: servers.environments,
    serverNames: servers.serverNames,
    serverVariables: servers.serverVariables,
    securitySchemes,
    globalSecurity,
    tags,
    operations,
    models,
    warnings: ctx.warnings,
  };
}
