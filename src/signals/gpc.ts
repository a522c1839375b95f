/** Global Privacy Control: only `true` is a signal. `undefined` (browsers
 * without GPC) and anything else mean "no signal", not a refusal. */
export function readGpc(navigator: unknown): boolean {
  return (navigator as { globalPrivacyControl?: unknown } | undefined)?.globalPrivacyControl === true;
}
