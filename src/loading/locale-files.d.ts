// The language files locale-imports.ts imports: dist/esm/locales/<code>.<part>.js,
// written beside the ESM build by scripts/locales.mjs (src/ has none). Each
// is one part of one language, its strings in key order (locale-parts.ts).
declare module '*.banner.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
declare module '*.preferences.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
declare module '*.opt-out.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
declare module '*.privacy.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
declare module '*.rights.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
declare module '*.notice.js' {
  const values: import('../ui/locale-parts.js').Values;
  export default values;
}
