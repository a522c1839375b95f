// Full validation with zod: for the development bundle, the exported
// validate() and the CLI. Turns zod's issues into the same one-line problems
// the production normaliser reports, and adds the warnings (warnings.ts).
import type * as z from 'zod/mini';
import { configSchema } from './schema.js';
import { MESSAGES } from './messages.js';
import { duplicateServices } from './services.js';
import { formatPath, type Problem } from './problem.js';
import { warningsFor, type ValidateOptions } from './warnings.js';

type Issue = z.core.$ZodIssue;

function problemsOf(issue: Issue, base: PropertyKey[] = []): Problem[] {
  const path = [...base, ...issue.path];
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => ({ path: formatPath([...path, key]), message: MESSAGES.unknownKey }));
    case 'invalid_key':
      return [{ path: formatPath(path), message: issue.issues[0]?.message ?? issue.message }];
    case 'invalid_union': {
      // A value that has the shape of one branch (an object for a cookie, say)
      // but is wrong inside it: report that branch's inner problems, which
      // say more than "must be a string or an object".
      const inner = issue.errors.find((branch) => branch.length && branch.every((i) => i.path.length));
      if (inner) return inner.flatMap((i) => problemsOf(i, path));
      return [{ path: formatPath(path), message: issue.message }];
    }
    default:
      return [{ path: formatPath(path), message: issue.message }];
  }
}

/** What zod's per-key schema cannot see. */
function crossChecks(config: unknown): Problem[] {
  const problems: Problem[] = [];
  const categories = (config as { categories?: unknown } | null)?.categories;
  if (typeof categories != 'object' || !categories) return problems;
  const bag = categories as Record<string, { sale?: unknown; services?: unknown } | undefined>;
  // zod's record() skips a `__proto__` key without checking it.
  const proto = (keys: object, path: string) => {
    if (Object.prototype.hasOwnProperty.call(keys, '__proto__')) problems.push({ path: path + '__proto__', message: MESSAGES.id });
  };
  proto(bag, 'categories.');
  for (const id of Object.keys(bag)) {
    const services = bag[id]?.services;
    if (typeof services == 'object' && services) proto(services, `categories.${id}.services.`);
  }
  if (bag.necessary?.sale === true) problems.push({ path: 'categories.necessary.sale', message: MESSAGES.necessarySale });
  return problems;
}

export interface Validation {
  /** True when the config has no problem. Warnings do not count: the
   * config runs as written. */
  ok: boolean;
  /** What is wrong: samtykke uses a safe default instead. */
  problems: Problem[];
  /** What is valid but probably not what the law asks for (the privacy
   * centre's request methods, the Limit link); each says what to do. Looked
   * for once the config has no problem. */
  warnings: Problem[];
}

/** Checks a config against the full schema, without running anything.
 * Use it in tests or CI; `npx samtykke validate config.json` does the same.
 * Pass the page's HTML as `html` to check it has the links the config needs. */
export function validate(config: unknown, options: ValidateOptions = {}): Validation {
  const result = configSchema.safeParse(config);
  const problems = [
    ...(result.success
      ? duplicateServices(result.data.categories ?? {})
      : result.error.issues.flatMap((issue) => problemsOf(issue))),
    ...crossChecks(config),
  ];
  const ok = problems.length == 0;
  return { ok, problems, warnings: ok && result.success ? warningsFor(result.data, options) : [] };
}
