// The client side of the CLI's admin verbs (export, verify, stats,
// retention): one request to a running `samtykke log serve` with the token.
// Failures become a ClientError with the exit code the CLI returns and a
// one-line message: 2 when the server or its store failed (or could not be
// reached), 3 when the token was refused (a setup problem, like a usage error).

/** A failed request: `code` is the CLI's exit code. */
export class ClientError extends Error {
  /** @param {number} code @param {string} message */
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

/**
 * @param {{ url: string, token: string, fetch?: typeof fetch }} options
 */
export function createClient({ url, token, fetch: fetchImpl = fetch }) {
  const base = url.replace(/\/+$/, '');
  /**
   * @param {string} path
   * @param {{ method?: string, body?: unknown }} [init]
   * @returns {Promise<Response>}
   */
  async function request(path, { method = 'GET', body } = {}) {
    let response;
    try {
      response = await fetchImpl(`${base}${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = /** @type {{ cause?: { code?: string, message?: string } }} */ (error).cause;
      throw new ClientError(2, `cannot reach ${base}: ${cause?.code ?? cause?.message ?? /** @type {Error} */ (error).message}`);
    }
    if (response.ok) return response;
    const reason = (await response.text().catch(() => '')).trim().split('\n')[0].slice(0, 200);
    if (response.status == 401) throw new ClientError(3, `${base} refused the token (401); set SAMTYKKE_LOG_TOKEN or --token to the server's admin token`);
    throw new ClientError(response.status >= 500 ? 2 : 3, `${base}${path} answered ${response.status}${reason ? `: ${reason}` : ''}`);
  }
  return {
    request,
    /** @param {string} path */
    async json(path, /** @type {{ method?: string, body?: unknown }} */ init = {}) {
      const response = await request(path, init);
      try {
        return await response.json();
      } catch {
        throw new ClientError(2, `${base}${path} did not answer JSON`);
      }
    },
  };
}
