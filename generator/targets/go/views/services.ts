/** One service type per tag; one method (and a params struct when it has parameters) per operation. */
import type { IrApi, IrOperation, IrType } from '../../../ir/types.js';
import { constantValue, successResponse } from '../../shared/contract.js';
import type { NameScope } from '../../../naming/index.js';
import { mdCode, mdText } from '../../shared/markdown.js';
import { goDoc, goStr } from '../escape.js';
import { exportedScope, goExported } from '../names.js';
import { fieldType, goType, type ModelTable } from '../types.js';

function responseOf(op: IrOperation, table: ModelTable) {
  const ok = successResponse(op);
  if (ok.kind === 'none') return { kind: 'none' as const, type: '', accept: '' };
  if (ok.kind === 'json') return { kind: 'json' as const, type: goType(ok.schema, table), accept: ok.contentType };
  return { kind: 'text' as const, type: 'string', accept: ok.contentType };
}

/** A Go constant expression for a constant parameter's value. */
function constLiteral(v: string | number | boolean): string {
  return typeof v === 'string' ? goStr(v) : String(v);
}

export function operationView(
  op: IrOperation,
  methods: NameScope,
  pkg: NameScope,
  table: ModelTable,
  serviceType: string,
  server: string,
) {
  const method = methods.claim(`${op.operationId}\0${op.method}\0${op.path}`, goExported(op.operationId, 'Call'));
  const scope = exportedScope();
  const resolve = (t: IrType): IrType => {
    let cur = t;
    for (let i = 0; i < 16 && cur.kind === 'ref'; i++) {
      const m = table.byWire.get(cur.model);
      if (!m || m.kind !== 'alias' || !m.alias) break;
      cur = m.alias;
    }
    return cur;
  };
  const params = op.parameters.map((p) => {
    const constant = constantValue(p, resolve);
    const name = constant === null ? scope.claim(`${p.in}:${p.wireName}`, goExported(p.wireName, 'Param')) : '';
    return {
      name,
      value: constant === null ? `params.${name}` : constLiteral(constant),
      constant: constant !== null,
      type: fieldType(p.schema, p.required, table),
      wire: goStr(p.wireName),
      in: p.in,
      doc: goDoc(
        `${name} is the ${p.in} parameter ${JSON.stringify(p.wireName)}${p.required ? '' : ' (optional)'}.`,
        p.description,
        p.deprecated ? 'Deprecated.' : '',
      ),
    };
  });
  const body = op.requestBody;
  const bodyField = body ? scope.claim('\0body', 'Body') : '';
  const fields = [
    ...params.filter((p) => !p.constant).map((p) => ({ name: p.name, type: p.type, doc: p.doc })),
    ...(body
      ? [
          {
            name: bodyField,
            type: fieldType(body.schema, body.required, table),
            doc: goDoc(`${bodyField} is the request body (${body.contentType}).`, body.description),
          },
        ]
      : []),
  ];
  const hasParams = fields.length > 0;
  const paramsType = hasParams
    ? pkg.claim(`params:${serviceType}:${method}`, `${serviceType.replace(/Service$/, '')}${method}Params`)
    : '';
  const list = (where: string): string =>
    params
      .filter((p) => p.in === where)
      .map((p) => `{Name: ${p.wire}, Value: ${p.value}}`)
      .join(', ');
  const response = responseOf(op, table);
  const security = `[][]string{${op.security.alternatives.map((a) => `{${a.schemes.map((s) => goStr(s.wireName)).join(', ')}}`).join(', ')}}`;
  const opFields = [
    `Method: ${goStr(op.method.toUpperCase())}`,
    `Server: ${goStr(server)}`,
    `Path: ${goStr(op.path)}`,
    `Security: ${security}`,
    ...(response.accept ? [`Accept: ${goStr(response.accept)}`] : []),
  ];
  const statements: string[] = [];
  const pathParams = params.filter((p) => p.in === 'path');
  if (pathParams.length > 0)
    statements.push(`op.PathParams = map[string]any{${pathParams.map((p) => `${p.wire}: ${p.value}`).join(', ')}}`);
  if (list('query')) statements.push(`op.Query = []core.Param{${list('query')}}`);
  if (list('header')) statements.push(`op.Header = []core.Param{${list('header')}}`);
  if (list('cookie')) statements.push(`op.Cookie = []core.Param{${list('cookie')}}`);
  if (body) {
    statements.push(`op.Body = params.${bodyField}`);
    statements.push(`op.ContentType = ${goStr(body.contentType)}`);
  }
  return {
    method,
    serviceType,
    schemes: [...new Set(op.security.alternatives.flatMap((a) => a.schemes.map((sc) => sc.wireName)))],
    requiresInput: op.parameters.some((p) => p.required) || body?.required === true,
    hasParams,
    paramsType,
    paramsDoc: goDoc(`${paramsType} are the parameters of ${serviceType}.${method}.`),
    fields,
    // Full comment lines: "Deprecated:" must open a paragraph of its own for Go tools to see it.
    docComment: [
      ...goDoc(`${method}: ${op.method.toUpperCase()} ${op.path}.`, op.summary, op.description).map((l) => `// ${l}`),
      ...(op.deprecated ? ['//', '// Deprecated: the API marks this operation as deprecated.'] : []),
    ],
    operation: `&core.Operation{${opFields.join(', ')}}`,
    statements,
    isJson: response.kind === 'json',
    isText: response.kind === 'text',
    isNone: response.kind === 'none',
    resultType: response.type,
    mdCall: mdCode(`client.${'{service}'}.${method}`),
    mdHttp: mdCode(`${op.method.toUpperCase()} ${op.path}`),
    mdSummary: mdText(op.summary),
  };
}

export function serviceViews(
  ir: IrApi,
  services: Map<string, { typeName: string; accessor: string; file: string }>,
  pkg: NameScope,
  table: ModelTable,
  server: (op: IrOperation) => string,
) {
  return [...services].map(([tag, s]) => {
    const methods = exportedScope();
    const ops = ir.operations
      .filter((o) => o.tag === tag)
      .map((o) => operationView(o, methods, pkg, table, s.typeName, server(o)));
    const tagInfo = ir.tags.find((t) => t.wireName === tag);
    return {
      tag,
      file: s.file,
      typeName: s.typeName,
      accessor: s.accessor,
      doc: goDoc(`${s.typeName} holds the operations tagged ${JSON.stringify(tag)}.`, tagInfo?.description ?? ''),
      clientDoc: goDoc(`${s.accessor} holds the operations tagged ${JSON.stringify(tag)}.`),
      operations: ops.map((o) => ({ ...o, mdCall: mdCode(`client.${s.accessor}.${o.method}`) })),
      mdTag: mdText(tag),
    };
  });
}
