// The client's address: which one to believe, what the log keeps of it, and
// what the rate limiter keys on.
//
// A receipt needs no IP to be proof (it carries the random consent id), and
// a full IP is personal data. The log keeps a /24 (IPv4) or /48 (IPv6),
// enough to tell a flood from one network apart from real traffic later,
// not enough to point at a household; `--store-ip off` keeps nothing.
import { isIP, isIPv4 } from 'node:net';

/**
 * The address the request came from. Behind a reverse proxy (`--trust-proxy`)
 * that is the last hop of X-Forwarded-For: the one our own proxy appended.
 * Entries before it are whatever the client sent and are never believed.
 * A missing or malformed header falls back to the socket's peer.
 * @param {string | undefined} socketAddress
 * @param {string | string[] | undefined} forwardedFor
 * @param {boolean} trustProxy
 * @returns {string | null}
 */
export function clientIp(socketAddress, forwardedFor, trustProxy) {
  if (trustProxy && forwardedFor) {
    // Several headers are joined as one list, in order.
    const list = Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor;
    const last = unbracket(list.split(',').pop()?.trim() ?? '');
    if (isIP(last)) return normalize(last);
  }
  return socketAddress && isIP(socketAddress) ? normalize(socketAddress) : null;
}

/** "[2001:db8::1]" and "1.2.3.4:5678" as some proxies write them, without the port. */
function unbracket(/** @type {string} */ entry) {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(entry);
  if (bracketed) return bracketed[1];
  const v4port = /^(\d{1,3}(?:\.\d{1,3}){3}):\d+$/.exec(entry);
  return v4port ? v4port[1] : entry;
}

/** An IPv4 address that arrived mapped into IPv6 (a dual-stack socket) is IPv4. */
function normalize(/** @type {string} */ ip) {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return mapped ? mapped[1] : ip.toLowerCase();
}

/**
 * The eight 16-bit groups of an IPv6 address (an embedded IPv4 tail is read too).
 * @param {string} ip
 * @returns {number[]}
 */
export function ipv6Groups(ip) {
  let address = ip.replace(/%.*$/, '');
  const tail = /(\d{1,3}(?:\.\d{1,3}){3})$/.exec(address);
  if (tail) {
    const [a, b, c, d] = tail[1].split('.').map(Number);
    address = address.slice(0, -tail[1].length) + `${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = rest ? rest.split(':') : [];
  const zeros = rest === undefined ? [] : Array(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16));
}

/** Groups back to the shortest text form (RFC 5952: the longest run of zeros becomes ::). */
function ipv6Text(/** @type {number[]} */ groups) {
  let best = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] != 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] == 0) j++;
    if (j - i > bestLength) [best, bestLength] = [i, j - i];
    i = j;
  }
  const hex = groups.map((group) => group.toString(16));
  if (best < 0) return hex.join(':');
  return `${hex.slice(0, best).join(':')}::${hex.slice(best + bestLength).join(':')}`;
}

/**
 * What the log keeps of an address: 203.0.113.77 → 203.0.113.0,
 * 2001:db8:85a3:8d3:1319:8a2e:370:7348 → 2001:db8:85a3::.
 * @param {string | null} ip
 * @returns {string | null}
 */
export function truncateIp(ip) {
  if (!ip) return null;
  if (isIPv4(ip)) return ip.replace(/\.\d+$/, '.0');
  if (isIP(ip) != 6) return null;
  const groups = ipv6Groups(ip);
  return ipv6Text([...groups.slice(0, 3), 0, 0, 0, 0, 0]);
}

/**
 * The key the per-IP rate limit counts: the whole IPv4 address, the /64 of an
 * IPv6 one (one subscriber usually has a whole /64 to rotate through).
 * Kept in memory only, never stored.
 * @param {string | null} ip
 */
export function rateKey(ip) {
  if (!ip) return 'unknown';
  if (isIPv4(ip)) return ip;
  return ipv6Groups(ip).slice(0, 4).map((group) => group.toString(16)).join(':') + '::/64';
}
