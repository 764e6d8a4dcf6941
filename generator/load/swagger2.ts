/**
 * Swagger 2.0 → OpenAPI 3.0 conversion with `swagger2openapi`, plus fix-ups for what it loses on
 * OAuth 2 security definitions: query strings in token/authorization URLs (it strips them) and
 * `x-` extensions, which it keeps on the scheme only; they are copied onto the flow too, because
 * in 2.0 a security definition is exactly one flow and grantgen reads flow-level extensions
 * (`x-grantgen-pkce`, `x-grantgen-client-auth`, ...) from the flow.
 */
import { fail } from './problem.js';

/** Swagger 2.0 `flow` → OpenAPI 3 `flows` key. */
export const FLOW_NAMES: Readonly<Record<string, string>> = {
  accessCode: 'authorizationCode',
  password: 'password',
  application: 'clientCredentials',
  implicit: 'implicit',
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** swagger2openapi's renaming of component names (oas-kit-common `sanitise`). */
export function sanitiseName(s: string): string {
  const parts = s.replace('[]', 'Array').split('/');
  parts[0] = parts[0]!.replace(/[^A-Za-z0-9_\-.]+|\s+/gm, '_');
  return parts.join('/');
}

/** Convert a (bundled) Swagger 2.0 document; throws `swagger-convert` on failure. */
export async function convertSwagger2(doc: Obj, file: string): Promise<Obj> {
  if (doc.swagger === 2) doc.swagger = '2.0';
  // The input is not modified by swagger2openapi (it clones it), so the definitions can be read after.
  let out: Obj;
  try {
    // Loaded on demand: only Swagger 2.0 input needs the converter (keeps start-up small).
    const s2o = (await import('swagger2openapi')).default;
    out = (await s2o.convertObj(doc, { patch: true, warnOnly: true, resolve: false })).openapi;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    fail(
      'swagger-convert',
      file,
      '',
      `cannot convert the Swagger 2.0 document to OpenAPI 3: ${msg}`,
      'Fix the Swagger 2.0 document where the message points, or convert it to OpenAPI 3 yourself (e.g. with the swagger2openapi CLI) and pass the result.',
    );
  }
  fixSecuritySchemes(doc, out);
  return out;
}

function fixSecuritySchemes(swagger: Obj, openapi: Obj): void {
  const defs = swagger.securityDefinitions;
  const comps = openapi.components;
  if (!isObj(defs) || !isObj(comps) || !isObj(comps.securitySchemes)) return;
  const schemes = comps.securitySchemes;
  for (const [name, def] of Object.entries(defs)) {
    const scheme = schemes[sanitiseName(name)];
    if (!isObj(def) || !isObj(scheme)) continue;
    for (const [k, v] of Object.entries(def)) if (k.startsWith('x-') && !(k in scheme)) scheme[k] = v;
    if (def.type !== 'oauth2' || typeof def.flow !== 'string') continue;
    const flowName = FLOW_NAMES[def.flow];
    const flows = scheme.flows;
    if (flowName === undefined || !isObj(flows) || !isObj(flows[flowName])) continue;
    const flow = flows[flowName];
    if (typeof def.tokenUrl === 'string' && def.tokenUrl.trim() !== '') flow.tokenUrl = def.tokenUrl.trim();
    if (typeof def.authorizationUrl === 'string' && def.authorizationUrl.trim() !== '')
      flow.authorizationUrl = def.authorizationUrl.trim();
    for (const [k, v] of Object.entries(def)) if (k.startsWith('x-') && !(k in flow)) flow[k] = v;
  }
}
