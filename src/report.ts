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
