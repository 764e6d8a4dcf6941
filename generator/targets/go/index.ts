/**
 * The Go target: one Go module (standard library only) with a typed client, OAuth managers built
 * on the static runtime in `templates/go/static/core/`, models, services, docs and examples. The
 * output is gofmt-clean as rendered (no formatter runs at generation time, so Go is not needed to
 * generate).
 */
import type { Target } from '../target.js';
import { planGo } from './plan.js';

export const goTarget: Target = {
  name: 'go',
  plan: planGo,
};
