// The admin token of `samtykke log serve`: SAMTYKKE_LOG_TOKEN, else the
// token file (--token-file, by default `admin-token` in the --db folder).
// On the first start there is none: one is generated, written with mode
// 0600 (only its owner can read it) and printed once, so the operator can
// copy it into their secrets; later starts read the file and print nothing.
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** Shorter tokens are guessable; a generated one has 256 bits. */
export const MIN_TOKEN_LENGTH = 16;

/** A new token: 32 random bytes, base64url (43 characters). */
export function generateToken() {
  return randomBytes(32).toString('base64url');
}

/**
 * @param {{ env: Record<string, string | undefined>, file: string }} options
 * @returns {{ token: string, source: 'env' | 'file' | 'generated', file: string | null, warning: string | null }}
 *   throws an Error with a one-line message when the token is too short or the file unreadable
 */
export function resolveToken({ env, file }) {
  const fromEnv = env.SAMTYKKE_LOG_TOKEN?.trim();
  if (fromEnv) return { token: checked(fromEnv, 'SAMTYKKE_LOG_TOKEN'), source: 'env', file: null, warning: null };
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code != 'ENOENT') throw new Error(`cannot read the token file ${file}: ${/** @type {Error} */ (error).message}`);
  }
  if (text !== undefined) {
    // A token others can read is everyone's token.
    const loose = (statSync(file).mode & 0o077) != 0;
    const warning = loose ? `the token file ${file} can be read by others; chmod 600 it` : null;
    return { token: checked(text.trim(), file), source: 'file', file, warning };
  }
  const token = generateToken();
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  // 'wx': never overwrite a token another process just wrote.
  writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  return { token, source: 'generated', file, warning: null };
}

function checked(/** @type {string} */ token, /** @type {string} */ where) {
  // It travels in an Authorization header: printable ASCII only.
  if (token.length < MIN_TOKEN_LENGTH || !/^[\x21-\x7e]+$/.test(token)) {
    throw new Error(`the admin token in ${where} must be at least ${MIN_TOKEN_LENGTH} printable ASCII characters, no spaces`);
  }
  return token;
}
