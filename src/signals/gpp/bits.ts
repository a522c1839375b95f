// The bit layer of the IAB GPP Consent String Specification: fixed-width
// integers, booleans and Fibonacci-coded integers, written most significant
// bit first, then cut into 6-bit groups and written with the URL-safe
// base64 alphabet. It is not real base64: each part is padded with zero
// bits to whole bytes and then to a multiple of 6, never with `=` (the
// spec's vectors show the byte step: a 3-bit GPC sub-section is `YA`).

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `value` as `width` bits. */
export const int = (value: number, width: number): string => value.toString(2).padStart(width, '0').slice(-width);

export const bool = (value: boolean): string => (value ? '1' : '0');

/** Zeckendorf's representation, smallest Fibonacci number first, closed by
 * an extra 1 (two 1s in a row never occur before it): 1 → 11, 2 → 011,
 * 4 → 1011, 8 → 000011. */
export function fibonacci(value: number): string {
  const numbers = [1, 2];
  while (numbers[numbers.length - 1] <= value) numbers.push(numbers[numbers.length - 1] + numbers[numbers.length - 2]);
  const bits: string[] = [];
  let rest = value;
  for (let i = numbers.length - 1; i >= 0; i--) {
    if (numbers[i] <= rest) {
      bits[i] = '1';
      rest -= numbers[i];
    } else bits[i] = '0';
  }
  const used = bits.join('').replace(/0+$/, '');
  return used + '1';
}

/** The header's section list: a Fibonacci range of ids, each single id coded
 * as its distance from the one before. */
export function idRange(ids: readonly number[]): string {
  let previous = 0;
  let bits = int(ids.length, 12);
  for (const id of ids) {
    bits += '0' + fibonacci(id - previous);
    previous = id;
  }
  return bits;
}

export function base64url(bits: string): string {
  const bytes = bits.padEnd(Math.ceil(bits.length / 8) * 8, '0');
  const padded = bytes.padEnd(Math.ceil(bytes.length / 6) * 6, '0');
  let out = '';
  for (let i = 0; i < padded.length; i += 6) out += ALPHABET[parseInt(padded.slice(i, i + 6), 2)];
  return out;
}
