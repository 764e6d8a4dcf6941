/**
 * OpenAPI 3.2 additions the generator cannot honour get a warning naming them (and are otherwise
 * skipped); the ones that do not affect the SDKs (tag `summary`/`parent`/`kind`, server `name`,
 * response `summary`, `components.mediaTypes`, scheme `deprecated`, discriminator `defaultMapping`,
 * example `dataValue`/`serializedValue`) are accepted silently. The OAuth additions
 * (`deviceAuthorization`, `oauth2MetadataUrl`) are built by `security.ts`.
 */
import { type BuildContext, isObject } from './context.js';

/** Warn about every 3.2 feature of the document that the SDKs do not implement. */
export function warnUnsupported32(ctx: BuildContext): void {
  const doc = ctx.doc;
  if (typeof doc['$self'] === 'string') {
    ctx.warn(
      'openapi-3.2-self',
      '/$self',
      '`$self` is not used: references resolve against the location of the spec file',
    );
  }
  const paths = doc['paths'];
  if (!isObject(paths)) return;
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const itemAt = ctx.ptr('/paths', path);
    if (item['query'] !== undefined) {
      ctx.warn(
        'openapi-3.2-query-method',
        ctx.ptr(itemAt, 'query'),
        `QUERY ${path} is not generated (the QUERY method is not supported yet)`,
      );
    }
    const extra = item['additionalOperations'];
    if (isObject(extra)) {
      for (const method of Object.keys(extra)) {
        ctx.warn(
          'openapi-3.2-additional-operation',
          ctx.ptr(itemAt, 'additionalOperations', method),
          `${method} ${path} (additionalOperations) is not generated`,
        );
      }
    }
    for (const [key, op] of Object.entries(item)) {
      if (!isObject(op) || key === 'additionalOperations' || key === 'parameters') continue;
      warnStreaming(ctx, op, ctx.ptr(itemAt, key), `${key.toUpperCase()} ${path}`);
    }
  }
}

/** `itemSchema` (sequential media types: JSON Lines, server-sent events) is read as one body. */
function warnStreaming(ctx: BuildContext, op: Record<string, unknown>, at: string, what: string): void {
  const contents: [string, unknown][] = [
    ['requestBody/content', isObject(op['requestBody']) ? op['requestBody']['content'] : undefined],
  ];
  if (isObject(op['responses'])) {
    for (const [status, r] of Object.entries(op['responses']))
      if (isObject(r)) contents.push([`responses/${status}/content`, r['content']]);
  }
  for (const [where, content] of contents) {
    if (!isObject(content)) continue;
    for (const [type, media] of Object.entries(content)) {
      if (isObject(media) && media['itemSchema'] !== undefined) {
        ctx.warn(
          'openapi-3.2-item-schema',
          ctx.ptr(at, ...where.split('/'), type, 'itemSchema'),
          `${what}: streamed items (\`itemSchema\` of ${type}) are not supported; the body is read as a whole`,
        );
      }
    }
  }
}
