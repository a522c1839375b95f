/** The domains a cookie for `hostname` may have been set on: the host and
 * each parent (`a.shop.example.co.uk` → …, `example.co.uk`, `co.uk`). The
 * browser ignores public suffixes, so trying them is harmless. */
export function parentDomains(hostname: string): string[] {
  const labels = hostname.split('.');
  const out: string[] = [];
  if (labels.length < 2 || /^[\d.]+$|:/.test(hostname)) return out;
  for (let i = 0; i < labels.length - 1; i++) out.push(labels.slice(i).join('.'));
  return out;
}
