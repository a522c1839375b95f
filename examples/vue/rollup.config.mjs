// examples/vue: the browser bundle (src/client.ts → app.js, which
// hydrates) and the server's renderer (src/server.ts → server.js, which
// the examples server imports; vue stays external there, as on a real
// server). `samtykke` and `samtykke/vue` resolve to this repository's
// build (dist/esm), the files npm ships.
import { fileURLToPath } from 'node:url';
import replace from '@rollup/plugin-replace';
import resolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('../../dist/examples/vue');

/** `samtykke` and `samtykke/vue` → the package as built in ../../dist/esm. */
const thisPackage = {
  name: 'this-package',
  resolveId(source) {
    if (source == 'samtykke') return here('../../dist/esm/index.js');
    if (source == 'samtykke/vue') return here('../../dist/esm/vue.js');
    return null;
  },
};

// Type errors fail the build: the example proves the published types.
const ts = () => typescript({ tsconfig: here('tsconfig.json'), noEmitOnError: true });

export default [
  {
    input: here('src/client.ts'),
    output: { dir: OUT, entryFileNames: 'app.js', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [
      thisPackage,
      // Vue's bundler build reads these; its production build, unminified.
      replace({
        preventAssignment: true,
        values: {
          'process.env.NODE_ENV': JSON.stringify('production'),
          __VUE_OPTIONS_API__: 'false',
          __VUE_PROD_DEVTOOLS__: 'false',
          __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: 'true',
        },
      }),
      resolve({ browser: true }),
      ts(),
      // samtykke's language files (see the npm-esm example).
    ],
  },
  {
    input: here('src/server.ts'),
    external: [/^vue($|\/)/],
    output: { dir: OUT, entryFileNames: 'server.js', format: 'es' },
    plugins: [thisPackage, resolve(), ts()],
  },
];
