const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** 22 characters of 6 random bits each (132 bits), URL- and cookie-safe.
 * 256 is a multiple of 64, so `byte & 63` keeps the draw uniform. */
export function consentId(random: (length: number) => Uint8Array): string {
  const bytes = random(22);
  let id = '';
  for (let i = 0; i < bytes.length; i++) id += ALPHABET[bytes[i] & 63];
  return id;
}
