/** One thing wrong with a config: where, and what to do about it. */
export interface Problem {
  /** Dotted path from the config root, e.g. `categories.analytics.sale`. */
  path: string;
  message: string;
}

/** `['categories', 'ga', 'cookies', 0]` → `categories.ga.cookies[0]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    out += typeof key === 'number' ? `[${key}]` : (out ? '.' : '') + String(key);
  }
  return out || 'config';
}

export function describe(problem: Problem): string {
  return `samtykke: ${problem.path} ${problem.message}.`;
}
