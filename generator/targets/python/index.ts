/** The Python target: plan (plan.ts) + views (views/) + templates/python. Output is already ruff-formatted. */
import type { Target } from '../target.js';
import { buildPlan } from './plan.js';

export const pythonTarget: Target = {
  name: 'python',
  plan: buildPlan,
};
