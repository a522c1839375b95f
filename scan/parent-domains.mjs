// A host and the domains above it: how a request host or a cookie's domain
// is matched against lists that name a domain for all its subdomains.

/** Lower case, without a cookie domain's leading dot or a trailing dot.
 * @param {string} host */
export function normaliseHost(host) {
  return host.trim().toLowerCase().replace(/^\.+|\.+$/g, '');
}

/** The host, then each domain above it: `a.b.example.com`, `b.example.com`,
 * `example.com`, `com`. (A list never names a bare TLD, so walking to it costs
 * one lookup and needs no public-suffix list.)
 * @param {string} host already normalised
 * @returns {Generator<string>} */
export function* hostAndParents(host) {
  for (let at = 0; at >= 0; at = host.indexOf('.', at) + 1 || -1) yield host.slice(at);
}

/** Whether the host is the domain or under it.
 * @param {string} host @param {string} domain both normalised */
export function underDomain(host, domain) {
  return host === domain || (host.endsWith(domain) && host[host.length - domain.length - 1] === '.');
}

/**
 * The entry for the host or its nearest parent domain.
 * @template T
 * @param {ReadonlyMap<string, T>} table keys normalised
 * @param {string} host
 * @returns {[domain: string, value: T] | undefined}
 */
export function lookupHost(table, host) {
  if (table.size === 0) return undefined;
  for (const domain of hostAndParents(normaliseHost(host))) {
    const value = table.get(domain);
    if (value !== undefined) return [domain, value];
  }
  return undefined;
}
