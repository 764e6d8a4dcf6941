/** The file plan of a Go module: which file comes from which template and view. */
import type { IrApi } from '../../ir/types.js';
import type { PlannedFile, TargetOptions, TargetPlan } from '../target.js';
import { authContract } from '../shared/contract.js';
import { buildGoViews } from './views/client.js';

/** The static runtime files copied verbatim into `core/`. */
export const RUNTIME_FILES = [
  'auth.go',
  'device.go',
  'doc.go',
  'errors.go',
  'filestore.go',
  'flock_other.go',
  'flock_unix.go',
  'http.go',
  'metadata.go',
  'oauth.go',
  'pkce.go',
  'redact.go',
  'request.go',
  'revoke.go',
  'store.go',
  'token.go',
  'url.go',
] as const;

export function planGo(ir: IrApi, options: TargetOptions): TargetPlan {
  const contract = authContract(ir);
  const root = buildGoViews(ir, contract, options.packageName, options.specName);
  const warnings = [...contract.warnings];
  const files: PlannedFile[] = [
    { path: 'go.mod', template: 'go.mod.hbs', view: root },
    { path: 'README.md', template: 'README.md.hbs', view: root },
    { path: 'doc.go', template: 'doc.go.hbs', view: root },
    { path: 'client.go', template: 'client.go.hbs', view: root },
    { path: 'aliases.go', template: 'aliases.go.hbs', view: root },
    ...(root.hasAuth ? [{ path: 'auth.go', template: 'auth.go.hbs', view: root }] : []),
    ...(root.hasModels ? [{ path: 'models.go', template: 'models.go.hbs', view: root }] : []),
    ...root.services.map((s) => ({ path: s.file, template: 'service.go.hbs', view: { ...root, service: s } })),
    ...RUNTIME_FILES.map((f) => ({ path: `core/${f}`, staticFile: `core/${f}` })),
  ];
  for (const flow of root.flows) {
    files.push({ path: `docs/auth/${flow.slug}.md`, template: 'docs/auth.md.hbs', view: { ...root, flow } });
    files.push({ path: `examples/${flow.exampleDir}/main.go`, template: 'example.go.hbs', view: { ...root, flow } });
  }
  return { files, warnings };
}
