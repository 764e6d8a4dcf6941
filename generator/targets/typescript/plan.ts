/** The TypeScript target's file list: which file is rendered from which template with which view. */
import type { IrApi } from '../../ir/types.js';
import type { PlannedFile, TargetOptions, TargetPlan } from '../target.js';
import { assignPackageNames, modelRefs, moduleScope, type PackageNames } from './names.js';
import { controllerView, type ControllerView } from './views/controller.js';
import { flowView, type FlowView } from './views/flow.js';
import { modelView } from './views/model.js';
import { rootView, type FlowDocView, type RootView, type SchemeDocView } from './views/root.js';
import { authContract, type AuthContract, type FlowKind } from '../shared/contract.js';
import { simpleSchemeView } from './views/simple-scheme.js';
import { examplePlans, readmeOperation, resolveMetadata } from '../shared/examples.js';
import { tsCallOf, tsExampleView, tsPackageExtras } from './views/examples.js';

/** The runtime files copied verbatim into `src/runtime/`. */
export const RUNTIME_FILES = [
  'api-promise.ts',
  'auth.ts',
  'device.ts',
  'errors.ts',
  'file-token-store.ts',
  'form.ts',
  'http.ts',
  'index.ts',
  'loopback-node.ts',
  'loopback.ts',
  'metadata.ts',
  'oauth-errors.ts',
  'oauth.ts',
  'pkce.ts',
  'redact.ts',
  'request.ts',
  'revoke.ts',
  'token-store.ts',
  'token.ts',
  'url.ts',
] as const;

/** The doc page template of each flow kind. */
const FLOW_DOC_TEMPLATES: Record<FlowKind, string> = {
  authorizationCode: 'doc/authorization-code.md.hbs',
  password: 'doc/password.md.hbs',
  clientCredentials: 'doc/client-credentials.md.hbs',
  deviceAuthorization: 'doc/device-authorization.md.hbs',
};

export interface TsViews {
  contract: AuthContract;
  names: PackageNames;
  root: RootView;
  controllers: { file: string; tag: string; view: ControllerView }[];
  flows: FlowView[];
}

/** Every view of the package. */
export function buildViews(ir: IrApi, packageOverride: string | null, specName: string): TsViews {
  const contract = authContract(ir);
  const names = assignPackageNames(ir, packageOverride, contract.units);
  const module = moduleScope(names);
  const refs = modelRefs(names);
  const controllers = [...names.controllers].map(([tag, c]) => ({
    file: c.file,
    tag,
    view: controllerView(ir, tag, c, module, refs),
  }));
  const flows = names.flows.map(flowView);
  const root = rootView(ir, names, specName, {
    flows,
    simpleSchemes: names.simpleSchemes.map(simpleSchemeView),
    controllers,
    models: ir.models.map((m) => modelView(m, names.models)),
  });
  return { contract, names, root, controllers, flows };
}

export function planTypeScript(ir: IrApi, options: TargetOptions): TargetPlan {
  const views = buildViews(ir, options.packageName, options.specName);
  const plans = examplePlans(ir, views.contract);
  const usageOp = readmeOperation(ir);
  const extras = tsPackageExtras(
    views.names,
    resolveMetadata(ir, options.metadata),
    usageOp ? tsCallOf(usageOp, ir, views.controllers) : null,
    plans,
  );
  const root = { ...views.root, ...extras };
  const files: PlannedFile[] = [
    { path: 'package.json', template: 'package.json.hbs', view: root },
    { path: 'tsconfig.json', staticFile: 'tsconfig.json' },
    { path: 'README.md', template: 'README.md.hbs', view: root },
    { path: 'src/index.ts', template: 'src/index.ts.hbs', view: root },
    // Node-only entry point (`<package>/node`): the file token store. Kept apart so that the main
    // entry never imports a `node:` module.
    { path: 'src/node.ts', staticFile: 'src/node.ts' },
    { path: 'src/client.ts', template: 'src/client.ts.hbs', view: root },
    { path: 'src/auth.ts', template: 'src/auth.ts.hbs', view: root },
    { path: 'src/models.ts', template: 'src/models.ts.hbs', view: root },
    ...views.controllers.map((c) => ({
      path: `src/controllers/${c.file}.ts`,
      template: 'src/controller.ts.hbs',
      view: c.view,
    })),
    ...RUNTIME_FILES.map((f) => ({ path: `src/runtime/${f}`, staticFile: `src/runtime/${f}` })),
  ];
  for (const p of plans)
    files.push({
      path: `examples/${p.slug}.ts`,
      template: 'examples/example.ts.hbs',
      view: tsExampleView(ir, views.names, views.controllers, p),
    });
  if (plans.length > 0) {
    files.push({ path: 'examples/run.mjs', staticFile: 'examples/run.mjs' });
    files.push({ path: 'examples/tsconfig.json', staticFile: 'examples/tsconfig.json' });
  }
  for (const flow of views.flows) {
    const view: FlowDocView = { ...root, flow };
    files.push({ path: `doc/auth/${flow.docFile}.md`, template: FLOW_DOC_TEMPLATES[flow.kind], view });
  }
  for (const scheme of root.simpleSchemes) {
    const view: SchemeDocView = { ...root, scheme };
    files.push({ path: `doc/auth/${scheme.docFile}.md`, template: 'doc/credentials.md.hbs', view });
  }
  return { files, warnings: views.contract.warnings };
}
