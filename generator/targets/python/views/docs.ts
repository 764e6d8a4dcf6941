/**
 * Views of the generated Markdown docs: the OAuth pages (which must match the reference pages for
 * the sample spec, see test/python/seed-fixes.json), model, controller and exception pages, and
 * the README. Spec strings are escaped with the shared Markdown helpers.
 */
import type { IrApi, IrModel } from '../../../ir/types.js';
import { mdCell, mdCode, mdParagraph, mdText } from '../../shared/markdown.js';
import { credentialFields, hasMetadata, type CredentialValue } from '../../shared/contract.js';
import { controllerDocSlug, credentialKeyword, type ModelNames, type PyNames } from '../names.js';
import type { ControllerView } from './controller.js';
import { PY_VERSION_FLOOR } from './package.js';
import { unitLabel, type SchemeView } from './scheme.js';

/** `doc/auth-acg.md.hbs` and `doc/auth-ropcg.md.hbs`. */
export interface AuthDocView {
  schemeText: string;
  credentialsClass: string;
  kwarg: string;
  accessor: string;
  clientClass: string;
  clientModule: string;
  pkg: string;
  schemeModule: string;
  hasScopes: boolean;
  scopeEnumClass: string;
  scopeEnumModule: string;
  scopeEnumDoc: string;
  scopeRows: { member: string; description: string }[];
  initSnippet: InitSnippetView;
  /** The async section goes on this page (false for a seed-pinned page: see SEED_PINNED_PAGES). */
  asyncInline: boolean;
  async: AsyncDocView;
}

/** The "Async" section (partial `auth-async`), inline or on a companion page `doc/auth-async.md.hbs`. */
export interface AsyncDocView {
  title: string;
  asyncClientClass: string;
  /** The synchronous page, for the companion page's back link ('' when inline). */
  syncLink: string;
  snippet: string;
}

/** `doc/auth-credentials.md.hbs`: client credentials, HTTP basic, bearer and API key managers. */
export interface CredentialsDocView {
  title: string;
  schemeText: string;
  credentialsClass: string;
  kwarg: string;
  accessor: string;
  clientClass: string;
  clientModule: string;
  pkg: string;
  schemeModule: string;
  rows: { name: string; type: string; description: string; keyword: string }[];
  initSnippet: InitSnippetView;
  /** Client credentials: the SDK fetches tokens itself. */
  isClientCredentials: boolean;
  /** Device authorization grant: the "sign in on another device" walkthrough. */
  isDevice: boolean;
  hasScopes: boolean;
  scopeEnumClass: string;
  scopeEnumDoc: string;
  scopeRows: { member: string; description: string }[];
  asyncInline: boolean;
  async: AsyncDocView;
}

/** `doc/scope-enum.md.hbs`. */
export interface ScopeEnumDocView {
  className: string;
  schemeText: string;
  importLine: string;
  rows: { member: string; value: string; description: string }[];
}

/** `doc/model.md.hbs`. */
export interface ModelDocView {
  className: string;
  hasDescription: boolean;
  description: string;
  importLine: string;
  isEnum: boolean;
  rows: { wire: string; required: string; description: string }[];
  values: { value: string }[];
}

/** `doc/controller.md.hbs`. */
export interface ControllerDocView {
  className: string;
  tagText: string;
  accessor: string;
  importLine: string;
  operations: {
    methodName: string;
    wire: string;
    request: string;
    returns: string;
    security: string;
    deprecated: boolean;
  }[];
}

/** `doc/o-auth-token.md.hbs` and `doc/exceptions.md.hbs`. */
export interface PackageDocView {
  pkg: string;
}

/** `README.md.hbs`. */
export interface ReadmeView {
  /** The oldest Python the package supports (PY_VERSION_FLOOR). */
  pythonFloor: string;
  title: string;
  hasDescription: boolean;
  description: string;
  pkg: string;
  hasOAuth: boolean;
  metadataScheme: ReadmeScheme | null;
  deviceScheme: ReadmeScheme | null;
  acgScheme: ReadmeScheme | null;
  clientClass: string;
  clientModule: string;
  authLinks: { title: string; link: string; scheme: string }[];
  /** Companion pages with the async use of the seed-pinned auth pages. */
  asyncPages: { title: string; link: string }[];
  schemes: { scheme: string; kwarg: string; credentialsClass: string }[];
  firstGrant: boolean;
  controllers: { accessor: string; link: string; tagText: string }[];
  environments: { name: string; isDefault: boolean; servers: string }[];
}

export type DocFile =
  | { path: string; template: 'doc/auth-acg.md.hbs' | 'doc/auth-ropcg.md.hbs'; view: AuthDocView }
  | { path: string; template: 'doc/auth-credentials.md.hbs'; view: CredentialsDocView }
  | { path: string; template: 'doc/auth-async.md.hbs'; view: AsyncDocView }
  | { path: string; template: 'doc/scope-enum.md.hbs'; view: ScopeEnumDocView }
  | { path: string; template: 'doc/model.md.hbs'; view: ModelDocView }
  | { path: string; template: 'doc/controller.md.hbs'; view: ControllerDocView }
  | { path: string; template: 'doc/o-auth-token.md.hbs' | 'doc/exceptions.md.hbs'; view: PackageDocView };

/** Python type of a credential field, for the credential tables. */
const VALUE_TYPES: Record<CredentialValue, string> = {
  string: 'str',
  secret: 'str',
  boolean: 'bool',
  number: 'float',
  nullableString: 'Optional[str]',
  stringList: 'Sequence[str]',
  scopes: 'List[ScopeEnum]',
  token: 'OAuthToken',
  tokenCallback: 'Callable[[OAuthToken], None]',
  clientAuth: 'str',
  tokenStore: 'TokenStore',
  discovery: 'str',
};

/**
 * The construction example of a manager's credentials (`partials/py_doc_init.hbs`): the client and
 * credentials classes, and the keywords the contract marks for examples, with placeholder values.
 */
export interface InitSnippetView {
  clientClass: string;
  kwarg: string;
  credentialsClass: string;
  scopeEnumClass: string;
  /** `keyword='DocName'`, or for the scopes field every scope enum member. */
  credentials: { keyword: string; docName: string; isScopes: boolean; scopeMembers: string[] }[];
}

function initSnippet(s: SchemeView, clientClass: string): InitSnippetView {
  const n = s.names;
  const hasScopes = n.scopeEnumClass !== '';
  return {
    clientClass,
    kwarg: n.kwarg,
    credentialsClass: n.credentialsClass,
    scopeEnumClass: n.scopeEnumClass,
    credentials: credentialFields(s.unit.kind, hasScopes, hasMetadata(s.unit)).flatMap((f) => {
      const keyword = credentialKeyword(f);
      if (!f.inExample || keyword === null) return [];
      const isScopes = f.value === 'scopes';
      return [{ keyword, docName: f.docName, isScopes, scopeMembers: isScopes ? [...n.scopeMembers.values()] : [] }];
    }),
  };
}

/** The credential keyword lines of the async program in the docs (the fields of `initSnippet`). */
function credentialLines(s: SchemeView, indent: number): string {
  const v = initSnippet(s, '');
  const pad = ' '.repeat(indent);
  return v.credentials
    .map((c) =>
      c.isScopes
        ? `${pad}${c.keyword}=[\n${c.scopeMembers.map((m) => `${pad}    ${v.scopeEnumClass}.${m}`).join(',\n')}\n${pad}]`
        : `${pad}${c.keyword}='${c.docName}'`,
    )
    .join(',\n');
}

/**
 * Auth pages pinned byte for byte to the reference (seed) pages: those of the sample spec
 * (specs/multiauth-sample.yaml, test/python/seed-fixes.json). They keep the seed text; their async
 * use goes on a companion page `<page>-async.md` linked from the README.
 */
const SEED_PINNED_PAGES: readonly { apiTitle: string; docSlug: string }[] = [
  { apiTitle: 'MultiAuth-Sample', docSlug: 'oauth-2-authorization-code-grant' },
  { apiTitle: 'MultiAuth-Sample', docSlug: 'oauth-2-resource-owner-credentials-grant' },
];

function isSeedPinned(ir: IrApi, s: SchemeView): boolean {
  return SEED_PINNED_PAGES.some((p) => p.apiTitle === ir.title && p.docSlug === s.unit.docSlug);
}

/** An operation of `s`'s scheme callable without arguments, as `client.<controller>.<method>()`. */
function exampleCall(ir: IrApi, s: SchemeView, controllers: ControllerView[]): string | null {
  const wire = s.unit.scheme.wireName;
  for (const c of controllers) {
    const ops = ir.operations.filter((o) => o.tag === c.tagWire);
    for (const [i, op] of ops.entries()) {
      const noArgs = op.parameters.every((p) => !p.required) && (op.requestBody === null || !op.requestBody.required);
      const secured = op.security.alternatives.some((a) => a.schemes.some((x) => x.wireName === wire));
      const view = c.operations[i];
      if (noArgs && secured && view !== undefined) return `client.${c.accessor}.${view.methodName}()`;
    }
  }
  return null;
}

/** The async program of a manager's flow (type-checked by test/python/sdk.test.ts with mypy --strict). */
function asyncSnippet(ir: IrApi, names: PyNames, s: SchemeView, controllers: ControllerView[]): string {
  const n = s.names;
  const u = s.unit;
  const asyncClient = `Async${names.clientClass}`;
  const acc = `client.${n.accessor}`;
  const pkgImports = [asyncClient];
  const body: string[] = [];
  const call = exampleCall(ir, s, controllers);
  const callLines = call === null ? [] : [`response = await ${call}`, 'print(response.status_code)'];
  const tryFetch = (fetch: string, ok: string[]): string[] => [
    'try:',
    `    token = await ${fetch}`,
    'except OAuthProviderException as ex:',
    '    print(f"the provider refused: {ex}")',
    '    return',
    ...ok,
  ];
  const refresh = [`if ${acc}.is_token_expired():`, `    token = await ${acc}.refresh_token()`];
  if (u.kind === 'authorizationCode') {
    pkgImports.push('OAuthProviderException');
    if (hasMetadata(u)) body.push(`await ${acc}.discover()`);
    body.push(
      `auth_url = ${acc}.get_authorization_url()`,
      'print(f"Open {auth_url} and approve the request")',
      'code = input("The code your redirect URI received: ")',
      ...tryFetch(`${acc}.fetch_token(code)`, refresh),
      'print(token.expiry)',
    );
  } else if (u.kind === 'password' || u.kind === 'clientCredentials') {
    pkgImports.push('OAuthProviderException');
    body.push(...tryFetch(`${acc}.fetch_token()`, refresh), 'print(token.expiry)');
  } else if (u.kind === 'deviceAuthorization') {
    pkgImports.push('DeviceAccessDeniedException', 'DeviceCodeExpiredException');
    body.push(
      `start = await ${acc}.start_device_authorization()`,
      'print(f"On your phone or computer, open {start.verification_uri} and enter {start.user_code}")',
      'try:',
      `    token = await ${acc}.wait_for_device_token(start)`,
      'except DeviceAccessDeniedException:',
      '    print("declined")',
      '    return',
      'except DeviceCodeExpiredException:',
      '    print("too late, start again")',
      '    return',
      'print(token.expiry)',
    );
  }
  body.push(...callLines);
  if (body.length === 0) body.push(`print(${acc}.can_authorize())`);
  const credImport = `from ${names.packageName}.http.auth.${n.module} import ${n.credentialsClass}`;
  const scopeImport = credentialFields(u.kind, n.scopeEnumClass !== '', hasMetadata(u)).some(
    (f) => f.inExample && f.value === 'scopes',
  )
    ? [`from ${names.packageName}.models.${n.scopeEnumModule} import ${n.scopeEnumClass}`]
    : [];
  return [
    'import asyncio',
    '',
    `from ${names.packageName} import ${pkgImports.join(', ')}`,
    credImport,
    ...scopeImport,
    '',
    '',
    'async def main() -> None:',
    `    async with ${asyncClient}(`,
    `        ${n.kwarg}=${n.credentialsClass}(`,
    credentialLines(s, 12),
    '        )',
    '    ) as client:',
    ...body.map((l) => `        ${l}`),
    '',
    '',
    'asyncio.run(main())',
  ].join('\n');
}

/** A manager the README's walkthroughs name (accessor, label, doc link, metadata URL). */
export interface ReadmeScheme {
  accessor: string;
  scheme: string;
  link: string;
  metadataUrl: string;
}

function readmeScheme(s: SchemeView | undefined): ReadmeScheme | null {
  if (s === undefined) return null;
  const meta = s.unit.scheme.kind === 'oauth2' ? s.unit.scheme.resolvedMetadataUrl : null;
  return {
    accessor: s.names.accessor,
    scheme: mdText(unitLabel(s.unit)),
    link: `doc/auth/${s.unit.docSlug}.md`,
    metadataUrl: meta === null ? '' : mdCode(meta),
  };
}

export function docViews(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  controllers: ControllerView[],
  models: IrModel[],
): { files: DocFile[]; readme: ReadmeView } {
  const files: DocFile[] = [];
  const authLinks: ReadmeView['authLinks'] = [];
  const asyncPages: ReadmeView['asyncPages'] = [];
  for (const s of schemes) {
    const u = s.unit;
    const path = `doc/auth/${u.docSlug}.md`;
    const asyncInline = !isSeedPinned(ir, s);
    const asyncView: AsyncDocView = {
      title: mdText(u.title),
      asyncClientClass: `Async${names.clientClass}`,
      syncLink: asyncInline ? '' : `${u.docSlug}.md`,
      snippet: asyncSnippet(ir, names, s, controllers),
    };
    if (!asyncInline) {
      const asyncPath = `doc/auth/${u.docSlug}-async.md`;
      files.push({ path: asyncPath, template: 'doc/auth-async.md.hbs', view: asyncView });
      asyncPages.push({ title: mdText(u.title), link: asyncPath });
    }
    const scopes = 'flow' in u ? u.flow.scopes : [];
    const scopeRows = scopes.map((sc) => ({
      member: s.names.scopeMembers.get(sc.wireName) as string,
      description: mdCell(sc.description),
    }));
    authLinks.push({ title: u.title, link: path, scheme: mdText(unitLabel(u)) });
    if (u.kind !== 'authorizationCode' && u.kind !== 'password') {
      files.push({
        path,
        template: 'doc/auth-credentials.md.hbs',
        view: {
          title: mdText(u.title),
          schemeText: mdText(unitLabel(u)),
          credentialsClass: s.names.credentialsClass,
          kwarg: s.names.kwarg,
          accessor: s.names.accessor,
          clientClass: names.clientClass,
          clientModule: names.clientModule,
          pkg: names.packageName,
          schemeModule: s.names.module,
          rows: credentialFields(u.kind, s.names.scopeEnumClass !== '', hasMetadata(u)).flatMap((f) => {
            const keyword = credentialKeyword(f);
            if (keyword === null) return [];
            const type = f.value === 'scopes' ? `List[${s.names.scopeEnumClass}]` : VALUE_TYPES[f.value];
            return [
              { name: f.docName, type: mdCode(type), description: mdCell(f.description), keyword: mdCode(keyword) },
            ];
          }),
          initSnippet: initSnippet(s, names.clientClass),
          isClientCredentials: u.kind === 'clientCredentials',
          isDevice: u.kind === 'deviceAuthorization',
          hasScopes: s.names.scopeEnumClass !== '',
          scopeEnumClass: s.names.scopeEnumClass,
          scopeEnumDoc: s.names.scopeEnumDoc,
          scopeRows,
          asyncInline,
          async: asyncView,
        },
      });
      continue;
    }
    files.push({
      path,
      template: u.kind === 'authorizationCode' ? 'doc/auth-acg.md.hbs' : 'doc/auth-ropcg.md.hbs',
      view: {
        schemeText: mdText(unitLabel(u)),
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
        scopeRows,
        initSnippet: initSnippet(s, names.clientClass),
        asyncInline,
        async: asyncView,
      },
    });
  }
  files.push({
    path: 'doc/models/o-auth-token.md',
    template: 'doc/o-auth-token.md.hbs',
    view: { pkg: names.packageName },
  });
  for (const s of schemes.filter((x) => x.names.scopeEnumClass !== '')) {
    const scopes = 'flow' in s.unit ? s.unit.flow.scopes : [];
    files.push({
      path: `doc/models/${s.names.scopeEnumDoc}.md`,
      template: 'doc/scope-enum.md.hbs',
      view: {
        className: s.names.scopeEnumClass,
        schemeText: mdText(unitLabel(s.unit)),
        importLine: `from ${names.packageName}.models.${s.names.scopeEnumModule} import ${s.names.scopeEnumClass}`,
        rows: scopes.map((sc) => ({
          member: s.names.scopeMembers.get(sc.wireName) as string,
          value: mdCode(sc.wireName),
          description: mdCell(sc.description),
        })),
      },
    });
  }
  for (const m of models) {
    const n = names.models.get(m.wireName) as ModelNames;
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
      path: `doc/controllers/${controllerDocSlug(c.accessor)}.md`,
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
  const readme: ReadmeView = {
    pythonFloor: PY_VERSION_FLOOR,
    title: mdText(ir.title),
    hasDescription: ir.description.trim() !== '',
    description: mdParagraph(ir.description),
    pkg: names.packageName,
    clientClass: names.clientClass,
    clientModule: names.clientModule,
    authLinks,
    asyncPages,
    schemes: schemes.map((s) => ({
      scheme: mdText(unitLabel(s.unit)),
      kwarg: s.names.kwarg,
      credentialsClass: s.names.credentialsClass,
    })),
    firstGrant: schemes.some((s) => s.unit.kind === 'authorizationCode' || s.unit.kind === 'password'),
    hasOAuth: schemes.some((s) => 'flow' in s.unit),
    metadataScheme: readmeScheme(schemes.find((s) => hasMetadata(s.unit))),
    deviceScheme: readmeScheme(schemes.find((s) => s.unit.kind === 'deviceAuthorization')),
    acgScheme: readmeScheme(schemes.find((s) => s.unit.kind === 'authorizationCode')),
    controllers: controllers.map((c) => ({
      accessor: c.accessor,
      link: `doc/controllers/${controllerDocSlug(c.accessor)}.md`,
      tagText: mdText(c.tagWire),
    })),
    environments: ir.environments.map((e) => ({
      name: mdCode(e.wireName),
      isDefault: e.isDefault,
      servers: e.servers.map((s) => `${mdCode(s.serverName)}: ${mdCode(s.url)}`).join(', '),
    })),
  };
  return { files, readme };
}
