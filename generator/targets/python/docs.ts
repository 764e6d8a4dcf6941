/**
 * Views of the generated Markdown docs: the two OAuth pages (which must match the reference
 * pages for the sample spec, see test/python/seed-fixes.json), model, controller and exception
 * pages, and the README. Spec strings are escaped with the shared Markdown helpers.
 */
import type { IrApi, IrModel } from '../../ir/types.js';
import { assignNames, kebabCase } from '../../naming/index.js';
import { mdCell, mdCode, mdParagraph, mdText, mdUrl } from '../shared/markdown.js';
import { chosenFlow, type PyNames, type SchemeNames } from './names.js';
import type { IrSecurityScheme } from '../../ir/types.js';

interface SchemeLike {
  names: SchemeNames;
  scheme: IrSecurityScheme;
  kind: 'acg' | 'ropcg' | 'ccg' | 'basic' | 'bearer' | 'apiKey';
}

interface ControllerLike {
  className: string;
  accessor: string;
  tagWire: string;
  module: string;
  operations: {
    methodName: string;
    wireId: string;
    method: string;
    path: string;
    returnType: string;
    securityText: string;
    deprecated: boolean;
  }[];
}

const BASE_SLUG: Partial<Record<SchemeLike['kind'], string>> = {
  acg: 'oauth-2-authorization-code-grant',
  ropcg: 'oauth-2-resource-owner-credentials-grant',
};

function initSnippet(s: SchemeLike, clientClass: string): string {
  const n = s.names;
  const fields =
    s.kind === 'acg'
      ? [
          "o_auth_client_id='OAuthClientId'",
          "o_auth_client_secret='OAuthClientSecret'",
          "o_auth_redirect_uri='OAuthRedirectUri'",
        ]
      : [
          "o_auth_client_id='OAuthClientId'",
          "o_auth_client_secret='OAuthClientSecret'",
          "o_auth_username='OAuthUsername'",
          "o_auth_password='OAuthPassword'",
        ];
  const lines = fields.map((f) => `        ${f}`);
  if (n.scopeEnumClass !== '') {
    const members = [...n.scopeMembers.values()].map((m) => `            ${n.scopeEnumClass}.${m}`);
    lines.push(`        o_auth_scopes=[\n${members.join(',\n')}\n        ]`);
  }
  return [`client = ${clientClass}(`, `    ${n.kwarg}=${n.credentialsClass}(`, lines.join(',\n'), '    )', ')'].join(
    '\n',
  );
}

export function authDocViews(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeLike[],
  controllers: ControllerLike[],
  models: IrModel[],
) {
  const files: { path: string; template: string; view: object }[] = [];
  const authLinks: { title: string; link: string; scheme: string }[] = [];
  for (const kind of ['acg', 'ropcg'] as const) {
    const ofKind = schemes.filter((s) => s.kind === kind);
    const slugs = assignNames(
      ofKind.map((s) => s.scheme.wireName),
      (w) => kebabCase(w) || 'scheme',
      { reserved: new Set<string>(), separator: '-', caseInsensitive: true },
    );
    for (const s of ofKind) {
      const flow = chosenFlow(s.scheme);
      const slug =
        (BASE_SLUG[kind] as string) + (ofKind.length > 1 ? '-' + (slugs.get(s.scheme.wireName) as string) : '');
      const path = `doc/auth/${slug}.md`;
      authLinks.push({
        title: kind === 'acg' ? 'OAuth 2 Authorization Code Grant' : 'OAuth 2 Resource Owner Credentials Grant',
        link: path,
        scheme: mdText(s.scheme.wireName),
      });
      files.push({
        path,
        template: kind === 'acg' ? 'doc/auth-acg.md.hbs' : 'doc/auth-ropcg.md.hbs',
        view: {
          schemeText: mdText(s.scheme.wireName),
          credentialsClass: s.names.credentialsClass,
          kwarg: s.names.kwarg,
          accessor: s.names.accessor,
          clientClass: names.clientClass,
          clientModule: names.clientModule,
          pkg: names.packageName,
          schemeModule: s.names.module,
          hasScopes: s.names.scopeEnumClass !== '',
          scopeEnumClass: s.names.scopeEnumClass,
          scopeEnumModule: s.names.scopeEnumModule,
          scopeEnumDoc: s.names.scopeEnumDoc,
          scopeRows: (flow?.scopes ?? []).map((sc) => ({
            member: s.names.scopeMembers.get(sc.wireName) as string,
            description: mdCell(sc.description),
          })),
          initSnippet: initSnippet(s, names.clientClass),
        },
      });
    }
  }
  files.push({
    path: 'doc/models/o-auth-token.md',
    template: 'doc/o-auth-token.md.hbs',
    view: { pkg: names.packageName },
  });
  for (const s of schemes.filter((x) => x.names.scopeEnumClass !== '')) {
    const flow = chosenFlow(s.scheme);
    files.push({
      path: `doc/models/${s.names.scopeEnumDoc}.md`,
      template: 'doc/scope-enum.md.hbs',
      view: {
        className: s.names.scopeEnumClass,
        schemeText: mdText(s.scheme.wireName),
        importLine: `from ${names.packageName}.models.${s.names.scopeEnumModule} import ${s.names.scopeEnumClass}`,
        rows: (flow?.scopes ?? []).map((sc) => ({
          member: s.names.scopeMembers.get(sc.wireName) as string,
          value: mdCode(sc.wireName),
          description: mdCell(sc.description),
        })),
      },
    });
  }
  for (const m of models) {
    const n = names.models.get(m.wireName) as { module: string; className: string; doc: string };
    files.push({
      path: `doc/models/${n.doc}.md`,
      template: 'doc/model.md.hbs',
      view: {
        className: n.className,
        hasDescription: m.description.trim() !== '',
        description: mdParagraph(m.description),
        importLine: `from ${names.packageName}.models.${n.module} import ${n.className}`,
        isEnum: m.kind === 'enum',
        rows: m.properties.map((p) => ({
          wire: mdCode(p.wireName),
          required: p.required ? 'yes' : 'no',
          description: mdCell(p.description),
        })),
        values: m.enumValues.map((v) => ({ value: mdCode(JSON.stringify(v)) })),
      },
    });
  }
  files.push({ path: 'doc/exceptions.md', template: 'doc/exceptions.md.hbs', view: { pkg: names.packageName } });
  for (const c of controllers) {
    files.push({
      path: `doc/controllers/${kebabCase(c.accessor) || 'default'}.md`,
      template: 'doc/controller.md.hbs',
      view: {
        className: c.className,
        tagText: mdText(c.tagWire),
        accessor: c.accessor,
        importLine: `from ${names.packageName}.controllers.${c.module} import ${c.className}`,
        operations: c.operations.map((o) => ({
          methodName: o.methodName,
          wire: mdCode(o.wireId),
          request: mdCode(`${o.method} ${o.path}`),
          returns: mdCode(`ApiResponse[${o.returnType}]`),
          security: mdText(o.securityText),
          deprecated: o.deprecated,
        })),
      },
    });
  }
  const readme = {
    title: mdText(ir.title),
    hasDescription: ir.description.trim() !== '',
    description: mdParagraph(ir.description),
    pkg: names.packageName,
    clientClass: names.clientClass,
    clientModule: names.clientModule,
    authLinks,
    schemes: schemes.map((s) => ({
      scheme: mdText(s.scheme.wireName),
      kwarg: s.names.kwarg,
      credentialsClass: s.names.credentialsClass,
      kind: s.kind,
    })),
    firstGrant: schemes.find((s) => s.kind === 'acg' || s.kind === 'ropcg') ? true : false,
    controllers: controllers.map((c) => ({
      accessor: c.accessor,
      link: `doc/controllers/${kebabCase(c.accessor) || 'default'}.md`,
      tagText: mdText(c.tagWire),
    })),
    environments: ir.environments.map((e) => ({
      name: mdCode(e.wireName),
      isDefault: e.isDefault,
      servers: e.servers
        .map((s) => `${mdCode(s.serverName)}: ${mdUrl(s.url) !== null ? mdCode(s.url) : mdCode(s.url)}`)
        .join(', '),
    })),
  };
  return { files, readme };
}
