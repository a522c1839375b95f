// Reading one Set-Cookie line or document.cookie assignment: its name,
// domain and whether it deletes the cookie. Pure.

/** @returns {{ name: string, domain?: string, path?: string, deletes: boolean } | undefined} */
export function parseSetCookie(text, now = Date.now()) {
  const [pair, ...attributes] = String(text).split(';');
  const eq = pair.indexOf('=');
  const name = (eq < 0 ? '' : pair.slice(0, eq)).trim();
  const value = (eq < 0 ? pair : pair.slice(eq + 1)).trim();
  if (!name && !value) return undefined;
  const out = { name: name || value, deletes: false };
  for (const attribute of attributes) {
    const at = attribute.indexOf('=');
    const key = (at < 0 ? attribute : attribute.slice(0, at)).trim().toLowerCase();
    const arg = at < 0 ? '' : attribute.slice(at + 1).trim();
    if (key == 'domain' && arg) out.domain = arg.replace(/^\./, '').toLowerCase();
    else if (key == 'path' && arg) out.path = arg;
    else if (key == 'max-age' && /^-?\d+$/.test(arg) && Number(arg) <= 0) out.deletes = true;
    else if (key == 'expires') {
      const when = Date.parse(arg);
      if (!Number.isNaN(when) && when <= now) out.deletes = true;
    }
  }
  return out;
}
