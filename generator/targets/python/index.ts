/** The Python target: view-model (view.ts) + templates/python. Output is already ruff-formatted. */
import type { Target } from '../target.js';
import { buildPlan } from './view.js';

export const pythonTarget: Target = {
  name: 'python',
  plan: buildPlan,
};
