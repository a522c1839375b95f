// examples/react: the browser bundle (src/client.tsx → app.js, which
// hydrates) and the server's renderer (src/server.tsx → server.js, which
// the examples server imports; react stays external there, as on a real
// server). `samtykke` and `samtykke/react` resolve to this repository's
// build (dist/esm), the files npm ships.
import { fileURLToPath } from 'node:url';
import commonjs from '@rollup/plugin-commonjs';
import replace from '@rollup/plugin-replace';
import resolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const OUT = here('../../dist/examples/react');

/** `samtykke` and `samtykke/react` → the package as built in ../../dist/esm. */
const thisPackage = {
  name: 'this-package',
  resolveId(source) {
    if (source == 'samtykke') return here('../../dist/esm/index.js');
    if (source == 'samtykke/react') return here('../../dist/esm/react.js');
    return null;
  },
};

// Type errors fail the build: the example proves the published types.
const ts = () => typescript({ tsconfig: here('tsconfig.json'), noEmitOnError: true });

export default [
  {
    input: here('src/client.tsx'),
    output: { dir: OUT, entryFileNames: 'app.js', format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
    plugins: [
      thisPackage,
      // React reads process.env.NODE_ENV; its production build, unminified
      // (minifying react-dom would slow every `npm run build`).
      replace({ preventAssignment: true, values: { 'process.env.NODE_ENV': JSON.stringify('production') } }),
      resolve({ browser: true }),
      commonjs(),
      ts(),
      // samtykke's language files (see the npm-esm example).
    ],
  },
  {
    input: here('src/server.tsx'),
    external: [/^react($|\/)/, /^react-dom($|\/)/],
    output: { dir: OUT, entryFileNames: 'server.js', format: 'es' },
    plugins: [thisPackage, resolve(), ts()],
  },
];
