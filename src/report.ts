/** One console message per problem, however often it happens: the SDK must
 * not flood the host page's console. */
export function reporter(log: (message: string) => void = (m) => console.error(m)) {
  const said = new Set<string>();
  return (message: string) => {
    if (said.has(message)) return;
    said.add(message);
    log(message);
  };
}

/** The page's reporter, shared by everything in this copy of the bundle. */
export const report = reporter();

/** For what works but should be fixed by the site (advice, not a failure). */
export const warn = reporter((m) => console.warn(m));
