/**
 * Every Go name of one generated module, assigned once: package-scope types and constants, Config
 * fields, Client fields, per-flow credential types and scope types, services and operations.
 */
import type { IrApi, IrOAuth2Scheme } from '../../../ir/types.js';
import {
  isFlowUnit,
  type AuthContract,
  type FlowUnit,
  type SimpleUnit,
  type SupportedFlow,
} from '../../shared/contract.js';
import { kebabCase, NameScope } from '../../../naming/index.js';
import { exportedScope, FIXED_PACKAGE_NAMES, goExported } from '../names.js';

/** Flows the Go SDK implements (implicit flows are reported, not generated). */
export type { SupportedFlow };

export interface GoFlowNames {
  unit: FlowUnit;
  scheme: IrOAuth2Scheme;
  flow: SupportedFlow;
  key: string;
  /** Client field holding the manager. */
  accessor: string;
  credType: string;
  configField: string;
  scopeType: string | null;
  /** scope wire → constant name */
  scopeConsts: Map<string, string>;
  /** doc page slug (the contract's) */
  slug: string;
  /** `examples/<exampleDir>/main.go` */
  exampleDir: string;
}

export interface GoSimpleNames {
  unit: SimpleUnit;
  kind: 'basic' | 'bearer' | 'apiKey';
  credType: string;
  configField: string;
}

export interface GoNames {
  pkg: NameScope;
  environmentConsts: Map<string, string>;
  serverConsts: Map<string, string>;
  variableFields: Map<string, string>;
  flows: GoFlowNames[];
  simple: GoSimpleNames[];
  models: Map<string, string>;
  services: Map<string, { typeName: string; accessor: string; file: string }>;
}

const byWire = <T extends { wireName: string }>(a: T, b: T): number =>
  a.wireName < b.wireName ? -1 : a.wireName > b.wireName ? 1 : 0;

const EXAMPLE_DIR: Record<SupportedFlow['kind'], string> = {
  authorizationCode: 'authorization-code',
  password: 'password',
  clientCredentials: 'client-credentials',
  deviceAuthorization: 'device-authorization',
};

/** Config fields that are not derived from the spec. */
export const FIXED_CONFIG_FIELDS = [
  'Environment',
  'BaseURLs',
  'HTTPClient',
  'Timeout',
  'MaxRetries',
  'MaxRetryWait',
  'MaxResponseBytes',
  'Logger',
  'AllowInsecureHTTP',
  'UserAgent',
];

export function assignGoNames(ir: IrApi, contract: AuthContract): GoNames {
  const pkg = exportedScope(FIXED_PACKAGE_NAMES);
  const config = exportedScope(FIXED_CONFIG_FIELDS);
  const clientFields = exportedScope(['String', 'GoString', 'Format', 'ServerURL']);

  const environmentConsts = new Map<string, string>();
  for (const e of [...ir.environments].sort(byWire)) {
    environmentConsts.set(
      e.wireName,
      pkg.claim(`env:${e.wireName}`, `Environment${goExported(e.wireName, 'Default')}`),
    );
  }
  const serverConsts = new Map<string, string>();
  for (const s of [...ir.serverNames].sort()) {
    serverConsts.set(s, pkg.claim(`server:${s}`, `Server${goExported(s, 'Default')}`));
  }
  const variableFields = new Map<string, string>();
  for (const v of [...ir.serverVariables].sort(byWire)) {
    variableFields.set(v.wireName, config.claim(`var:${v.wireName}`, goExported(v.wireName, 'Variable')));
  }

  const flows: GoFlowNames[] = [];
  const simple: GoSimpleNames[] = [];
  const examples = new NameScope({ reserved: new Set(), separator: '-', caseInsensitive: true });
  const perKind = new Map<string, number>();
  for (const u of contract.flows) perKind.set(u.kind, (perKind.get(u.kind) ?? 0) + 1);
  for (const unit of contract.units) {
    const base = goExported(unit.namingKey, 'Auth');
    if (!isFlowUnit(unit)) {
      const credType = pkg.claim(`cred:${unit.namingKey}`, `${base}Credentials`);
      simple.push({ unit, kind: unit.kind, credType, configField: config.claim(`cred:${unit.namingKey}`, credType) });
      continue;
    }
    const { flow, namingKey: key } = unit;
    const credType = pkg.claim(`cred:${key}`, `${base}Credentials`);
    const scopeType = flow.scopes.length > 0 ? pkg.claim(`scope:${key}`, `${base}Scope`) : null;
    const scopeConsts = new Map<string, string>();
    if (scopeType) {
      for (const sc of [...flow.scopes].sort(byWire)) {
        scopeConsts.set(
          sc.wireName,
          pkg.claim(`scope:${key}:${sc.wireName}`, `${scopeType}${goExported(sc.memberHint ?? sc.wireName, 'Scope')}`),
        );
      }
    }
    const many = (perKind.get(flow.kind) ?? 0) > 1;
    flows.push({
      unit,
      scheme: unit.scheme,
      flow,
      key,
      accessor: clientFields.claim(`manager:${key}`, base),
      credType,
      configField: config.claim(`cred:${key}`, credType),
      scopeType,
      scopeConsts,
      slug: unit.docSlug,
      exampleDir: examples.claim(
        key,
        many ? `${EXAMPLE_DIR[flow.kind]}-${kebabCase(key) || 'oauth'}` : EXAMPLE_DIR[flow.kind],
      ),
    });
  }

  const models = new Map<string, string>();
  for (const m of [...ir.models].sort(byWire))
    models.set(m.wireName, pkg.claim(`model:${m.wireName}`, goExported(m.wireName, 'Model')));

  const services = new Map<string, { typeName: string; accessor: string; file: string }>();
  // `<tag>_service.go`: the suffix keeps a tag like `linux` or `test` from turning the file into a
  // build-constrained or test file.
  const files = new NameScope({ reserved: new Set(), separator: '_', caseInsensitive: true });
  const tags = [...new Set([...ir.tags.map((t) => t.wireName), ...ir.operations.map((o) => o.tag)])].sort();
  for (const tag of tags) {
    const base = goExported(tag, 'API');
    services.set(tag, {
      typeName: pkg.claim(`service:${tag}`, `${base}Service`),
      accessor: clientFields.claim(`service:${tag}`, base),
      file: `${files.claim(tag, (kebabCase(tag) || 'api').replace(/-/g, '_'))}_service.go`,
    });
  }
  return { pkg, environmentConsts, serverConsts, variableFields, flows, simple, models, services };
}
