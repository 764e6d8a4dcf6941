/**
 * Former home of the TypeScript view-model, kept so that older imports keep working: the plan is
 * in plan.ts, each file kind's view in views/, every name in names.ts.
 */
export { buildViews, type TsViews } from './plan.js';
export { HEADER } from './views/common.js';
