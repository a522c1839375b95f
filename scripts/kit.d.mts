export function borrowFromUi(): import('rollup').Plugin;
export const KIT_GLOBALS: Record<string, string>;
