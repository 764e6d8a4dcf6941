/**
 * SDK-level names of the things a spec diff talks about, in each language, taken from the
 * targets' own naming modules (never re-derived here), so a change is reported as the symbol a
 * user of the generated SDK actually writes: `client.pets.list_pets(limit=...)` in Python,
 * `client.pets.listPets({ limit })` in TypeScript.
 */
import type { IrApi, IrModel, IrOperation } from '../ir/types.js';
import {
  assignPyNames,
  controllerMethodNames,
  enumMemberNames,
  modelPropertyNames,
  operationParamNames,
  type PyNames,
} from '../targets/python/names.js';
import { assignPackageNames, modelRefs, moduleScope, type PackageNames } from '../targets/typescript/names.js';
import { authContract } from '../targets/shared/contract.js';
import { controllerView } from '../targets/typescript/views/controller.js';
import { modelView } from '../targets/typescript/views/model.js';

export const LANGUAGES = ['python', 'typescript'] as const;
export type Language = (typeof LANGUAGES)[number];

/** One symbol per language. */
export type Symbols = Record<Language, string>;

export const opKey = (op: IrOperation): string => `${op.method.toUpperCase()} ${op.path}`;
export const paramKey = (p: { in: string; wireName: string }): string => `${p.in}:${p.wireName}`;

/** Every name the diff needs for one spec. */
export interface SdkNames {
  packageName: Symbols;
  operation(op: IrOperation): Symbols;
  /** A parameter (`in:wire`) or the request body (`body:`) of an operation. */
  argument(op: IrOperation, key: string): Symbols;
  model(wire: string): Symbols;
  property(model: string, prop: string): Symbols;
  enumMember(model: string, value: string): Symbols;
  scheme(wire: string): Symbols;
  flow(scheme: string, kind: string): Symbols;
  scope(scheme: string, kind: string, scope: string): Symbols;
  environment(wire: string): Symbols;
  variable(wire: string): Symbols;
}

const KIND_WORD: Record<string, string> = {
  authorizationCode: 'authorization code',
  password: 'password',
  clientCredentials: 'client credentials',
  implicit: 'implicit',
};

export function sdkNames(ir: IrApi, packageName: string | null): SdkNames {
  const units = authContract(ir).units;
  const py: PyNames = assignPyNames(ir, packageName, units);
  /** Python names of the manager of one flow of a scheme (or of a simple scheme). */
  const pyUnit = (scheme: string, kind?: string) =>
    py.schemes.get(
      units.find((u) => u.scheme.wireName === scheme && (kind === undefined || u.kind === kind))?.namingKey ?? '',
    );
  const ts: PackageNames = assignPackageNames(ir, packageName);
  const models = new Map(ir.models.map((m) => [m.wireName, m]));

  // Python: methods per controller, arguments per operation.
  const pyMethods = new Map<IrOperation, string>();
  const tags = [...new Set(ir.operations.map((o) => o.tag))];
  for (const tag of tags) {
    const ops = ir.operations.filter((o) => o.tag === tag);
    const names = controllerMethodNames(ops);
    for (const o of ops) pyMethods.set(o, names.get(o.operationId) ?? o.operationId);
  }
  // TypeScript: the controller views assign method and parameter names.
  const tsOps = new Map<IrOperation, { method: string; keys: string[] }>();
  const scope = moduleScope(ts);
  const refs = modelRefs(ts);
  for (const [tag, names] of ts.controllers) {
    const ops = ir.operations.filter((o) => o.tag === tag);
    const view = controllerView(ir, tag, names, scope, refs);
    ops.forEach((o, i) => {
      const v = view.operations[i];
      if (v) tsOps.set(o, { method: v.method, keys: v.fields.map((f) => f.key) });
    });
  }
  const tsEnumMembers = new Map<string, Map<string, string>>();
  const tsEnum = (m: IrModel): Map<string, string> => {
    let hit = tsEnumMembers.get(m.wireName);
    if (!hit) {
      const v = modelView(m, ts.models);
      hit = new Map(v.members.map((mem, i) => [[...new Set(m.enumValues.map(String))][i] ?? '', mem.name]));
      tsEnumMembers.set(m.wireName, hit);
    }
    return hit;
  };

  const pyClient = (op: IrOperation): string =>
    `client.${py.tags.get(op.tag)?.accessor ?? op.tag}.${pyMethods.get(op) ?? op.operationId}`;
  const tsClient = (op: IrOperation): string =>
    `client.${ts.controllers.get(op.tag)?.accessor ?? op.tag}.${tsOps.get(op)?.method ?? op.operationId}`;
  const tsFlows = (scheme: string) => ts.flows.filter((f) => f.scheme.wireName === scheme);

  return {
    packageName: { python: py.packageName, typescript: ts.packageName },
    operation: (op) => ({ python: `${pyClient(op)}()`, typescript: `${tsClient(op)}()` }),
    argument(op, key) {
      const pyArg = operationParamNames(op).get(key) ?? key;
      const index = key === 'body:' ? op.parameters.length : op.parameters.findIndex((p) => paramKey(p) === key);
      const tsArg = tsOps.get(op)?.keys[index] ?? key;
      return { python: `${pyClient(op)}(${pyArg}=)`, typescript: `${tsClient(op)}({ ${tsArg} })` };
    },
    model: (wire) => ({
      python: py.models.get(wire)?.className ?? wire,
      typescript: ts.models.get(wire) ?? wire,
    }),
    property(model, prop) {
      const m = models.get(model);
      const attr = m ? (modelPropertyNames(m).get(prop) ?? prop) : prop;
      const key = /^[A-Za-z_$][\w$]*$/.test(prop) ? `.${prop}` : `[${JSON.stringify(prop)}]`;
      return {
        python: `${py.models.get(model)?.className ?? model}.${attr}`,
        typescript: `${ts.models.get(model) ?? model}${key}`,
      };
    },
    enumMember(model, value) {
      const m = models.get(model);
      return {
        python: `${py.models.get(model)?.className ?? model}.${m ? (enumMemberNames(m).get(value) ?? value) : value}`,
        typescript: `${ts.models.get(model) ?? model}.${m ? (tsEnum(m).get(value) ?? value) : value}`,
      };
    },
    scheme(wire) {
      const simple = ts.simpleSchemes.find((s) => s.scheme.wireName === wire);
      const tsName = simple
        ? simple.credentialsName
        : tsFlows(wire)
            .map((f) => f.credentialsName)
            .join(', ') || wire;
      const pyName =
        units
          .filter((u) => u.scheme.wireName === wire)
          .map((u) => py.schemes.get(u.namingKey)?.credentialsClass)
          .filter(Boolean)
          .join(', ') || wire;
      return { python: pyName, typescript: tsName };
    },
    flow(scheme, kind) {
      const f = tsFlows(scheme).find((x) => x.flow.kind === kind);
      return {
        python: pyUnit(scheme, kind)?.managerClass ?? `${scheme} (${KIND_WORD[kind] ?? kind})`,
        typescript: f?.className ?? `${scheme} (${KIND_WORD[kind] ?? kind})`,
      };
    },
    scope(scheme, kind, value) {
      const p = pyUnit(scheme, kind);
      const f = tsFlows(scheme).find((x) => x.flow.kind === kind);
      return {
        python: p?.scopeEnumClass ? `${p.scopeEnumClass}.${p.scopeMembers.get(value) ?? value}` : JSON.stringify(value),
        typescript: f?.scopeEnumName
          ? `${f.scopeEnumName}.${f.scopeMembers.get(value) ?? value}`
          : JSON.stringify(value),
      };
    },
    environment: (wire) => ({
      python: `Environment.${py.environments.get(wire) ?? wire}`,
      typescript: `Environment.${ts.environmentMembers.get(wire) ?? wire}`,
    }),
    variable: (wire) => ({
      python: `Configuration(${py.variables.get(wire) ?? wire}=)`,
      typescript: `new ${ts.clientName}({ ${ts.variableProps.get(wire) ?? wire} })`,
    }),
  };
}
