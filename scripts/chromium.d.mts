/** The Chromium to drive: $SAMTYKKE_CHROMIUM, the system's, or Playwright's own; throws with how to get one. */
export function findChromium(): string;
/** Flags for a headless Chromium on a closed network (CI, containers). */
export const CHROMIUM_ARGS: string[];
