// Last guesses for cookies nothing listed: names that by long convention
// keep a site working. Low confidence, and the list stays short on purpose:
// each entry is a name no analytics or ad script would take.

/** Whole names: the session cookies of common server frameworks. */
const NAMES = new Set([
  'PHPSESSID', // PHP
  'JSESSIONID', // Java servlets
  'ASP.NET_SessionId', // ASP.NET
  'connect.sid', // Express (express-session)
  'laravel_session', // Laravel
  'sessionid', // Django
]);

/** Patterns, tested in order; the first that matches is reported. */
const PATTERNS = [
  // Any name with "session" in it: ci_session, _myapp_session, SESSION.
  /session/i,
  // Cross-site request forgery tokens: csrftoken, XSRF-TOKEN, _csrf.
  /csrf|xsrf/i,
  // Load-balancer stickiness: AWS ALB and classic ELB, F5 BIG-IP, Azure App Service.
  /^(AWSALB|AWSELB|BIGipServer|ARRAffinity)/,
];

/**
 * `necessary` for a cookie name that by convention holds a session, a CSRF
 * token or a load balancer's stickiness; undefined otherwise.
 * @param {string} name
 * @returns {{ match: 'exact' | 'pattern', pattern: string } | undefined}
 */
export function heuristic(name) {
  if (NAMES.has(name)) return { match: 'exact', pattern: name };
  const pattern = PATTERNS.find((test) => test.test(name));
  return pattern && { match: 'pattern', pattern: String(pattern) };
}
