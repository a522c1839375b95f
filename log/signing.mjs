// The log's Ed25519 key: it signs checkpoints and retention records, and it
// never goes into the database (whoever can write the database must not be
// able to sign). Where it comes from, first found wins:
//   the `key` option (PEM or KeyObject) · the `keyFile` option ·
//   env SAMTYKKE_LOG_KEY (PEM, PKCS8) · <dir>/signing-key.pem,
// and a key file that does not exist yet is created (mode 0600).
// Every server writing to one database must use the same key.
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, KeyObject } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The key's id: the first 16 hex digits of SHA-256 over the public key's DER (SPKI). */
export function keyIdOf(publicKey) {
  const key = typeof publicKey == 'string' ? createPublicKey(publicKey) : publicKey;
  return createHash('sha256').update(key.export({ type: 'spki', format: 'der' })).digest('hex').slice(0, 16);
}

/** What a checkpoint signs. */
export const checkpointText = ({ seq, hash, time }) => `${seq}\n${hash}\n${time}`;

/** What a retention record signs: the last deleted row, which the chain now starts after. */
export const retentionText = ({ lastSeq, lastHash, time }) => `retention\n${lastSeq}\n${lastHash}\n${time}`;

/** Whether `signature` (base64) is `publicKey`'s Ed25519 signature of `text`. */
export function verifySignature(publicKey, text, signature) {
  try {
    return verify(null, Buffer.from(text, 'utf8'), publicKey, Buffer.from(signature, 'base64'));
  } catch {
    return false;
  }
}

function privateKeyOf(key, where) {
  let object;
  try {
    // An env var set from a .env file often carries "\n" as two characters.
    object = key instanceof KeyObject ? key : createPrivateKey(String(key).replace(/\\n/g, '\n'));
  } catch (error) {
    throw new Error(`samtykke log: the signing key from ${where} is not a PEM private key (${error.message})`);
  }
  if (object.type != 'private' || object.asymmetricKeyType != 'ed25519') throw new Error(`samtykke log: the signing key from ${where} must be an Ed25519 private key`);
  return object;
}

/** A new key in `file`, unless another process made one first (then that one). */
function createKeyFile(file) {
  mkdirSync(dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, privateKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  try {
    // link() fails if the file exists: two servers starting at once agree on one key.
    linkSync(temp, file);
  } catch (error) {
    if (error.code != 'EEXIST') throw error;
  } finally {
    rmSync(temp, { force: true });
  }
}

/**
 * @param {{ key?: string | KeyObject; keyFile?: string; dir?: string }} options
 */
export function loadSigningKey({ key, keyFile, dir = '.samtykke-log' } = {}) {
  let privateKey;
  let source;
  if (key) (privateKey = privateKeyOf(key, 'the key option')), (source = 'option');
  else if (!keyFile && process.env.SAMTYKKE_LOG_KEY) (privateKey = privateKeyOf(process.env.SAMTYKKE_LOG_KEY, 'SAMTYKKE_LOG_KEY')), (source = 'env');
  else {
    const file = keyFile ?? join(dir, 'signing-key.pem');
    if (!existsSync(file)) createKeyFile(file);
    privateKey = privateKeyOf(readFileSync(file, 'utf8'), file);
    source = file;
  }
  const publicKey = createPublicKey(privateKey);
  const publicKeyPem = /** @type {string} */ (publicKey.export({ type: 'spki', format: 'pem' }));
  return {
    source,
    publicKeyPem,
    keyId: keyIdOf(publicKey),
    /** Ed25519 over the UTF-8 of `text`, base64. */
    sign: (text) => sign(null, Buffer.from(text, 'utf8'), privateKey).toString('base64'),
  };
}
