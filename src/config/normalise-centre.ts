// The privacy centre's reader of `privacyCentre`: in the dialogs chunk, so
// that neither a returning visitor nor the banner pays for it. Same rules as
// the other readers (report once, fall back safely, never throw): a method
// refused (a `javascript:` link, say) is said and left out, the others
// still show.
import type { UiConfig } from './schema.js';
import type { Problem } from './problem.js';
import { isBoolean, isObject, matches, reader, type Bag } from './reader.js';
import { METHOD_PATTERN, RIGHTS } from './defaults.js';

const isMethod = matches(METHOD_PATTERN);

export function normaliseCentre(input: unknown): { centre: NonNullable<UiConfig['privacyCentre']>; problems: Problem[] } {
  const problems: Problem[] = [];
  const { fail, bag, copy } = reader(problems);
  const raw: Bag = isObject(input) ? input : {};
  const given = raw.privacyCentre === undefined ? {} : bag(raw, 'privacyCentre', '');
  const rights = bag(given, 'rights', 'privacyCentre.');
  const centre: NonNullable<UiConfig['privacyCentre']> = { rights: {} };
  for (const right of RIGHTS) {
    const value = rights[right];
    if (value === undefined) continue;
    const path = `privacyCentre.rights.${right}`;
    const list = Array.isArray(value) ? value : [value];
    const ok = list.filter((method, i) => isMethod(method) || (fail(Array.isArray(value) ? `${path}[${i}]` : path, method), false));
    if (ok.length) centre.rights[right] = ok as string[];
  }
  copy(given, ['tollFree'], 'privacyCentre.', centre, matches(/^\+?[\d ().-]{3,}$/));
  copy(given, ['onlineOnly'], 'privacyCentre.', centre, isBoolean);
  copy(given, ['noticeAtCollection'], 'privacyCentre.', centre, isMethod);
  return { centre, problems };
}
