/** Views of `controllers/<tag>.py` (`controller.py.hbs`): one class per tag, one method per operation. */
import type { IrApi, IrOperation, IrType } from '../../../ir/types.js';
import { pyDocLine, pyDocLines, pyDocView, pyStr, type DocView } from '../escape.js';
import { call, kw, layout, list, tuple, type PyExpr } from '../layout.js';
import { controllerMethodNames, operationParamNames, type ModelNames, type PyNames, type TagNames } from '../names.js';
import { successResponse } from '../../shared/contract.js';
import { PyImports, type ImportBlockView } from '../imports.js';
import { classHead, type ClassHeadView } from './blocks.js';
import {
  converter,
  helper,
  optionalOf,
  pyLiteral,
  pyType,
  resolveType,
  typeContext,
  type TypeContext,
} from '../types.js';

/** One parameter of an operation method (`partials/py_params.hbs`), required ones first. */
export interface ParamView {
  name: string;
  /** Python annotation, already `Optional[...]` for an optional parameter. */
  annotation: string;
  required: boolean;
}

/** A method docstring (`partials/py_method_doc.hbs`): every text already escaped for a docstring. */
export interface MethodDocView {
  /** First line (safe right after the opening quotes). */
  first: string;
  /** Further lines of summary/description/deprecation ('' = blank line), no indentation. */
  rest: string[];
  /** One `name: text` line per documented argument. */
  args: string[];
  /** What the method returns, one line. */
  returns: string;
}

/**
 * One method of a controller. The templates lay out the method (`partials/py_method.hbs`); the view
 * supplies names, types and escaped literals. `specArgs`/`deserializer` are single expressions
 * already wrapped the way `ruff format` keeps them (layout.ts) at their indentation, with the comma.
 */
export interface OperationView {
  methodName: string;
  params: ParamView[];
  doc: MethodDocView;
  /** `RequestSpec(...)` arguments: method, server and path literals, then keyword lines. */
  methodLiteral: string;
  serverLiteral: string;
  pathLiteral: string;
  specArgs: string[];
  deserializer: string;
  /**
   * Per-operation facts made once at import, not per call: `specName` names a module-level
   * `RequestSpec` when the operation takes no per-call values (`specConstant` is its
   * assignment), `bodyConstant` the module-level deserializer assignment (model bodies).
   */
  specName: string | null;
  specConstant: string | null;
  bodyConstant: string | null;
  server: string;
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
  asyncClassDoc: DocView;
  /** `class <className>(BaseController):` and its async twin's. */
  head: ClassHeadView;
  asyncHead: ClassHeadView;
  module: string;
  accessor: string;
  tagWire: string;
  moduleDoc: DocView;
  classDoc: DocView;
  /** The module's import block, collected from what the operations use. */
  imports: ImportBlockView;
  operations: OperationView[];
  /** Some operation has a module-level spec or deserializer. */
  hasConstants: boolean;
}

/** Python type of a parameter, and whether it is a constant (required single-value enum). */
function paramInfo(ctx: TypeContext, t: IrType, required: boolean): { annotation: string; constant: string | null } {
  const r = resolveType(ctx, t);
  if (required && r.kind === 'primitive' && r.enum.length === 1)
    return { annotation: '', constant: pyLiteral(r.enum[0] as string, pyStr) };
  const base = pyType(ctx, t);
  return { annotation: required ? base : optionalOf(ctx, base), constant: null };
}

/** Deserializers of `controllers/base_controller.py` the operations use. */
type Deserializer = 'empty_body' | 'json_body' | 'text_body' | 'model_body';

function operationView(
  op: IrOperation,
  methodName: string,
  ctx: TypeContext,
  deserializers: Set<Deserializer>,
): OperationView {
  const paramNames = operationParamNames(op);
  const sigParams: ParamView[] = [];
  const groups: Record<string, PyExpr[]> = { path: [], query: [], header: [], cookie: [] };
  const argDocs: string[] = [];
  for (const p of op.parameters) {
    const name = paramNames.get(`${p.in}:${p.wireName}`) as string;
    const info = paramInfo(ctx, p.schema, p.required);
    const value = info.constant ?? name;
    if (info.constant === null) {
      sigParams.push({ name, annotation: info.annotation, required: p.required });
      argDocs.push(pyDocLine(`${name}: ${p.description || `The \`${p.wireName}\` ${p.in} parameter.`}`));
    }
    (groups[p.in] as PyExpr[]).push(tuple([pyStr(p.wireName), value]));
  }
  let bodyArg: PyExpr[] = [];
  if (op.requestBody) {
    const name = paramNames.get('body:') as string;
    const info = pyType(ctx, op.requestBody.schema);
    const annotation = op.requestBody.required ? info : optionalOf(ctx, info);
    sigParams.push({ name, annotation, required: op.requestBody.required });
    argDocs.push(pyDocLine(`${name}: ${op.requestBody.description || 'The request body.'}`));
    const isForm = /x-www-form-urlencoded/.test(op.requestBody.contentType);
    bodyArg = isForm
      ? [kw('form', helper(ctx, 'to_json', [name]))]
      : [
          kw('json_body', helper(ctx, 'to_json', [name])),
          kw('has_json_body', op.requestBody.required ? 'True' : `${name} is not None`),
        ];
  }
  sigParams.sort((a, b) => Number(b.required) - Number(a.required));
  // issue 12: per-call options, keyword-only, on every operation (printed by the template)
  argDocs.push('request_options: Per-call options: timeout, max_retries, headers, idempotency_key.');
  ctx.typing.add('Optional');
  const success = successResponse(op);
  let returnType = 'None';
  let deserializer: PyExpr = 'empty_body';
  let accept: string | null = null;
  let used: Deserializer = 'empty_body';
  if (success.kind === 'text') {
    accept = success.contentType;
    returnType = 'str';
    deserializer = used = 'text_body';
  } else if (success.kind === 'json') {
    accept = success.contentType;
    const r = resolveType(ctx, success.schema);
    returnType = pyType(ctx, success.schema);
    const conv = r.kind === 'primitive' || r.kind === 'any' ? null : converter(ctx, success.schema);
    if (conv === null) deserializer = used = 'json_body';
    else {
      deserializer = call('model_body', [conv]);
      used = 'model_body';
    }
  }
  deserializers.add(used);
  const security = list(
    op.security.alternatives.map((a) => list(a.schemes.map((s) => pyStr(s.wireName)))),
    false,
  );
  const specArgs: PyExpr[] = [];
  if ((groups.path as PyExpr[]).length) specArgs.push(kw('path_params', call('dict', [list(groups.path as PyExpr[])])));
  if ((groups.query as PyExpr[]).length) specArgs.push(kw('query', list(groups.query as PyExpr[])));
  if ((groups.header as PyExpr[]).length) specArgs.push(kw('headers', call('dict', [list(groups.header as PyExpr[])])));
  // Cookie parameters are (name, value) pairs like query parameters; the runtime drops unset
  // ones and joins them with the security cookies into one Cookie header.
  if ((groups.cookie as PyExpr[]).length) specArgs.push(kw('cookies', list(groups.cookie as PyExpr[])));
  specArgs.push(...bodyArg);
  specArgs.push(kw('security', security));
  if (accept) specArgs.push(kw('accept', pyStr(accept)));
  // Made once at import (issue 12 §4): the spec of an operation without per-call values,
  // and a model deserializer. Names start with one underscore + a word, never two (no name
  // mangling inside the class bodies that use them).
  const specName = sigParams.length === 0 ? `_spec_${methodName}` : null;
  const specExpr = call('RequestSpec', [pyStr(op.method.toUpperCase()), pyStr(op.server), pyStr(op.path), ...specArgs]);
  let bodyConstant: string | null = null;
  if (used === 'model_body') {
    bodyConstant = layout(deserializer, 0, `_body_${methodName} = `);
    deserializer = `_body_${methodName}`;
  }
  const fallback = `${op.method.toUpperCase()} ${op.path}`;
  const docParts = [op.summary || fallback, op.description];
  if (op.deprecated) docParts.push('Deprecated: this operation may be removed in a future version.');
  let docLines = pyDocLines(docParts);
  if (docLines.length === 0) docLines = pyDocLines([fallback]);
  const [first = '', ...rest] = docLines;
  return {
    params: sigParams,
    doc: {
      first,
      rest,
      args: argDocs,
      returns: pyDocLine(`ApiResponse whose body is ${returnType === 'None' ? 'None' : 'a ' + returnType}.`),
    },
    methodLiteral: pyStr(op.method.toUpperCase()),
    serverLiteral: pyStr(op.server),
    pathLiteral: pyStr(op.path),
    specArgs: specArgs.map((a) => layout(a, 16, '', ',')),
    deserializer: layout(deserializer, 12, '', ','),
    specName,
    specConstant: specName === null ? null : layout(specExpr, 0, `${specName} = `),
    bodyConstant,
    server: op.server,
    methodName,
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
  const ctx = typeContext(ir, names);
  const deserializers = new Set<Deserializer>();
  const operations = ops.map((o) => operationView(o, methodNames.get(o.operationId) as string, ctx, deserializers));
  const imports = new PyImports()
    .add('__future__', 'annotations')
    .add('..http.http_response', 'ApiResponse')
    .add('..http.retry', 'RequestOptions')
    .add('.base_controller', 'AsyncBaseController', 'BaseController', 'RequestSpec', ...deserializers);
  if (ctx.typing.size > 0) imports.add('typing', ...ctx.typing);
  if (ctx.helpers.size > 0) imports.add('..models._helpers', ...ctx.helpers);
  for (const w of ctx.used) {
    const m = names.models.get(w) as ModelNames;
    imports.add(`..models.${m.module}`, m.className);
  }
  const tagDesc = ir.tags.find((x) => x.wireName === tag)?.description ?? '';
  return {
    className: t.className,
    asyncClassName: `Async${t.className}`,
    head: classHead(t.className, ['BaseController']),
    asyncHead: classHead(`Async${t.className}`, ['AsyncBaseController']),
    asyncClassDoc: pyDocView([`Operations tagged ${tag}, async (\`await\` each call).`, tagDesc]),
    module: t.module,
    accessor: t.accessor,
    tagWire: tag,
    moduleDoc: pyDocView([`${t.className}: operations tagged ${tag}.`]),
    classDoc: pyDocView([`Operations tagged ${tag}.`, tagDesc]),
    imports: imports.view(),
    operations,
    hasConstants: operations.some((o) => o.specConstant !== null || o.bodyConstant !== null),
  };
}
