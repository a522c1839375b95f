// How an app bundles samtykke: `import { init } from 'samtykke'`, built with
// rollup like any other dependency. In your app the package comes from
// node_modules; here `samtykke` resolves to this repository's build (the
// same files npm ships), so the example always tests the current code.
//
// samtykke loads its banner and each part of each language on demand, each
// with a literal import(), so rollup splits them by itself, with no plugin
// (as Vite, webpack and esbuild do).
import { fileURLToPath } from 'node:url';
import resolve from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import terser from '@rollup/plugin-terser';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));

/** `samtykke` → the package as built in ../../dist/esm (what npm installs). */
const thisPackage = {
  name: 'this-package',
  resolveId(source) {
    return source == 'samtykke' ? here('../../dist/esm/index.js') : null;
  },
};

export default {
  input: here('src/app.ts'),
  output: { dir: here('../../dist/examples/npm-esm'), format: 'es', sourcemap: true, chunkFileNames: 'chunks/[name]-[hash].js' },
  plugins: [
    thisPackage,
    resolve({ browser: true }),
    // Type errors fail the build: the example proves the published types.
    typescript({ tsconfig: here('tsconfig.json'), noEmitOnError: true }),
    terser(),
  ],
};
