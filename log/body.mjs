// Reading a request body with a hard limit and a deadline. The endpoint is
// public, so a body is hostile until read: one that declares more than the
// limit is refused before a byte is read, one that streams past the limit
// is refused at the byte that crosses it (the rest is never buffered), and
// one that stalls (a Content-Length larger than what is sent) is refused
// when the deadline passes rather than holding a socket forever.

/** A body the server refuses: `status` is the answer (400, 408, 413). */
export class BodyError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/**
 * @param {import('node:http').IncomingMessage} request
 * @param {{ limit: number, timeoutMs: number }} options
 * @returns {Promise<Buffer>}
 */
export function readBody(request, { limit, timeoutMs }) {
  return new Promise((resolve, reject) => {
    const declared = request.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      reject(new BodyError(413, `the body is over ${limit} bytes`));
      return;
    }
    /** @type {Buffer[]} */
    const chunks = [];
    let size = 0;
    let done = false;
    const finish = (/** @type {Error | null} */ error, /** @type {Buffer} */ body = Buffer.alloc(0)) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      request.off('data', onData).off('end', onEnd).off('error', onError).off('aborted', onAborted).off('close', onAborted);
      // Whatever else arrives is not wanted; the server closes the connection.
      if (error) request.resume();
      if (error) reject(error);
      else resolve(body);
    };
    const onData = (/** @type {Buffer} */ chunk) => {
      size += chunk.length;
      if (size > limit) finish(new BodyError(413, `the body is over ${limit} bytes`));
      else chunks.push(chunk);
    };
    const onEnd = () => finish(null, Buffer.concat(chunks, size));
    const onError = () => finish(new BodyError(400, 'the body could not be read'));
    const onAborted = () => finish(new BodyError(400, 'the body was cut short'));
    const timer = setTimeout(() => finish(new BodyError(408, 'the body did not arrive in time')), timeoutMs);
    request.on('data', onData).on('end', onEnd).on('error', onError).on('aborted', onAborted).on('close', onAborted);
  });
}

/**
 * The body as text, refusing bytes that are not UTF-8 (a receipt the log
 * could not show back exactly is no proof).
 * @param {Buffer} body
 */
export function utf8(body) {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body);
  } catch {
    throw new BodyError(400, 'the body is not UTF-8');
  }
}

/**
 * Parses JSON text; 400 when it is not JSON.
 * @param {string} text
 * @returns {unknown}
 */
export function json(text) {
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'the body is not JSON');
  }
}

/**
 * The media type of a Content-Type header, lower case, and whether its
 * charset (if any) is UTF-8. `text/plain;charset=UTF-8` → { type: 'text/plain', utf8: true }.
 * @param {string | undefined} header
 */
export function mediaType(header) {
  if (!header) return { type: '', utf8: true };
  const [type, ...parameters] = header.split(';');
  let isUtf8 = true;
  for (const parameter of parameters) {
    const [name, value = ''] = parameter.split('=');
    if (name.trim().toLowerCase() == 'charset') isUtf8 = /^"?utf-?8"?$/i.test(value.trim());
  }
  return { type: type.trim().toLowerCase(), utf8: isUtf8 };
}
