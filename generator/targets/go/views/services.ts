/** One service type per tag; one method (and a params struct when it has parameters) per operation. */
import type { IrApi, IrOperation } from '../../../ir/types.js';
import type { NameScope } from '../../../naming/index.js';
import { mdCode, mdText } from '../../shared/markdown.js';
import { goDoc, goStr } from '../escape.js';
import { exportedScope, goExported } from '../names.js';
import { fieldType, goType, type ModelTable } from '../types.js';

function responseOf(op: IrOperation, table: ModelTable) {
  const ok = op.responses.find((r) => /^2/.test(r.status));
  if (!ok || ok.contentType === null || ok.schema === null) return { kind: 'none' as const, type: '', accept: '' };
  if (/json/i.test(ok.contentType))
    return { kind: 'json' as const, type: goType(ok.schema, table), accept: ok.contentType };
  return { kind: 'text' as const, type: 'string', accept: ok.contentType };
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
  const params = op.parameters.map((p) => {
    const name = scope.claim(`${p.in}:${p.wireName}`, goExported(p.wireName, 'Param'));
    return {
      name,
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
    ...params.map((p) => ({ name: p.name, type: p.type, doc: p.doc })),
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
      .map((p) => `{Name: ${p.wire}, Value: params.${p.name}}`)
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
    statements.push(
      `op.PathParams = map[string]any{${pathParams.map((p) => `${p.wire}: params.${p.name}`).join(', ')}}`,
    );
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
    doc: goDoc(
      `${method}: ${op.method.toUpperCase()} ${op.path}.`,
      op.summary,
      op.description,
      op.deprecated ? 'Deprecated: the API marks this operation as deprecated.' : '',
    ),
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
