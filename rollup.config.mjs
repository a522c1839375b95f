// Three builds from one source:
//   dist/esm/        ESM for bundlers, one file per module (so unused ones,
//                    zod's schema above all, are dropped), with .d.ts types
//   dist/samtykke.min.js   script tag, production: no zod on the page
//   dist/samtykke.js       script tag, development: full validation, readable
import typescript from '@rollup/plugin-typescript';
import resolve from '@rollup/plugin-node-resolve';
import replace from '@rollup/plugin-replace';
import terser from '@rollup/plugin-terser';

const dev = (value) => replace({ preventAssignment: true, values: { __DEV__: String(value) } });

// Only the script-tag entry acts on load; every other module just defines
// things, so what a build does not call is dropped (zod in production).
// init() runs inside try/catch; rollup would otherwise keep every function
// called there, including the dead development-only validation.
const treeshake = {
  moduleSideEffects: (id, external) => external || id.endsWith('src/browser.ts'),
  tryCatchDeoptimization: false,
};

const script = (file, development) => ({
  input: 'src/browser.ts',
  treeshake,
  output: { file, format: 'iife', sourcemap: true },
  plugins: [
    dev(development),
    resolve({ browser: true }),
    typescript({ tsconfig: './tsconfig.json', declaration: false, sourceMap: development, include: ['src/**/*'] }),
    !development &&
      terser({
        ecma: 2020,
        compress: { passes: 3, pure_getters: true, unsafe_arrows: true },
        format: { comments: false },
      }),
  ],
});

export default [
  {
    input: 'src/index.ts',
    external: [/^js-cookie/, /^zod/, /^preact/],
    treeshake,
    output: { dir: 'dist/esm', format: 'es', preserveModules: true, preserveModulesRoot: 'src', sourcemap: true },
    plugins: [
      dev(false),
      typescript({
        tsconfig: './tsconfig.json',
        rootDir: 'src',
        outDir: 'dist/esm',
        declaration: true,
        declarationDir: 'dist/esm',
        // Patterns are relative to rootDir here.
        include: ['**/*.ts'],
      }),
    ],
  },
  script('dist/samtykke.min.js', false),
  script('dist/samtykke.js', true),
];
