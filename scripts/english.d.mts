export function englishParts(): import('rollup').Plugin;
