/**
 * The Python target's view-model: IR → plain data for `templates/python/*.hbs`, every identifier
 * final (names.ts), every spec string escaped for where it lands (escape.ts, markdown), every
 * multi-part expression laid out the way `ruff format` keeps it (layout.ts).
 */
import type { IrApi, IrModel, IrOperation, IrSecurityScheme, IrType } from '../../ir/types.js';
import { pyName, screamingCase, snakeCase, assignNames, PYTHON_RESERVED } from '../../naming/index.js';
import { mdCell, mdParagraph, mdText } from '../shared/markdown.js';
import type { PlannedFile, TargetOptions, TargetPlan } from '../target.js';
import { pyComment, pyDocstring, pyStr, tomlStr } from './escape.js';
import { call, kw, layout, list, tuple, type PyExpr } from './layout.js';
import { assignPyNames, chosenFlow, type PyNames, type SchemeNames } from './names.js';
import { STATIC_FILES } from './static-files.js';
import { converter, pyLiteral, pyType, resolveType, type TypeContext } from './types.js';
import { authDocViews } from './docs.js';

export const PY_VERSION_FLOOR = '3.9';

/** `from m import a, b`, or the parenthesized form when it does not fit in a line. */
export function importLine(module: string, items: string[]): string {
  const one = `from ${module} import ${items.join(', ')}`;
  if (one.length <= 88) return one;
  return [`from ${module} import (`, ...items.map((i) => `    ${i},`), ')'].join('\n');
}

interface SchemeView {
  names: SchemeNames;
  scheme: IrSecurityScheme;
  kind: 'acg' | 'ropcg' | 'ccg' | 'basic' | 'bearer' | 'apiKey';
}

function schemeViews(ir: IrApi, names: PyNames, warnings: string[]): SchemeView[] {
  const out: SchemeView[] = [];
  for (const s of ir.securitySchemes) {
    const n = names.schemes.get(s.wireName) as SchemeNames;
    if (s.kind === 'oauth2') {
      const flow = chosenFlow(s);
      if (flow === null) {
        warnings.push(`security scheme ${s.wireName}: only an implicit flow, which the Python SDK does not support`);
        continue;
      }
      const supported = s.flows.filter((f) => f.kind !== 'implicit' && f.kind !== 'deviceAuthorization');
      if (supported.length > 1)
        warnings.push(`security scheme ${s.wireName}: several flows; the Python SDK implements ${flow.kind} only`);
      out.push({
        names: n,
        scheme: s,
        kind: flow.kind === 'authorizationCode' ? 'acg' : flow.kind === 'password' ? 'ropcg' : 'ccg',
      });
    } else if (s.kind === 'http' && s.scheme === 'basic') out.push({ names: n, scheme: s, kind: 'basic' });
    else if (s.kind === 'http' && s.scheme === 'bearer') out.push({ names: n, scheme: s, kind: 'bearer' });
    else if (s.kind === 'apiKey') out.push({ names: n, scheme: s, kind: 'apiKey' });
    else
      warnings.push(
        `security scheme ${s.wireName}: kind ${s.kind}${s.kind === 'http' ? ' ' + s.scheme : ''} is not supported by the Python SDK`,
      );
  }
  return out;
}

const BASE_CLASSES: Record<SchemeView['kind'], { credentials: string; manager: string; module: string }> = {
  acg: { credentials: 'AuthorizationCodeCredentials', manager: 'AuthorizationCodeGrant', module: '_grants' },
  ropcg: { credentials: 'PasswordCredentials', manager: 'PasswordGrant', module: '_grants' },
  ccg: { credentials: 'ClientCredentialsCredentials', manager: 'ClientCredentialsGrant', module: '_grants' },
  basic: { credentials: 'BasicCredentials', manager: 'BasicAuthManager', module: '_simple' },
  bearer: { credentials: 'BearerCredentials', manager: 'BearerAuthManager', module: '_simple' },
  apiKey: { credentials: 'ApiKeyCredentials', manager: 'ApiKeyAuthManager', module: '_simple' },
};

const KIND_TITLES: Record<SchemeView['kind'], string> = {
  acg: 'OAuth 2 Authorization Code Grant',
  ropcg: 'OAuth 2 Resource Owner Credentials Grant',
  ccg: 'OAuth 2 Client Credentials Grant',
  basic: 'Basic Authentication',
  bearer: 'Bearer token',
  apiKey: 'API key',
};

function schemeModuleView(v: SchemeView) {
  const flow = chosenFlow(v.scheme);
  const base = BASE_CLASSES[v.kind];
  const constants: string[] = [];
  const c = (name: string, value: string): void => {
    constants.push(layout(value, 4, `${name} = `));
  };
  c('SCHEME_NAME', pyStr(v.scheme.wireName));
  if (flow !== null) {
    if (flow.kind === 'authorizationCode') c('AUTHORIZATION_URL', pyStr(flow.authorizationUrl));
    c('TOKEN_URL', pyStr(flow.tokenUrl));
    c('REFRESH_URL', flow.refreshUrl === null ? 'None' : pyStr(flow.refreshUrl));
    c('SERVER_NAME', pyStr(flow.serverName));
    c('DEFAULT_CLIENT_AUTH', pyStr(flow.clientAuth));
    if (flow.kind === 'authorizationCode') {
      c('USE_PKCE', flow.pkce ? 'True' : 'False');
      c('ISSUER', flow.issuer === null ? 'None' : pyStr(flow.issuer));
    }
  }
  if (v.scheme.kind === 'apiKey') {
    c('PARAM_NAME', pyStr(v.scheme.paramName));
    c('LOCATION', pyStr(v.scheme.in));
  }
  const hasScopes = v.names.scopeEnumClass !== '';
  return {
    moduleDoc: pyDocstring([`${v.scheme.wireName}: ${KIND_TITLES[v.kind]}.`], 0),
    credentialsClass: v.names.credentialsClass,
    managerClass: v.names.managerClass,
    baseCredentials: base.credentials,
    baseManager: base.manager,
    baseModule: base.module,
    credentialsDoc: pyDocstring(
      [`Credentials of the ${v.scheme.wireName} scheme (${KIND_TITLES[v.kind]}).`, v.scheme.description],
      4,
    ),
    managerDoc: pyDocstring([`Manager of the ${v.scheme.wireName} scheme (${KIND_TITLES[v.kind]}).`], 4),
    envPrefix: pyStr(v.names.envPrefix),
    hasScopes,
    scopeEnumClass: v.names.scopeEnumClass,
    scopeEnumModule: v.names.scopeEnumModule,
    constants,
  };
}

function scopeEnumView(v: SchemeView) {
  const flow = chosenFlow(v.scheme);
  return {
    className: v.names.scopeEnumClass,
    moduleDoc: pyDocstring([`OAuth 2 scopes of the ${v.scheme.wireName} scheme.`], 0),
    classDoc: pyDocstring([`The OAuth 2 scopes ${v.scheme.wireName} supports.`], 4),
    members: (flow?.scopes ?? []).map((s) => ({
      line: layout(pyStr(s.wireName), 4, `${v.names.scopeMembers.get(s.wireName) as string} = `),
      hasComment: pyComment(s.description) !== '',
      comment: pyComment(s.description),
    })),
    fromValueSignature: layout(
      call('def from_value', ['cls', 'value: object', `default: Optional[${v.names.scopeEnumClass}] = None`]),
      4,
      '',
      ` -> Optional[${v.names.scopeEnumClass}]:`,
    ),
  };
}

function modelView(ir: IrApi, names: PyNames, m: IrModel) {
  const n = names.models.get(m.wireName) as { module: string; className: string };
  const ctx: TypeContext = { ir, names, used: new Set() };
  const doc = pyDocstring([m.description || `The ${m.wireName} model.`], 4);
  if (m.kind === 'enum') {
    const base = { string: 'str, Enum', integer: 'int, Enum', number: 'float, Enum', boolean: 'Enum' }[m.enumType];
    const memberNames = assignNames(
      m.enumValues.map((v) => String(v)),
      (w) => {
        const cand = pyName(w, 'screaming', 'VALUE');
        return /^_/.test(cand) || typeof m.enumValues[0] !== 'string' ? `VALUE_${cand.replace(/^_+/, '')}` : cand;
      },
      { reserved: PYTHON_RESERVED, separator: '_' },
    );
    return {
      isEnum: true,
      className: n.className,
      moduleDoc: pyDocstring([`${n.className}: values of ${m.wireName}.`], 0),
      classDoc: doc,
      base,
      members: m.enumValues.map((v) => ({
        line: layout(pyLiteral(v, pyStr), 4, `${memberNames.get(String(v)) as string} = `),
      })),
    };
  }
  const propNames = assignNames(
    m.properties.map((p) => p.wireName),
    (w) => pyName(w, 'snake', 'field'),
    { reserved: PYTHON_RESERVED, separator: '_', caseInsensitive: false },
    ['additional_properties', 'dictionary', 'from_dictionary', 'to_dictionary', 'key', 'value', 'out'],
  );
  const ordered = [...m.properties.filter((p) => p.required), ...m.properties.filter((p) => !p.required)];
  const params: string[] = [];
  const assigns: string[] = [];
  const fromArgs: PyExpr[] = [];
  const toPairs: PyExpr[] = [];
  const attrDocs: string[] = [];
  for (const p of ordered) {
    const name = propNames.get(p.wireName) as string;
    const t = pyType(ctx, p.type);
    const annotation = p.required || t.startsWith('Optional[') || t === 'Any' ? t : `Optional[${t}]`;
    params.push(layout(`${name}: ${annotation}${p.required ? '' : ' = None'}`, 8, '', ','));
    assigns.push(`        self.${name} = ${name}`);
    const conv = converter(ctx, p.type);
    const wire = pyStr(p.wireName);
    const raw: PyExpr = p.required ? call('require', ['dictionary', wire]) : call('dictionary.get', [wire]);
    let value: PyExpr = raw;
    if (conv !== null) value = call(p.required ? 'convert' : 'optional', [raw, conv]);
    fromArgs.push(kw(name, value));
    toPairs.push(tuple([wire, `self.${name}`]));
    if (p.description) attrDocs.push(`${name}: ${p.description}`);
  }
  fromArgs.push(kw('additional_properties', call('extra', ['dictionary', '_WIRE_NAMES'])));
  const imports = [...ctx.used]
    .filter((w) => w !== m.wireName)
    .sort()
    .map((w) => names.models.get(w) as { module: string; className: string });
  const typing = ['Any', 'Dict', 'Mapping', 'Optional'];
  const sig = [...params].join('\n');
  if (/\bList\[/.test(sig)) typing.push('List');
  const helpers = ['check_object', 'extra', 'to_json'];
  const body = fromArgs.map((a) => layout(a, 12, '', ',')).join('\n');
  for (const h of ['convert', 'dict_of', 'list_of', 'optional', 'optional_of', 'require'])
    if (new RegExp(`\\b${h}\\(`).test(body)) helpers.push(h);
  helpers.sort();
  return {
    isEnum: false,
    className: n.className,
    moduleDoc: pyDocstring([`${n.className}: the ${m.wireName} model.`], 0),
    classDoc: pyDocstring(
      [
        m.description || `The ${m.wireName} model.`,
        attrDocs.length ? 'Attributes:\n' + attrDocs.map((d) => '    ' + d.replace(/\n/g, ' ')).join('\n') : '',
      ],
      4,
    ),
    typingImports: typing.sort().join(', '),
    helperImports: helpers.join(', '),
    imports,
    hasImports: imports.length > 0,
    wireNames: layout(
      tuple(
        m.properties.map((p) => pyStr(p.wireName)),
        m.properties.length > 0,
      ),
      0,
      '_WIRE_NAMES = ',
    ),
    params,
    assigns,
    hasProps: m.properties.length > 0,
    fromDictBody: body,
    toPairs: layout(tuple(toPairs, true), 8, 'for key, value in ', ':'),
    hasToPairs: toPairs.length > 0,
  };
}

/** Python type of a parameter, and whether it is a constant (required single-value enum). */
function paramInfo(ctx: TypeContext, t: IrType, required: boolean): { annotation: string; constant: string | null } {
  const r = resolveType(ctx, t);
  if (required && r.kind === 'primitive' && r.enum.length === 1)
    return { annotation: '', constant: pyLiteral(r.enum[0] as string, pyStr) };
  const base = pyType(ctx, t);
  return {
    annotation: required || base.startsWith('Optional[') || base === 'Any' ? base : `Optional[${base}]`,
    constant: null,
  };
}

function operationView(ir: IrApi, names: PyNames, op: IrOperation, methodName: string, ctx: TypeContext) {
  const paramNames = assignNames(
    [...op.parameters.map((p) => `${p.in}:${p.wireName}`), ...(op.requestBody ? ['body:'] : [])],
    (w) => (w === 'body:' ? 'body' : pyName(w.slice(w.indexOf(':') + 1), 'snake', 'param')),
    { reserved: new Set([...PYTHON_RESERVED, 'self']), separator: '_' },
  );
  const sigParams: { line: string; required: boolean }[] = [];
  const groups: Record<string, PyExpr[]> = { path: [], query: [], header: [], cookie: [] };
  const argDocs: string[] = [];
  for (const p of op.parameters) {
    const name = paramNames.get(`${p.in}:${p.wireName}`) as string;
    const info = paramInfo(ctx, p.schema, p.required);
    const value = info.constant ?? name;
    if (info.constant === null) {
      sigParams.push({
        line: layout(`${name}: ${info.annotation}${p.required ? '' : ' = None'}`, 8, '', ','),
        required: p.required,
      });
      argDocs.push(`${name}: ${p.description || `The \`${p.wireName}\` ${p.in} parameter.`}`);
    }
    (groups[p.in] as PyExpr[]).push(tuple([pyStr(p.wireName), value]));
  }
  let bodyArg: PyExpr[] = [];
  if (op.requestBody) {
    const name = paramNames.get('body:') as string;
    const info = pyType(ctx, op.requestBody.schema);
    const annotation =
      op.requestBody.required || info.startsWith('Optional[') || info === 'Any' ? info : `Optional[${info}]`;
    sigParams.push({
      line: layout(`${name}: ${annotation}${op.requestBody.required ? '' : ' = None'}`, 8, '', ','),
      required: op.requestBody.required,
    });
    argDocs.push(`${name}: ${op.requestBody.description || 'The request body.'}`);
    const isForm = /x-www-form-urlencoded/.test(op.requestBody.contentType);
    bodyArg = isForm
      ? [kw('form', call('to_json', [name]))]
      : [
          kw('json_body', call('to_json', [name])),
          kw('has_json_body', op.requestBody.required ? 'True' : `${name} is not None`),
        ];
  }
  sigParams.sort((a, b) => Number(b.required) - Number(a.required));
  const success = op.responses.find((r) => /^2/.test(r.status));
  let returnType = 'None';
  let deserializer: PyExpr = 'empty_body';
  let accept: string | null = null;
  if (success && success.schema) {
    accept = success.contentType;
    const isJson = success.contentType !== null && /json/i.test(success.contentType);
    const r = resolveType(ctx, success.schema);
    if (!isJson) {
      returnType = 'str';
      deserializer = 'text_body';
    } else {
      const conv = converter(ctx, success.schema);
      returnType = pyType(ctx, success.schema);
      deserializer = conv === null ? 'json_body' : call('model_body', [conv]);
      if (r.kind === 'primitive' || r.kind === 'any') deserializer = 'json_body';
    }
  }
  const security = list(
    op.security.alternatives.map((a) => list(a.schemes.map((s) => pyStr(s.wireName)))),
    false,
  );
  const specArgs: PyExpr[] = [
    pyStr(op.method.toUpperCase()),
    pyStr(op.operationIdFromSpec ? 'default' : 'default'),
    pyStr(op.path),
  ];
  specArgs[1] = pyStr(serverOf(op));
  if ((groups.path as PyExpr[]).length) specArgs.push(kw('path_params', call('dict', [list(groups.path as PyExpr[])])));
  if ((groups.query as PyExpr[]).length) specArgs.push(kw('query', list(groups.query as PyExpr[])));
  if ((groups.header as PyExpr[]).length) specArgs.push(kw('headers', call('dict', [list(groups.header as PyExpr[])])));
  // Cookie parameters are (name, value) pairs like query parameters; the runtime drops unset
  // ones and joins them with the security cookies into one Cookie header.
  if ((groups.cookie as PyExpr[]).length) specArgs.push(kw('cookies', list(groups.cookie as PyExpr[])));
  specArgs.push(...bodyArg);
  specArgs.push(kw('security', security));
  if (accept) specArgs.push(kw('accept', pyStr(accept)));
  const execute = layout(
    call('self._execute', [call('RequestSpec', specArgs, true), deserializer], true),
    8,
    'return ',
  );
  const annotationReturn = `ApiResponse[${returnType}]`;
  const paramLines = sigParams.map((p) => p.line);
  const oneLine = `    def ${methodName}(self) -> ${annotationReturn}:`;
  const signature =
    paramLines.length === 0 && oneLine.length <= 88
      ? oneLine
      : [`    def ${methodName}(`, '        self,', ...paramLines, `    ) -> ${annotationReturn}:`].join('\n');
  const docParts = [op.summary || `${op.method.toUpperCase()} ${op.path}`, op.description];
  if (op.deprecated) docParts.push('Deprecated: this operation may be removed in a future version.');
  if (argDocs.length) docParts.push('Args:\n' + argDocs.map((d) => '    ' + d.replace(/\s*\n\s*/g, ' ')).join('\n'));
  docParts.push(`Returns:\n    ApiResponse whose body is ${returnType === 'None' ? 'None' : 'a ' + returnType}.`);
  return {
    signature,
    doc: pyDocstring(docParts, 8),
    execute,
    methodName,
    deserializerText: typeof deserializer === 'string' ? deserializer : layout(deserializer, 0),
    wireId: op.operationId,
    method: op.method.toUpperCase(),
    path: op.path,
    returnType,
    securityText:
      op.security.alternatives.length === 0
        ? 'none'
        : op.security.alternatives.map((a) => a.schemes.map((s) => s.wireName).join(' and ') || 'none').join(', or '),
    deprecated: op.deprecated,
  };
}

function serverOf(op: IrOperation): string {
  void op;
  return 'default';
}

function controllerView(ir: IrApi, names: PyNames, tag: string) {
  const t = names.tags.get(tag) as { module: string; className: string; accessor: string; doc: string };
  const ops = ir.operations.filter((o) => o.tag === tag);
  const methodNames = assignNames(
    ops.map((o) => o.operationId),
    (w) => pyName(w, 'snake', 'call'),
    { reserved: new Set([...PYTHON_RESERVED, '_execute', '_send', '_send_once', '_context']), separator: '_' },
  );
  const ctx: TypeContext = { ir, names, used: new Set() };
  const operations = ops.map((o) => operationView(ir, names, o, methodNames.get(o.operationId) as string, ctx));
  const all = operations.map((o) => o.execute + o.signature).join('\n');
  const typing: string[] = [];
  for (const name of ['Any', 'Dict', 'List', 'Optional'])
    if (
      new RegExp(`\\b${name}\\[|\\b${name}\\b(?!\\[)`).test(
        operations.map((o) => o.signature + o.returnType).join('\n'),
      )
    )
      typing.push(name);
  const helpers: string[] = [];
  for (const h of ['dict_of', 'list_of', 'optional_of', 'to_json'])
    if (new RegExp(`\\b${h}\\(`).test(all)) helpers.push(h);
  const baseImports = ['BaseController', 'RequestSpec'];
  const deserializers = operations.map((o) => o.deserializerText).join('\n');
  for (const h of ['empty_body', 'json_body', 'model_body', 'text_body'])
    if (new RegExp(`\\b${h}\\b`).test(deserializers)) baseImports.push(h);
  const tagDesc = ir.tags.find((x) => x.wireName === tag)?.description ?? '';
  return {
    className: t.className,
    module: t.module,
    accessor: t.accessor,
    tagWire: tag,
    moduleDoc: pyDocstring([`${t.className}: operations tagged ${tag}.`], 0),
    classDoc: pyDocstring([`Operations tagged ${tag}.`, tagDesc], 4),
    typingImports: typing.join(', '),
    hasTyping: typing.length > 0,
    helperImports: helpers.join(', '),
    hasHelpers: helpers.length > 0,
    baseImports: baseImports.join(', '),
    modelImports: [...ctx.used].sort().map((w) => names.models.get(w) as { module: string; className: string }),
    operations,
  };
}

export function buildPlan(ir: IrApi, options: TargetOptions): TargetPlan {
  const warnings: string[] = [];
  const names = assignPyNames(ir, options.packageName);
  const pkg = names.packageName;
  const schemes = schemeViews(ir, names, warnings);
  const files: PlannedFile[] = [];
  const add = (path: string, template: string, view: object): void => {
    files.push({ path, template, view });
  };
  for (const f of STATIC_FILES) files.push({ path: `${pkg}/${f}`, staticFile: f });
  files.push({ path: `${pkg}/py.typed`, content: '' });

  // models
  const models = ir.models.filter((m) => m.kind !== 'alias').map((m) => ({ m, view: modelView(ir, names, m) }));
  for (const { m, view } of models) {
    const n = names.models.get(m.wireName) as { module: string };
    add(`${pkg}/models/${n.module}.py`, view.isEnum ? 'enum_model.py.hbs' : 'model.py.hbs', view);
  }
  const scoped = schemes.filter((s) => s.names.scopeEnumClass !== '');
  for (const s of scoped) add(`${pkg}/models/${s.names.scopeEnumModule}.py`, 'scope_enum.py.hbs', scopeEnumView(s));
  const modelExports = [
    { module: 'o_auth_provider_error_enum', className: 'OAuthProviderErrorEnum' },
    { module: 'o_auth_token', className: 'OAuthToken' },
    ...scoped.map((s) => ({ module: s.names.scopeEnumModule, className: s.names.scopeEnumClass })),
    ...models.map(({ m }) => names.models.get(m.wireName) as { module: string; className: string }),
  ].sort((a, b) => (a.module < b.module ? -1 : a.module > b.module ? 1 : 0));
  add(`${pkg}/models/__init__.py`, 'models_init.py.hbs', {
    imports: modelExports,
    all: layout(list([...modelExports.map((e) => e.className)].sort().map(pyStr), true), 0, '__all__ = '),
  });

  // auth schemes
  for (const s of schemes) add(`${pkg}/http/auth/${s.names.module}.py`, 'auth_scheme.py.hbs', schemeModuleView(s));

  // controllers
  const controllers = ir.tags
    .filter((t) => ir.operations.some((o) => o.tag === t.wireName))
    .map((t) => controllerView(ir, names, t.wireName));
  for (const c of controllers) add(`${pkg}/controllers/${c.module}.py`, 'controller.py.hbs', c);
  add(`${pkg}/controllers/__init__.py`, 'controllers_init.py.hbs', {
    imports: controllers.map((c) => ({ module: c.module, className: c.className })),
    all: layout(
      list(['"BaseController"', ...controllers.map((c) => pyStr(c.className))].sort(), true),
      0,
      '__all__ = ',
    ),
  });

  // configuration + client
  const config = configurationView(ir, names, schemes);
  add(`${pkg}/configuration.py`, 'configuration.py.hbs', config);
  add(`${pkg}/${names.clientModule}.py`, 'client.py.hbs', clientView(ir, names, schemes, controllers, config));

  // package root
  const rootExports: { module: string; names: string[] }[] = [
    { module: `.${names.clientModule}`, names: [names.clientClass] },
    { module: '.configuration', names: ['Configuration', 'Environment', 'Server'] },
    {
      module: '.exceptions',
      names: [
        'APIException',
        'AuthConflictException',
        'AuthRequiredException',
        'ConfigurationException',
        'InsecureTransportException',
        'InvalidTokenResponseException',
        'MissingRefreshTokenException',
        'NetworkException',
        'OAuthCallbackException',
        'OAuthProviderException',
        'SdkException',
        'StateMismatchException',
        'TimeoutException',
      ],
    },
    { module: '.http.auth.token_store', names: ['FileTokenStore', 'InMemoryTokenStore', 'TokenStore'] },
    { module: '.http.http_response', names: ['ApiResponse', 'HttpResponse'] },
    ...schemes.map((s) => ({
      module: `.http.auth.${s.names.module}`,
      names: [s.names.credentialsClass, s.names.managerClass],
    })),
    ...modelExports.map((e) => ({ module: `.models.${e.module}`, names: [e.className] })),
    ...controllers.map((c) => ({ module: `.controllers.${c.module}`, names: [c.className] })),
  ];
  const allNames = rootExports.flatMap((e) => e.names).sort();
  add(`${pkg}/__init__.py`, 'package_init.py.hbs', {
    doc: pyDocstring([`${ir.title} SDK (generated by grantgen).`, ir.description], 0),
    imports: rootExports.map((e) => importLine(e.module, e.names)),
    all: layout(list(allNames.map(pyStr), true), 0, '__all__ = '),
  });

  // project files + docs
  add('pyproject.toml', 'pyproject.toml.hbs', {
    name: tomlStr(pkg),
    version: tomlStr(/^[0-9]+(\.[0-9]+)*([abc]|rc)?[0-9]*$/.test(ir.version) ? ir.version : '0.0.0'),
    description: tomlStr(ir.description.replace(/\s+/g, ' ').trim() || `SDK for ${ir.title}`),
    packageDir: tomlStr(pkg),
  });
  const docs = authDocViews(
    ir,
    names,
    schemes,
    controllers,
    models.map(({ m }) => m),
  );
  for (const d of docs.files) add(d.path, d.template, d.view);
  add('README.md', 'README.md.hbs', docs.readme);
  return { files, warnings };
}

function configurationView(ir: IrApi, names: PyNames, schemes: SchemeView[]) {
  const defaultEnv = ir.environments.find((e) => e.isDefault) ?? ir.environments[0];
  const envMember = (w: string): string => `Environment.${names.environments.get(w) as string}`;
  const serverMember = (w: string): string => `Server.${names.servers.get(w) as string}`;
  const environmentsTable = layout(
    {
      kind: 'call',
      open: '{',
      close: '}',
      force: true,
      items: ir.environments.map((e) => ({
        kind: 'call',
        open: `${envMember(e.wireName)}: {`,
        close: '}',
        force: true,
        items: e.servers.map((s) => `${serverMember(s.serverName)}: ${pyStr(s.url)}`),
      })),
    },
    4,
    'ENVIRONMENTS: ClassVar[Dict[Environment, Dict[Server, str]]] = ',
  );
  const variables = ir.serverVariables.map((v) => ({
    wire: pyStr(v.wireName),
    name: names.variables.get(v.wireName) as string,
    default: pyStr(v.default),
    env: pyStr(screamingCase(v.wireName)),
    doc: `${names.variables.get(v.wireName) as string}: Server variable \`${v.wireName}\` (default ${JSON.stringify(v.default)}). ${v.description}`,
    hasEnum: v.enum.length > 0,
    enum: layout(tuple(v.enum.map(pyStr), true), 8, `${pyStr(v.wireName)}: `, ','),
  }));
  const fields: { name: string; annotation: string; default: string; doc: string }[] = [
    {
      name: 'environment',
      annotation: 'Environment',
      default: defaultEnv ? envMember(defaultEnv.wireName) : 'None',
      doc: 'The environment whose servers are used.',
    },
    {
      name: 'timeout',
      annotation: 'Optional[float]',
      default: '60',
      doc: 'Seconds per HTTP request; None or 0 means no timeout.',
    },
    {
      name: 'base_urls',
      annotation: 'Optional[Mapping[Union[Server, str], str]]',
      default: 'None',
      doc: 'Replace server URLs of the selected environment (e.g. for a test server).',
    },
    {
      name: 'allow_insecure_http',
      annotation: 'bool',
      default: 'False',
      doc: 'Allow http token/authorization URLs on non-loopback hosts (testing only).',
    },
    {
      name: 'extra_bearer_hosts',
      annotation: 'Sequence[str]',
      default: '()',
      doc: 'More hosts (besides the servers) allowed to receive credentials.',
    },
    {
      name: 'http_client',
      annotation: 'Optional[httpx.Client]',
      default: 'None',
      doc: 'An httpx.Client to send requests with (proxies, mocks).',
    },
    ...variables.map((v) => ({ name: v.name, annotation: 'str', default: v.default, doc: v.doc })),
    ...schemes.map((s) => ({
      name: s.names.kwarg,
      annotation: `Optional[${s.names.credentialsClass}]`,
      default: 'None',
      doc: `Credentials of the ${s.scheme.wireName} scheme.`,
    })),
  ];
  return {
    environments: ir.environments.map((e) => ({
      line: layout(pyStr(e.wireName), 4, `${names.environments.get(e.wireName) as string} = `),
    })),
    servers: ir.serverNames.map((s) => ({ line: layout(pyStr(s), 4, `${names.servers.get(s) as string} = `) })),
    defaultServer: ir.serverNames[0] ? serverMember(ir.serverNames[0]) : 'Server.DEFAULT',
    environmentsTable,
    variables,
    variableEnums: layout(
      {
        kind: 'call',
        open: '{',
        close: '}',
        force: variables.some((v) => v.hasEnum),
        items: ir.serverVariables
          .filter((v) => v.enum.length > 0)
          .map((v) => ({
            kind: 'call',
            open: `${pyStr(v.wireName)}: (`,
            close: ')',
            force: true,
            items: v.enum.map(pyStr),
          })),
      },
      4,
      'VARIABLE_ENUMS: ClassVar[Dict[str, Tuple[str, ...]]] = ',
    ),
    schemeImports: schemes.map((s) => ({ module: s.names.module, credentialsClass: s.names.credentialsClass })),
    hasCredentials: schemes.length > 0,
    credentialsFromEnv: layout(
      tuple(
        schemes.map((s) => tuple([pyStr(s.names.kwarg), s.names.credentialsClass])),
        true,
      ),
      8,
      'for name, credentials_class in ',
      ':',
    ),
    fields: fields.map((f) => ({
      ...f,
      param: layout(`${f.name}: ${f.annotation} = ${f.default}`, 8, '', ','),
      doc: pyDocstring([f.doc], 8),
      argDoc: pyComment(f.doc),
    })),
    fieldNames: layout(
      tuple(
        fields.map((f) => pyStr(f.name)),
        true,
      ),
      4,
      '_FIELDS: ClassVar[Tuple[str, ...]] = ',
    ),
    classDoc: pyDocstring(
      [
        `Settings of a ${names.clientClass} (immutable; change with \`clone_with\`).`,
        'Args:\n' + fields.map((f) => `    ${f.name}: ${pyComment(f.doc)}`).join('\n'),
      ],
      4,
    ),
    variableValues: layout(
      {
        kind: 'call',
        open: '{',
        close: '}',
        force: variables.length > 0,
        items: variables.map((v) => `${v.wire}: self._${v.name}`),
      },
      8,
      'return ',
    ),
  };
}

function clientView(
  ir: IrApi,
  names: PyNames,
  schemes: SchemeView[],
  controllers: ReturnType<typeof controllerView>[],
  config: ReturnType<typeof configurationView>,
) {
  return {
    clientClass: names.clientClass,
    moduleDoc: pyDocstring([`${names.clientClass}: the entry point of the ${ir.title} SDK.`], 0),
    classDoc: pyDocstring(
      [
        `Client of the ${ir.title} API.`,
        ir.description,
        `Build it from a Configuration (\`${names.clientClass}(config)\`) or from keyword arguments (the same names as Configuration's); keywords given together with a config override it.`,
      ],
      4,
    ),
    userAgent: pyStr(`grantgen-python ${names.packageName}/${ir.version}`.replace(/[^\x20-\x7e]/g, '')),
    params: config.fields.map((f) => layout(`${f.name}: ${f.annotation} = _UNSET`, 8, '', ',')),
    changes: layout(
      tuple(
        config.fields.map((f) => tuple([pyStr(f.name), f.name])),
        true,
      ),
      8,
      'for name, value in ',
      '',
    ),
    schemes: schemes.map((s) => ({
      module: s.names.module,
      managerClass: s.names.managerClass,
      credentialsClass: s.names.credentialsClass,
      accessor: s.names.accessor,
      kwarg: s.names.kwarg,
      wire: pyStr(s.scheme.wireName),
      construct: layout(
        call(s.names.managerClass, [`config.${s.names.kwarg}`, 'self._context']),
        8,
        `self._${s.names.accessor} = `,
      ),
      doc: pyDocstring([`The ${s.scheme.wireName} manager (${KIND_TITLES[s.kind]}).`], 8),
    })),
    controllers: controllers.map((c) => ({
      module: c.module,
      className: c.className,
      accessor: c.accessor,
      doc: pyDocstring([`Operations tagged ${c.tagWire}.`], 8),
    })),
  };
}

export { snakeCase, mdCell, mdParagraph, mdText };
