/** The Python target: plan (plan.ts) + views (views/) + templates/python. No `format` hook: views pass ruff's line breaks (layout.ts) to the templates. */
import type { Target } from '../target.js';
import { buildPlan } from './plan.js';

export const pythonTarget: Target = {
  name: 'python',
  plan: buildPlan,
};
