// Trusted Types: on a page whose CSP says `require-trusted-types-for
// 'script'`, the browser refuses a plain string as a script's URL or text.
// samtykke passes the strings it must use (the site's own gated scripts,
// its chunks, gtag.js) through one policy of its own, created on first use
// and never exposed, so no other code can mint trusted values with it. A
// CSP with a `trusted-types` list must name it (`trustedTypesPolicy`).
import { report } from '../report.js';
import { error } from '../errors.js';

interface Policy {
  createScript(text: string): unknown;
  createScriptURL(url: string): unknown;
}

let name = 'samtykke';
let policy: Policy | null | undefined;

/** Sets the policy's name (init() does, from the config), before first use. */
export function usePolicy(policyName: string) {
  name = policyName;
}

/** The policy, or null where the browser has no Trusted Types (the strings
 * then go in as they are) or the page's CSP forbids its name (said once). */
function trusted(): Policy | null {
  if (policy !== undefined) return policy;
  const factory = (window as { trustedTypes?: { createPolicy(name: string, rules: Policy): Policy } }).trustedTypes;
  policy = null;
  try {
    policy = factory?.createPolicy(name, {
      createScript: (text) => text,
      // Only web URLs load as scripts: never javascript: or data:.
      createScriptURL: (url) => (/^https?:$/.test(new URL(url, location.href).protocol) ? url : ''),
    }) || null;
  } catch (failure) {
    report(error(14, `'${name}' was refused (${failure})`));
  }
  return policy;
}

/** `url` as a value a script's `src` accepts under Trusted Types. */
export const scriptUrl = (url: string): string => (trusted()?.createScriptURL(url) ?? url) as string;

/** `text` as a value a script's `text` accepts under Trusted Types. */
export const scriptText = (text: string): string => (trusted()?.createScript(text) ?? text) as string;
