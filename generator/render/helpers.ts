/**
 * The only place Handlebars helpers are registered. Templates print; view-models decide. So there
 * are deliberately almost no helpers: no case conversion, no comparisons, no escaping here.
 */
import type Handlebars from 'handlebars';

/** Helper names the templates may use (Handlebars `knownHelpers`), besides the built-ins. */
export const KNOWN_HELPERS: Record<string, true> = {};

export function registerHelpers(hb: typeof Handlebars): void {
  void hb; // nothing to register yet: every value arrives final from the view-model
}
