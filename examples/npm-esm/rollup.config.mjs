// How an app bundles samtykke: `import { init } from 'samtykke'`, built with
// rollup like any other dependency. In your app the package comes from
// node_modules; here `samtykke` resolves to this repository's build (the
// same files npm ships), so the example always tests the current code.
//
// samtykke loads its banner and each language on demand with import(): the
// banner is a static path, so rollup splits it by itself; the language file
// is `./locales/${code}.js`, which needs @rollup/plugin-dynamic-import-vars
// (Vite and webpack handle it without a plugin).
import { fileURLToPath } from 'node:url';
import dynamicImportVars from '@rollup/plugin-dynamic-import-vars';
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
    dynamicImportVars(),
    terser(),
  ],
};
