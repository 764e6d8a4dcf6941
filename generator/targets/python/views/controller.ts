/** Views of `controllers/<tag>.py` (`controller.py.hbs`): one class per tag, one method per operation. */
import type { IrApi, IrOperation, IrType } from '../../../ir/types.js';
import { pyDocstring, pyStr } from '../escape.js';
import { call, importLine, kw, layout, list, tuple, type PyExpr } from '../layout.js';
import { controllerMethodNames, operationParamNames, type ModelNames, type PyNames, type TagNames } from '../names.js';
import { converter, pyLiteral, pyType, resolveType, type TypeContext } from '../types.js';

/** One method of a controller. */
export interface OperationView {
  signature: string;
  doc: string;
  execute: string;
  /** The `async def` twin (AsyncBaseController), laid out from the same parts. */
  asyncSignature: string;
  asyncExecute: string;
  methodName: string;
  /** The deserializer expression (to collect the imports it needs). */
  deserializerText: string;
  wireId: string;
  method: string;
  path: string;
  returnType: string;
  securityText: string;
  deprecated: boolean;
}

/** `templates/python/controller.py.hbs`. */
export interface ControllerView {
  className: string;
  /** `Async<className>`: the async twin in the same module. */
  asyncClassName: string;
  asyncClassDoc: string;
  module: string;
  accessor: string;
  tagWire: string;
  moduleDoc: string;
  classDoc: string;
  typingImports: string;
  hasTyping: boolean;
  helperImports: string;
  hasHelpers: boolean;
  baseImports: string;
  modelImports: ModelNames[];
  operations: OperationView[];
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

function operationView(op: IrOperation, methodName: string, ctx: TypeContext): OperationView {
  const paramNames = operationParamNames(op);
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
  // issue 12: per-call options, keyword-only, on every operation
  sigParams.push(
    { line: '        *,', required: false },
    { line: '        request_options: Optional[RequestOptions] = None,', required: false },
  );
  argDocs.push('request_options: Per-call options: timeout, max_retries, headers, idempotency_key.');
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
  const specArgs: PyExpr[] = [pyStr(op.method.toUpperCase()), pyStr(op.server), pyStr(op.path)];
  if ((groups.path as PyExpr[]).length) specArgs.push(kw('path_params', call('dict', [list(groups.path as PyExpr[])])));
  if ((groups.query as PyExpr[]).length) specArgs.push(kw('query', list(groups.query as PyExpr[])));
  if ((groups.header as PyExpr[]).length) specArgs.push(kw('headers', call('dict', [list(groups.header as PyExpr[])])));
  // Cookie parameters are (name, value) pairs like query parameters; the runtime drops unset
  // ones and joins them with the security cookies into one Cookie header.
  if ((groups.cookie as PyExpr[]).length) specArgs.push(kw('cookies', list(groups.cookie as PyExpr[])));
  specArgs.push(...bodyArg);
  specArgs.push(kw('security', security));
  if (accept) specArgs.push(kw('accept', pyStr(accept)));
  const executeCall = call(
    'self._execute',
    [call('RequestSpec', specArgs, true), deserializer, 'request_options'],
    true,
  );
  const annotationReturn = `ApiResponse[${returnType}]`;
  const paramLines = sigParams.map((p) => p.line);
  const signatureOf = (def: string): string => {
    const oneLine = `    ${def} ${methodName}(self) -> ${annotationReturn}:`;
    return paramLines.length === 0 && oneLine.length <= 88
      ? oneLine
      : [`    ${def} ${methodName}(`, '        self,', ...paramLines, `    ) -> ${annotationReturn}:`].join('\n');
  };
  const signature = signatureOf('def');
  const execute = layout(executeCall, 8, 'return ');
  const docParts = [op.summary || `${op.method.toUpperCase()} ${op.path}`, op.description];
  if (op.deprecated) docParts.push('Deprecated: this operation may be removed in a future version.');
  if (argDocs.length) docParts.push('Args:\n' + argDocs.map((d) => '    ' + d.replace(/\s*\n\s*/g, ' ')).join('\n'));
  docParts.push(`Returns:\n    ApiResponse whose body is ${returnType === 'None' ? 'None' : 'a ' + returnType}.`);
  return {
    signature,
    doc: pyDocstring(docParts, 8),
    execute,
    asyncSignature: signatureOf('async def'),
    asyncExecute: layout(executeCall, 8, 'return await '),
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

export function controllerView(ir: IrApi, names: PyNames, tag: string): ControllerView {
  const t = names.tags.get(tag) as TagNames;
  const ops = ir.operations.filter((o) => o.tag === tag);
  const methodNames = controllerMethodNames(ops);
  const ctx: TypeContext = { ir, names, used: new Set() };
  const operations = ops.map((o) => operationView(o, methodNames.get(o.operationId) as string, ctx));
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
  const baseImports = ['AsyncBaseController', 'BaseController', 'RequestSpec'];
  const deserializers = operations.map((o) => o.deserializerText).join('\n');
  for (const h of ['empty_body', 'json_body', 'model_body', 'text_body'])
    if (new RegExp(`\\b${h}\\b`).test(deserializers)) baseImports.push(h);
  const tagDesc = ir.tags.find((x) => x.wireName === tag)?.description ?? '';
  return {
    className: t.className,
    asyncClassName: `Async${t.className}`,
    asyncClassDoc: pyDocstring([`Operations tagged ${tag}, async (\`await\` each call).`, tagDesc], 4),
    module: t.module,
    accessor: t.accessor,
    tagWire: tag,
    moduleDoc: pyDocstring([`${t.className}: operations tagged ${tag}.`], 0),
    classDoc: pyDocstring([`Operations tagged ${tag}.`, tagDesc], 4),
    typingImports: typing.join(', '),
    hasTyping: typing.length > 0,
    helperImports: helpers.join(', '),
    hasHelpers: helpers.length > 0,
    baseImports: importLine('.base_controller', baseImports),
    modelImports: [...ctx.used].sort().map((w) => names.models.get(w) as ModelNames),
    operations,
  };
}
