/** Views of `src/controllers/<tag>.ts` (`src/controller.ts.hbs`): one class per tag, one method per operation. */
import type { IrApi, IrOperation } from '../../../ir/types.js';
import { NameScope, TS_RESERVED, tsName } from '../../../naming/index.js';
import { mdCode } from '../../shared/markdown.js';
import { tsDoc, tsKey, tsStr } from '../escape.js';
import { OBJECT_MEMBERS, type ControllerNames } from '../names.js';
import { tsType } from '../types.js';
import { docLines, HEADER } from './common.js';

export interface ParamView {
  name: string;
  type: string;
  optional: boolean;
  doc: string[];
  wire: string;
  in: string;
  /** The expression sent on the wire. */
  value: string;
}

export interface ParamsFieldView {
  key: string;
  optional: boolean;
  type: string;
  doc: string[];
  optionalMark: string;
  undefinedType: string;
}

export interface OperationView {
  method: string;
  paramsName: string;
  hasParams: boolean;
  paramsSignature: string;
  fields: ParamsFieldView[];
  doc: string[];
  deprecated: boolean;
  httpMethod: string;
  path: string;
  pathParams: ParamView[];
  query: ParamView[];
  headers: ParamView[];
  cookies: ParamView[];
  hasBody: boolean;
  bodyContentType: string;
  bodyValue: string;
  security: string;
  type: string;
  accept: string;
  responseType: string;
  mdPath: string;
  mdHttpMethod: string;
  server: string;
}

/** `templates/typescript/src/controller.ts.hbs`. */
export interface ControllerView {
  header: string;
  className: string;
  accessor: string;
  doc: string[];
  usesModels: boolean;
  /** Distinct security requirement literals; an operation's `security` is `SECURITY[i]`. */
  securities: string[];
  operations: OperationView[];
}

function responseOf(op: IrOperation, models: ReadonlyMap<string, string>) {
  const ok = op.responses.find((r) => /^2/.test(r.status));
  if (!ok || ok.contentType === null || ok.schema === null) {
    return { type: 'void', accept: 'null', responseType: tsStr('none') };
  }
  const json = /json/i.test(ok.contentType);
  return {
    type: json ? tsType(ok.schema, models) : 'string',
    accept: tsStr(ok.contentType),
    responseType: tsStr(json ? 'json' : 'text'),
  };
}

function operationView(
  op: IrOperation,
  methods: NameScope,
  module: NameScope,
  models: ReadonlyMap<string, string>,
  securities: string[],
): OperationView {
  const method = methods.claim(`${op.operationId}\0${op.method}\0${op.path}`, tsName(op.operationId, 'camel', 'call'));
  const props = new NameScope({ reserved: new Set(), separator: '' });
  const params: ParamView[] = op.parameters.map((p) => {
    const name = props.claim(`${p.in}:${p.wireName}`, tsName(p.wireName, 'camel', 'param'));
    const single = p.schema.kind === 'primitive' && p.schema.enum.length === 1;
    return {
      name,
      type: tsType(p.schema, models),
      optional: !p.required || single,
      doc: docLines(p.description, p.deprecated ? 'Deprecated.' : ''),
      wire: tsStr(p.wireName),
      in: p.in,
      // A required single-value enum is a constant: sent by default, like the reference SDK does.
      value: single ? `params.${name} ?? ${tsType({ ...p.schema, nullable: false }, models)}` : `params.${name}`,
    };
  });
  const body = op.requestBody;
  const bodyName = body ? props.claim('\0body', 'body') : '';
  const fields = [
    ...params.map((p) => ({ key: tsKey(p.name), optional: p.optional, type: p.type, doc: p.doc })),
    ...(body
      ? [{ key: bodyName, optional: !body.required, type: tsType(body.schema, models), doc: tsDoc(body.description) }]
      : []),
  ];
  const hasParams = fields.length > 0;
  const paramsRequired = fields.some((f) => !f.optional);
  const paramsName = hasParams
    ? module.claim(
        `params:${op.operationId}:${op.method}:${op.path}`,
        `${method.charAt(0).toUpperCase()}${method.slice(1)}Params`,
      )
    : '';
  return {
    method,
    paramsName,
    hasParams,
    paramsSignature: hasParams ? (paramsRequired ? `params: ${paramsName}` : `params: ${paramsName} = {}`) : '',
    fields: fields.map((f) => ({
      ...f,
      optionalMark: f.optional ? '?' : '',
      undefinedType: f.optional ? ' | undefined' : '',
    })),
    doc: docLines(op.summary, op.description),
    deprecated: op.deprecated,
    httpMethod: tsStr(op.method.toUpperCase()),
    path: tsStr(op.path),
    pathParams: params.filter((p) => p.in === 'path'),
    query: params.filter((p) => p.in === 'query'),
    headers: params.filter((p) => p.in === 'header'),
    cookies: params.filter((p) => p.in === 'cookie'),
    hasBody: body !== null,
    bodyContentType: body ? tsStr(body.contentType) : '',
    bodyValue: body ? `params.${bodyName}` : '',
    security: securityRef(op, securities),
    ...responseOf(op, models),
    mdPath: mdCode(op.path),
    mdHttpMethod: op.method.toUpperCase(),
    server: tsStr(op.server),
  };
}

/**
 * `SECURITY[i]`: the operation's requirement (alternatives of scheme names) as an entry of the
 * module's shared constant, so a call allocates no requirement arrays.
 */
function securityRef(op: IrOperation, securities: string[]): string {
  const literal = `[${op.security.alternatives.map((a) => `[${a.schemes.map((s) => tsStr(s.wireName)).join(', ')}]`).join(', ')}]`;
  let index = securities.indexOf(literal);
  if (index < 0) index = securities.push(literal) - 1;
  return `SECURITY[${index}]`;
}

export function controllerView(
  ir: IrApi,
  tag: string,
  names: ControllerNames,
  module: NameScope,
  modelRefs: ReadonlyMap<string, string>,
): ControllerView {
  const methods = new NameScope({ reserved: new Set([...TS_RESERVED, 'core', ...OBJECT_MEMBERS]), separator: '' });
  const refs = new UsedRefs(modelRefs);
  const securities: string[] = [];
  const ops = ir.operations
    .filter((o) => o.tag === tag)
    .map((o) => operationView(o, methods, module, refs, securities));
  const tagInfo = ir.tags.find((t) => t.wireName === tag);
  return {
    header: HEADER,
    className: names.className,
    accessor: names.accessor,
    doc: docLines(tagInfo?.description ?? '', `Operations tagged ${tag}.`),
    usesModels: refs.used,
    securities,
    operations: ops,
  };
}

/** Model references (wire name → `models.Name`) that remember whether any was looked up. */
class UsedRefs extends Map<string, string> {
  used = false;
  override get(wire: string): string | undefined {
    const ref = super.get(wire);
    if (ref !== undefined) this.used = true;
    return ref;
  }
}
