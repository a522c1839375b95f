import type { CoreConfig } from '../config/schema.js';
import { KNOWN_COOKIES, type CookiePattern } from './cookie-patterns.js';
import { own } from './record.js';

/** The ids that were allowed before and are not now. */
export function withdrawn(before: Readonly<Record<string, boolean>>, after: Readonly<Record<string, boolean>>): string[] {
  return Object.keys(before).filter((id) => before[id] && !after[id]);
}

/** The cookie patterns to delete when these categories and services are
 * withdrawn: what their services declare, plus Google's known cookies. */
export function cookiesOf(config: CoreConfig, categories: string[], services: string[]): CookiePattern[] {
  const patterns: CookiePattern[] = [];
  for (const id of Object.keys(config.categories)) {
    const category = config.categories[id];
    const whole = categories.includes(id);
    if (whole && own(KNOWN_COOKIES, id)) patterns.push(...KNOWN_COOKIES[id]);
    for (const service of Object.keys(category.services)) {
      if (whole || services.includes(service)) patterns.push(...category.services[service].cookies);
    }
  }
  return patterns;
}
