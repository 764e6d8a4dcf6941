/**
 * Former home of the Python view-model, kept so that older imports keep working: the plan is in
 * plan.ts, each file kind's view in views/, every name in names.ts.
 */
export { buildPlan } from './plan.js';
export { importLine, PY_VERSION_FLOOR } from './views/package.js';
