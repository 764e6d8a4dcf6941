/** The Python target's file list: which file is rendered from which template with which view. */
import type { IrApi } from '../../ir/types.js';
import { authContract } from '../shared/contract.js';
import { examplePlans, readmeOperation, resolveMetadata } from '../shared/examples.js';
import { mdCode, mdText } from '../shared/markdown.js';
import type { PlannedFile, TargetOptions, TargetPlan } from '../target.js';
import { assignPyNames, type ModelNames } from './names.js';
import { STATIC_FILES } from './static-files.js';
import { asyncClientView } from './views/async.js';
import { clientView } from './views/client.js';
import { configurationView } from './views/configuration.js';
import { controllerView } from './views/controller.js';
import { docViews } from './views/docs.js';
import { pyExampleView, pyReadmeExtras } from './views/examples.js';
import { modelView } from './views/model.js';
import { controllersInitView, modelExports, modelsInitView, packageInitView, pyprojectView } from './views/package.js';
import { schemeModuleView, schemeViews, scopeEnumView } from './views/scheme.js';

export function buildPlan(ir: IrApi, options: TargetOptions): TargetPlan {
  const contract = authContract(ir);
  const names = assignPyNames(ir, options.packageName, contract.units);
  const pkg = names.packageName;
  const schemes = schemeViews(contract.units, names);
  const files: PlannedFile[] = [];
  const add = (path: string, template: string, view: object): void => {
    files.push({ path, template, view });
  };
  for (const f of STATIC_FILES) files.push({ path: `${pkg}/${f}`, staticFile: f });
  files.push({ path: `${pkg}/py.typed`, content: '' });

  // models
  const models = ir.models.filter((m) => m.kind !== 'alias');
  const modelNames = models.map((m) => names.models.get(m.wireName) as ModelNames);
  models.forEach((m, i) => {
    const view = modelView(ir, names, m);
    add(
      `${pkg}/models/${(modelNames[i] as ModelNames).module}.py`,
      view.isEnum ? 'enum_model.py.hbs' : 'model.py.hbs',
      view,
    );
  });
  const scoped = schemes.filter((s) => s.names.scopeEnumClass !== '');
  for (const s of scoped) add(`${pkg}/models/${s.names.scopeEnumModule}.py`, 'scope_enum.py.hbs', scopeEnumView(s));
  const exported = modelExports(scoped, modelNames);
  add(`${pkg}/models/__init__.py`, 'models_init.py.hbs', modelsInitView(exported));

  // auth schemes
  for (const s of schemes) add(`${pkg}/http/auth/${s.names.module}.py`, 'auth_scheme.py.hbs', schemeModuleView(s));

  // controllers
  const controllers = ir.tags
    .filter((t) => ir.operations.some((o) => o.tag === t.wireName))
    .map((t) => controllerView(ir, names, t.wireName));
  for (const c of controllers) add(`${pkg}/controllers/${c.module}.py`, 'controller.py.hbs', c);
  add(`${pkg}/controllers/__init__.py`, 'controllers_init.py.hbs', controllersInitView(controllers));

  // configuration + client
  const config = configurationView(ir, names, schemes);
  add(`${pkg}/configuration.py`, 'configuration.py.hbs', config);
  add(`${pkg}/${names.clientModule}.py`, 'client.py.hbs', {
    ...clientView(ir, names, schemes, controllers, config),
    ...asyncClientView(ir, names, schemes, controllers),
  });

  // package root, project files, docs
  add(`${pkg}/__init__.py`, 'package_init.py.hbs', packageInitView(ir, names, schemes, exported, controllers));
  const meta = resolveMetadata(ir, options.metadata);
  add('pyproject.toml', 'pyproject.toml.hbs', pyprojectView(ir, names, meta));
  const docs = docViews(ir, names, schemes, controllers, models);
  for (const d of docs.files) add(d.path, d.template, d.view);
  const plans = examplePlans(ir, contract);
  for (const p of plans) add(`examples/${p.slug}.py`, 'examples/example.py.hbs', pyExampleView(ir, names, p));
  const extras = pyReadmeExtras(ir, names, plans, readmeOperation(ir), meta, { text: mdText, code: mdCode });
  add('README.md', 'README.md.hbs', { ...docs.readme, ...extras });
  return { files, warnings: contract.warnings };
}
