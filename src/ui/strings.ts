// The strings the UI shows: English underneath (so no button is ever
// empty), then the visitor's locale, then the site's `texts` for it.
import type { UiConfig } from '../config/schema.js';
import { own } from '../core/record.js';

import type { Strings } from '../loading/locales.js';

export type { Strings };

/** Layers the strings; later layers win, empty strings never do. */
export function layer(...layers: (Strings | undefined)[]): Strings {
  const out: Strings = {};
  for (const strings of layers) {
    for (const key of Object.keys(strings || {})) if (strings![key]) out[key] = strings![key];
  }
  return out;
}

/** A category's name and description: the config's own words, else the
 * locale's for the built-in categories, else its id. */
export function categoryText(strings: Strings, config: UiConfig, id: string): { label: string; description?: string } {
  const given: { label?: string; description?: string } = own(config.categories, id) ? config.categories[id] : {};
  return {
    label: given.label || strings[`category.${id}`] || id,
    description: given.description || strings[`category.${id}.text`],
  };
}
