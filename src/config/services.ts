import type { Problem } from './problem.js';
/** The one message the production normaliser says in words: here, not in
 * messages.ts, so that the core never imports that module (esbuild and
 * webpack keep a whole object literal, and its template string, once it is
 * imported at all). */
export const SERVICE_TWICE = 'is used by two categories; service ids must be unique';

type Categories = Record<string, { services?: Record<string, unknown> } | undefined>;

/** A service id names one service page-wide (`allowed('ga4')`,
 * `data-samtykke-service="ga4"`, the record), so two categories cannot share
 * it. The only rule that spans keys, hence not in the per-key schema. */
export function duplicateServices(categories: Categories): Problem[] {
  const owner: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const category of Object.keys(categories)) {
    for (const service of Object.keys(categories[category]?.services ?? {})) {
      // Own keys only: a service named `toString` is not Object.prototype's.
      if (Object.prototype.hasOwnProperty.call(owner, service)) {
        problems.push({ path: `categories.${category}.services.${service}`, message: SERVICE_TWICE });
      } else owner[service] = category;
    }
  }
  return problems;
}
