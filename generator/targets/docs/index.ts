/**
 * The `docs` target: language-neutral Markdown reference of the API (environments, auth schemes
 * with their OAuth flows and scopes, operations with their security). Every spec string is
 * escaped for Markdown by the view-model.
 */
import type { IrApi, IrOAuthFlow, IrSecurityRequirement, IrSecurityScheme } from '../../ir/types.js';
import { mdCell, mdCode, mdParagraph, mdText, mdUrl } from '../shared/markdown.js';
import { KIND_FACTS } from '../shared/contract.js';
import type { Target, TargetPlan } from '../target.js';

function flowTitle(kind: IrOAuthFlow['kind']): string {
  return kind === 'implicit'
    ? 'OAuth 2 Implicit Grant (not generated: RFC 9700 deprecates it; listed for completeness)'
    : KIND_FACTS[kind].title;
}

function schemeKind(s: IrSecurityScheme): string {
  switch (s.kind) {
    case 'oauth2':
      return 'OAuth 2';
    case 'apiKey':
      return `API key in ${s.in} ${mdCode(s.paramName)}`;
    case 'http':
      return `HTTP ${mdCode(s.scheme)}`;
    case 'openIdConnect':
      return 'OpenID Connect';
  }
}

function requirementText(r: IrSecurityRequirement): string {
  if (r.alternatives.length === 0) return 'none';
  return r.alternatives
    .map((a) =>
      a.schemes.length === 0
        ? 'anonymous'
        : a.schemes
            .map((s) => mdCode(s.wireName) + (s.scopes.length ? ` (${s.scopes.map(mdCode).join(', ')})` : ''))
            .join(' and '),
    )
    .join(' or ');
}

export function docsView(ir: IrApi): object {
  return {
    title: mdText(ir.title),
    version: mdText(ir.version),
    specVersion: mdText(ir.specVersion),
    hasDescription: ir.description.trim() !== '',
    description: mdParagraph(ir.description),
    environments: ir.environments.map((e) => ({
      name: mdCode(e.wireName),
      isDefault: e.isDefault,
      servers: e.servers.map((s) => ({ name: mdCode(s.serverName), url: mdCode(s.url) })),
    })),
    hasVariables: ir.serverVariables.length > 0,
    variables: ir.serverVariables.map((v) => ({
      name: mdCode(v.wireName),
      default: mdCode(v.default),
      values: v.enum.map(mdCode).join(', '),
      description: mdCell(v.description),
    })),
    schemes: ir.securitySchemes.map((s) => ({
      name: mdCode(s.wireName),
      kind: schemeKind(s),
      hasDescription: s.description.trim() !== '',
      description: mdParagraph(s.description),
      flows:
        s.kind === 'oauth2'
          ? s.flows.map((f) => ({
              title: flowTitle(f.kind),
              urls: [
                ...(s.metadataUrl !== null
                  ? [{ label: 'Authorization server metadata (RFC 8414)', value: mdCode(s.metadataUrl) }]
                  : []),
                ...('authorizationUrl' in f ? [{ label: 'Authorization URL', value: mdCode(f.authorizationUrl) }] : []),
                ...('deviceAuthorizationUrl' in f
                  ? [{ label: 'Device authorization URL', value: mdCode(f.deviceAuthorizationUrl) }]
                  : []),
                ...(f.tokenUrl !== null ? [{ label: 'Token URL', value: mdCode(f.tokenUrl) }] : []),
                ...(f.refreshUrl !== null ? [{ label: 'Refresh URL', value: mdCode(f.refreshUrl) }] : []),
                ...(f.kind !== 'implicit' && f.revocationUrl !== null
                  ? [{ label: 'Revocation URL (RFC 7009)', value: mdCode(f.revocationUrl) }]
                  : []),
              ],
              hasScopes: f.scopes.length > 0,
              scopes: f.scopes.map((sc) => ({ value: mdCode(sc.wireName), description: mdCell(sc.description) })),
            }))
          : [],
    })),
    operations: ir.operations.map((o) => ({
      tag: mdCell(o.tag),
      method: o.method.toUpperCase(),
      path: mdCode(o.path),
      summary: mdCell(o.summary || o.operationId),
      security: requirementText(o.security),
      deprecated: o.deprecated,
      hasDocs: o.externalDocs !== null && mdUrl(o.externalDocs.url) !== null,
      docsUrl: o.externalDocs ? (mdUrl(o.externalDocs.url) ?? '') : '',
    })),
  };
}

export const docsTarget: Target = {
  name: 'docs',
  plan(ir: IrApi): TargetPlan {
    const warnings = ir.operations.length === 0 ? ['the spec has no operations'] : [];
    return { files: [{ path: 'README.md', template: 'README.md.hbs', view: docsView(ir) }], warnings };
  },
};
